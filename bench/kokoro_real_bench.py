"""make bench, real Kokoro-82M part: chorus (HTTP, wav, one kept-alive connection) against
kokoro-onnx in Python on the same model file and voice, side by side in one run.

For a 300- and a 2,000-character English text, alternating runs of each: total time, real-time
factor (synthesis time / audio time), time to the first audio byte (chorus: first body byte of
the streamed response; kokoro-onnx: first chunk of create_stream), peak RSS of each process.
Then RSS of the chorus server over REQUESTS short requests, read every 100.

Usage (the venv of scripts/test-venv.sh provides kokoro-onnx):
    scripts/test-venv.sh run bench/kokoro_real_bench.py --chorus-binary build/chorus --models DIR
"""
import argparse
import asyncio
import http.client
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time

VOICE = "jf_alpha"
RATE = 24000
SENTENCES = [
    "The ferry left the harbour a little after dawn, and the gulls followed it out past the breakwater.",
    "On the upper deck a girl held her grandfather's hand while he pointed at the grey line of the coast.",
    "Nobody else was awake yet, and the engines hummed below them like a sleeping animal.",
    "By noon the wind had turned, and the sea was the colour of old pewter under a low sky.",
    "She counted the lighthouses as they passed, and wrote their names in a small blue notebook.",
]


def text_of(length):
    text, i = "", 0
    while len(text) < length:
        text += SENTENCES[i % len(SENTENCES)] + " "
        i += 1
    cut = text[:length]
    return cut[:cut.rfind(".") + 1] if "." in cut else cut


class Chorus:
    def __init__(self, binary, models):
        self.proc = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", "0",
                                      "--models-dir", models],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.port = None
        ready = threading.Event()

        def pump():
            for line in self.proc.stderr:
                if self.port is None and "listening on http://" in line:
                    self.port = int(line.rsplit(":", 1)[1])
                    ready.set()
            ready.set()

        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(120) or self.port is None:
            raise SystemExit("chorus did not start")
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1200)

    def speak(self, text):
        try:
            return self._speak(text)
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            # The server closed the idle kept-alive connection while the other side ran, as
            # servers do after their keep-alive timeout; a client opens a new one (as urllib3 does).
            self.conn.close()
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1200)
            return self._speak(text)

    def _speak(self, text):
        body = json.dumps({"model": "kokoro", "voice": VOICE, "input": text, "language": "en",
                           "response_format": "wav"})
        start = time.monotonic()
        self.conn.request("POST", "/v1/audio/speech", body, {"Content-Type": "application/json"})
        resp = self.conn.getresponse()
        assert resp.status == 200, resp.read()[:200]
        first = resp.read(1)
        ttfb = time.monotonic() - start
        rest = resp.read()
        total = time.monotonic() - start
        samples = (len(first) + len(rest) - 44) // 2
        return total, ttfb, samples / RATE

    def rss(self, field="VmRSS"):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def stop(self):
        self.proc.terminate()
        self.proc.wait(30)


WORKER = r'''
import asyncio, json, resource, sys, time
from kokoro_onnx import Kokoro
model, voices, voice = sys.argv[1:4]
kokoro = Kokoro(model, voices)
for line in sys.stdin:
    text = json.loads(line)
    start = time.monotonic()
    audio, rate = kokoro.create(text, voice=voice, lang="en-us")
    total = time.monotonic() - start
    async def first_chunk():
        t0 = time.monotonic()
        stream = kokoro.create_stream(text, voice=voice, lang="en-us")
        async for chunk, _ in stream:
            t = time.monotonic() - t0
            await stream.aclose()
            return t
    ttfb = asyncio.run(first_chunk())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps([total, ttfb, len(audio) / rate, rss]), flush=True)
'''


class KokoroOnnx:
    def __init__(self, models):
        self.proc = subprocess.Popen([sys.executable, "-c", WORKER,
                                      os.path.join(models, "kokoro", "kokoro-v1.0.int8.onnx"),
                                      os.path.join(models, "kokoro", "voices-v1.0.bin"), VOICE],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def speak(self, text):
        self.proc.stdin.write(json.dumps(text) + "\n")
        self.proc.stdin.flush()
        total, ttfb, seconds, self.peak = json.loads(self.proc.stdout.readline())
        return total, ttfb, seconds

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(60)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chorus-binary", required=True)
    parser.add_argument("--models", required=True)
    parser.add_argument("--runs", type=int, default=3, help="runs of each side per text")
    parser.add_argument("--requests", type=int, default=500, help="short requests for the RSS check")
    args = parser.parse_args()
    import onnxruntime
    print(f"\nKokoro-82M int8 (real weights), voice {VOICE}: chorus over HTTP (wav, kept-alive) "
          f"against kokoro-onnx in Python (onnxruntime {onnxruntime.__version__}), {os.cpu_count()} cores")
    chorus = Chorus(args.chorus_binary, args.models)
    reference = KokoroOnnx(args.models)
    chorus.speak("Warm up.")
    reference.speak("Warm up.")
    print(f"{'text':>6} {'side':<11} {'total s':>8} {'audio s':>8} {'RTF':>6} {'first byte ms':>14} "
          f"{'peak RSS MiB':>13}")
    for length in (300, 2000):
        text = text_of(length)
        ours, theirs = [], []
        runs = args.runs if length <= 300 else max(1, args.runs - 1)
        for _ in range(runs):
            ours.append(chorus.speak(text))
            theirs.append(reference.speak(text))
        for side, results, rss in (("chorus", ours, chorus.rss("VmHWM")),
                                   ("kokoro-onnx", theirs, reference.peak)):
            total = statistics.median(r[0] for r in results)
            ttfb = statistics.median(r[1] for r in results)
            audio = statistics.median(r[2] for r in results)
            print(f"{len(text):>6} {side:<11} {total:>8.2f} {audio:>8.2f} {total / audio:>6.3f} "
                  f"{ttfb * 1000:>14.0f} {rss:>13.1f}")
        ratio = statistics.median(o[0] for o in ours) / statistics.median(t[0] for t in theirs)
        print(f"{'':>6} chorus / kokoro-onnx total time: {ratio:.2f}x")
    reference.stop()

    print(f"\nchorus server RSS over {args.requests} short requests (MiB, every 100):")
    readings = [chorus.rss()]
    for i in range(1, args.requests + 1):
        chorus.speak(SENTENCES[i % len(SENTENCES)])
        if i % 100 == 0:
            readings.append(chorus.rss())
    print("  " + " ".join(f"{r:.1f}" for r in readings) +
          f"  (growth after the first 100: {readings[-1] - readings[1]:+.1f} MiB)")
    chorus.stop()


if __name__ == "__main__":
    main()
