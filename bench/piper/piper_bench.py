#!/usr/bin/python3
"""Piper in chorus against piper-tts (Piper's own Python implementation) on the real
en_US-joe-medium voice, side by side in one run:

  reference  noise set to zero in both: chorus's audio (HTTP, wav) against piper-tts's, after
             bringing piper-tts's 22.05 kHz output to chorus's 24 kHz with ffmpeg: correlation
             and signal-to-difference ratio.
  speed      300 and 2,000 characters: total time and time to first audio (chorus: first byte of
             the HTTP body, on one kept-alive connection; piper-tts: first sentence out of
             synthesize()), N runs of each taking turns, medians. Both sample the voice's
             noise, so the audio's length varies from run to run; it is printed beside.
  memory     RSS with 10 voices installed and 2 in use (chorus: the server process; piper-tts: a
             Python process holding the 2 voices).

Usage: bench/piper/piper_bench.py --chorus-binary build/chorus [--models DIR] [--runs 7]
Needs the models of scripts/fetch-test-models.sh and the venv of scripts/test-venv.sh (piper-tts).
"""
import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from support.chorus_process import start_chorus  # noqa: E402
VOICE = "en_US-joe-medium"

STORY = (
    "The old lighthouse stood at the edge of the cliff, its lamp dark for many years. "
    "Every evening the keeper's daughter climbed the stairs anyway, counting each step, and watched "
    "the ships pass far below. One night she saw a light answer hers, far out on the water. "
    "Nobody in the village believed her at first. The fishermen said it was a reflection, the "
    "baker said it was a lantern on a passing boat, and the schoolteacher said it was her "
    "imagination. But the light came back the next night, and the night after that, always at "
    "the same hour and always from the same place on the horizon. "
    "So she began to keep a notebook. She wrote down the time, the weather, the colour of the "
    "sea, and the pattern of the flashes: three short, one long, a pause, and then again. After "
    "two weeks she was certain it was a message, and after three she thought she knew what it "
    "said. "
    "She took the notebook to the harbour master, an old man who had sailed every coast of the "
    "north sea. He read it slowly, turning the pages with care, and when he reached the end he "
    "took off his glasses and looked at her for a long time without saying a word. "
    "Then he stood up, walked to the cupboard behind his desk, and took out a signal lamp that "
    "had not been lit in forty years. He handed it to her and said: tonight, we answer properly. "
    "They climbed the lighthouse together. The wind was strong and the stairs were cold, but "
    "neither of them spoke until they reached the top. He showed her how to hold the shutter and "
    "how to count the beats, and at the agreed hour she sent the reply. For a long minute nothing "
    "happened. Then, far out on the dark water, the light answered: three short, one long. "
    "The harbour master laughed quietly, the first time she had heard him laugh, and told her "
    "that the ship out there had been waiting a long time for someone to remember the old code. "
    "In the morning the whole village came down to the harbour to see who would arrive.")


def text_of(length):
    """The story cut to exactly `length` characters, ending at a word with a full stop."""
    text = (STORY + " ") * (1 + length // len(STORY))
    text = text[:length - 1].rsplit(" ", 1)[0].rstrip(",;:")
    text = text + "." * (length - len(text))
    return text[:length]


TEXT_300 = text_of(300)
TEXT_2000 = text_of(2000)


def chorus_speak(conn, text, voice, fmt="wav"):
    """One request on `conn`, a kept-alive connection as clients hold one."""
    body = json.dumps({"model": "piper", "input": text, "voice": "piper:" + voice, "response_format": fmt})
    for attempt in (1, 2):
        start = time.perf_counter()
        try:
            conn.request("POST", "/v1/audio/speech", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            break
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            # The server closed the connection while it sat idle longer than
            # limits.idle_timeout_s (piper-tts's turn on 2,000 characters): connect again, as a
            # client's connection pool does.
            conn.close()
            if attempt == 2:
                raise
    first_piece = response.read1(65536) if hasattr(response, "read1") else response.read(1)
    first = time.perf_counter() - start
    data = first_piece + response.read()
    total = time.perf_counter() - start
    if response.status != 200:
        raise RuntimeError(f"chorus answered {response.status}: {data[:300]!r}")
    return first, total, data


def median(values):
    return statistics.median(list(values))


def wav_seconds(data):
    """Length of a WAV body as chorus streams it (16-bit mono; the header's sizes are unknown
    while streaming, so from the data chunk's start)."""
    start = data.find(b"data") + 8
    rate = int.from_bytes(data[24:28], "little")
    return (len(data) - start) / 2 / rate


def decode_to_24k(data, input_args):
    out = subprocess.run(["ffmpeg", "-v", "error", *input_args, "-i", "pipe:0", "-f", "s16le", "-ac", "1",
                          "-ar", "24000", "pipe:1"], input=data, capture_output=True, check=True).stdout
    return np.frombuffer(out, dtype=np.int16).astype(np.float64) / 32768.0


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class PiperTts:
    def __init__(self, python):
        self.proc = subprocess.Popen([python, os.path.join(os.path.dirname(__file__), "piper_tts_worker.py")],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def call(self, **request):
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self):
        self.proc.stdin.close()
        self.proc.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chorus-binary", required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--models", default=os.environ.get(
        "CHORUS_TEST_MODELS", os.path.expanduser("~/.cache/chorus/test-models")))
    args = parser.parse_args()

    subprocess.run(["bash", os.path.join(ROOT, "scripts", "fetch-test-models.sh"), args.models], check=True)
    python = subprocess.run(["bash", os.path.join(ROOT, "scripts", "test-venv.sh")], check=True,
                            capture_output=True, text=True).stdout.strip()
    joe = os.path.join(args.models, "piper", VOICE + ".onnx")

    # 10 voices installed: joe under 10 names (hard links, one copy on disk).
    models = tempfile.mkdtemp(prefix="chorus-piper-bench-")
    os.makedirs(os.path.join(models, "piper"))
    names = [f"en_US-joe{i}-medium" for i in range(10)]
    for name in names:
        for suffix in (".onnx", ".onnx.json"):
            source = joe if suffix == ".onnx" else joe + ".json"
            target = os.path.join(models, "piper", name + suffix)
            try:
                os.link(source, target)
            except OSError:
                shutil.copy(source, target)

    piper = PiperTts(python)
    piper.call(op="load", voices=[joe])
    print(f"# Piper: chorus vs piper-tts, voice {VOICE}, {os.cpu_count()} cores")

    # Reference: noise zero in both, and whole sentences in both. chorus's router cuts its first
    # chunk short for a quick first byte (routing.first_chunk_chars, 40): the model would then
    # speak "The quick brown fox jumps over the lazy" as a phrase of its own, which piper-tts
    # never does, so that cut is turned off here.
    proc, port = start_chorus(args.chorus_binary, models, {"CHORUS_ENGINES_PIPER_NOISE_SCALE": "0",
                                                         "CHORUS_ENGINES_PIPER_NOISE_W": "0",
                                                         "CHORUS_ROUTING_FIRST_CHUNK_CHARS": "10000"})
    try:
        text = "The quick brown fox jumps over the lazy dog. Piper speaks this sentence clearly."
        _, _, wav = chorus_speak(http.client.HTTPConnection("127.0.0.1", port, timeout=600), text, names[0])
        ours = decode_to_24k(wav, [])
        ref_path = os.path.join(models, "reference.f32")
        info = piper.call(op="speak", voice=joe, text=text, noise=False, out=ref_path)
        with open(ref_path, "rb") as f:
            theirs = decode_to_24k(f.read(), ["-f", "f32le", "-ar", str(info["rate"]), "-ac", "1"])
        n = min(len(ours), len(theirs))
        a, b = ours[:n], theirs[:n]
        corr = float(np.corrcoef(a, b)[0, 1])
        sdr = 10 * np.log10(np.sum(b ** 2) / max(np.sum((a - b) ** 2), 1e-12))
        print(f"reference (noise 0): samples chorus {len(ours)} piper-tts {len(theirs)} at 24 kHz; "
              f"correlation {corr:.5f}; signal-to-difference {sdr:.1f} dB")
    finally:
        proc.terminate()
        proc.wait()

    # Speed and memory, with the voices' own noise.
    proc, port = start_chorus(args.chorus_binary, models, {})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        chorus_speak(conn, "Warm up.", names[0])
        chorus_speak(conn, "Warm up.", names[1])
        piper.call(op="speak", voice=joe, text="Warm up.")
        print(f"medians of {args.runs} runs each, chorus and piper-tts taking turns")
        print("| text | chorus total | chorus first byte | piper-tts total | piper-tts first sentence | ratio | "
              "audio chorus / piper-tts |")
        print("|---|---|---|---|---|---|---|")
        for label, text in (("300 chars", TEXT_300), ("2,000 chars", TEXT_2000)):
            ours, theirs = [], []
            for _ in range(args.runs):
                first, total, wav = chorus_speak(conn, text, names[0])
                ours.append((first, total, wav_seconds(wav)))
                reply = piper.call(op="speak", voice=joe, text=text)
                theirs.append((reply["first"], reply["total"], reply["samples"] / reply["rate"]))
            ours_total, theirs_total = median(r[1] for r in ours), median(r[1] for r in theirs)
            print(f"| {label} ({len(text)}) | {ours_total:.2f} s | {median(r[0] for r in ours) * 1000:.0f} ms | "
                  f"{theirs_total:.2f} s | {median(r[0] for r in theirs) * 1000:.0f} ms | "
                  f"{ours_total / theirs_total:.2f}x | {median(r[2] for r in ours):.1f} / "
                  f"{median(r[2] for r in theirs):.1f} s |")
        second = os.path.join(models, "piper", names[1] + ".onnx")
        piper.call(op="load", voices=[second])
        piper.call(op="speak", voice=second, text="Second voice.")
        print(f"RSS, 10 voices installed, 2 in use: chorus {rss_kb(proc.pid) / 1024:.0f} MB, "
              f"piper-tts {piper.call(op='rss')['rss_kb'] / 1024:.0f} MB")
    finally:
        proc.terminate()
        proc.wait()
        piper.close()
        shutil.rmtree(models, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
