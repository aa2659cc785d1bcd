#!/usr/bin/python3
"""Soak run for chorus (`make soak`): thousands of mixed requests from concurrent clients against
the real server, with the XTTS stand-in service (tests/fixtures/xtts_standin) killed and started
again during the run.

The mix: /v1/audio/speech in every format, with OpenAI, espeak, Kokoro (when the server has it)
and XTTS voices, several languages, whole responses, streams read to the end, SSE, and streams the
client drops after the first bytes; /v1/audio/clone with a recorded sample. Every response is
checked (status, headers, the start of the audio or the SSE events).

Expected refusals are 429 (admission queue full) and 503 (an engine or the XTTS service down); a
stream cut short while the XTTS service was being killed is counted as "interrupted" (the engine
died mid-stream and the client saw the stream end), not as an error. Everything else - 4xx/5xx,
a bad body, a connection error, a timeout - is an unexpected error.

The warm-up (--warmup requests, more clones, the XTTS kills already running) brings the server to
its steady state: every path, fallbacks included, has run, and the malloc arenas have their
working size. RSS is read after it (idle), every 500 requests (under load) and at the end (idle).

Exit status: 0 when there are no unexpected errors and the server's RSS at the end, less what the
result cache took on meanwhile (chorus_cache_bytes; the cache's byte budget bounds it), is within
--max-rss-growth-mb of its RSS after the warm-up; 1 otherwise. The readings under load are also
summed up as a trend: the mean of their second half minus the mean of their first half.

  /usr/bin/python3 bench/soak/soak.py --chorus-binary build/chorus [--requests 3000] [--clients 8]
"""
import argparse
import http.client
import json
import os
import random
import re
import socket
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
STANDIN = os.path.join(ROOT, "tests", "fixtures", "xtts_standin", "server.py")
SANITIZER_REPORT = re.compile(r"ERROR: (Address|Leak|Thread|UndefinedBehavior)Sanitizer|"
                              r"WARNING: ThreadSanitizer|runtime error: ")
FORMATS = ["mp3", "opus", "aac", "flac", "wav", "pcm"]
TEXTS = {
    "en": ["Hello there, this is a soak test.", "It costs $5.99 at 3:45 pm on 2024-03-01.",
           "Dr. Smith lives 10 km away. He was born in 1984, and he has 2 cats!"],
    "fr": ["Bonjour, ceci est un essai de longue durée.", "Il a payé 12,50 € à 15h30."],
    "de": ["Guten Morgen, das ist ein Dauertest.", "Am 3. Oktober zahlte er 1.234,56 €."],
    "es": ["Hola, esta es una prueba de resistencia con varias frases."],
}


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StandIn:
    """The XTTS stand-in on a fixed port, so chorus finds it again after a restart."""

    def __init__(self, port):
        self.port = port
        self.proc = None
        self.lock = threading.Lock()
        self.kills = 0
        self.down_since = None
        self.windows = []  # (start, end) of each outage, for classifying interrupted streams

    def start(self):
        self.proc = subprocess.Popen(["/usr/bin/python3", STANDIN, "--port", str(self.port),
                                      "--chunk-delay-ms", "5"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError("the XTTS stand-in did not start")

    def kill(self):
        with self.lock:
            self.down_since = time.monotonic()
            self.proc.kill()
            self.proc.wait()
            self.kills += 1

    def restart(self):
        with self.lock:
            self.start()
            self.windows.append((self.down_since, time.monotonic()))
            self.down_since = None

    def overlaps_outage(self, start, end):
        margin = 1.0
        with self.lock:
            spans = list(self.windows)
            if self.down_since is not None:
                spans.append((self.down_since, time.monotonic()))
        return any(s - margin <= end and start <= e + margin for s, e in spans)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class Chorus:
    def __init__(self, binary, xtts_url, data_dir, extra, env=None):
        args = [binary, "serve", "--host", "127.0.0.1", "--port", "0", "--xtts-url", xtts_url,
                "--data-dir", data_dir, *extra]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True, env=env)
        self.port = None
        self.log_tail = []
        ready = threading.Event()

        def pump():
            for line in self.proc.stderr:
                self.log_tail = (self.log_tail + [line])[-200:]
                if self.port is None and "listening on http://" in line:
                    self.port = int(line.rsplit(":", 1)[1].strip())
                    ready.set()
            ready.set()

        self._reader = threading.Thread(target=pump, daemon=True)
        self._reader.start()
        if not ready.wait(120) or self.port is None:
            self.stop()
            raise RuntimeError("chorus did not start:\n" + "".join(self.log_tail))

    def conn(self, timeout=120):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def get_json(self, path):
        c = self.conn(30)
        c.request("GET", path)
        r = c.getresponse()
        body = r.read()
        c.close()
        return json.loads(body)

    def metrics(self):
        c = self.conn(30)
        c.request("GET", "/metrics")
        text = c.getresponse().read().decode()
        c.close()
        return text

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(10)


def reference_wav():
    """A few seconds of espeak-ng speech, the sample the clone requests upload."""
    with tempfile.TemporaryDirectory(prefix="chorus-soak-") as tmp:
        path = os.path.join(tmp, "ref.wav")
        subprocess.run(["espeak-ng", "-w", path, "The quick brown fox jumps over the lazy dog. "
                        "Pack my box with five dozen liquor jugs, then sing a little song."],
                       check=True)
        with open(path, "rb") as f:
            return f.read()


def multipart(fields):
    boundary = uuid.uuid4().hex
    out = b""
    for name, value, filename in fields:
        disp = f'Content-Disposition: form-data; name="{name}"'
        if filename:
            disp += f'; filename="{filename}"\r\nContent-Type: audio/wav'
        out += f"--{boundary}\r\n{disp}\r\n\r\n".encode() + value + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


AUDIO_MAGIC = {
    "wav": lambda b: b[:4] == b"RIFF",
    "flac": lambda b: b[:4] == b"fLaC",
    "opus": lambda b: b[:4] == b"OggS",
    "mp3": lambda b: b[:3] == b"ID3" or (len(b) > 1 and b[0] == 0xFF and b[1] & 0xE0 == 0xE0),
    "aac": lambda b: len(b) > 1 and b[0] == 0xFF and b[1] & 0xF0 == 0xF0,
    "pcm": lambda b: len(b) >= 2,
}


class Soak:
    def __init__(self, args, chorus, standin, voices):
        self.args = args
        self.chorus = chorus
        self.standin = standin
        self.voices = voices
        self.lock = threading.Lock()
        self.outcomes = Counter()
        self.kinds = Counter()
        self.fallback_headers = Counter()
        self.engines = Counter()
        self.errors = []
        self.next_index = 0
        self.total = 0
        self.ref_wav = reference_wav()
        self.series = []  # (requests sent, RSS MiB, result cache MiB) every 500 requests

    def reading(self):
        return (rss_kib(self.chorus.proc.pid) / 1024,
                metric_sum(self.chorus.metrics(), "chorus_cache_bytes") / 1024 / 1024)

    def take(self):
        with self.lock:
            if self.next_index >= self.total:
                return None
            self.next_index += 1
            if self.next_index % 500 == 0:
                rss, cache = self.reading()
                self.series.append((self.next_index, rss, cache))
                print(f"soak: {self.next_index} requests sent, outcomes so far "
                      f"{dict(sorted(self.outcomes.items()))}; RSS {rss:.1f} MiB, cache {cache:.1f} MiB",
                      file=sys.stderr, flush=True)
            return self.next_index

    def record(self, kind, outcome, detail=None, headers=None):
        with self.lock:
            self.kinds[kind] += 1
            self.outcomes[outcome] += 1
            if headers is not None:
                if headers.get("X-Chorus-Fallback"):
                    self.fallback_headers[headers.get("X-Chorus-Fallback").split(":")[0]] += 1
                if headers.get("X-Chorus-Engine"):
                    self.engines[headers.get("X-Chorus-Engine")] += 1
            if outcome == "error":
                self.errors.append(f"{kind}: {detail}")

    def pick_speech(self, rng):
        lang = rng.choice(list(TEXTS))
        text = rng.choice(TEXTS[lang])
        voice = rng.choice(self.voices.get(lang, ["alloy"]))
        body = {"input": text, "voice": voice, "response_format": rng.choice(FORMATS),
                "model": rng.choice(["tts-1", "tts-1", "tts-1-hd"])}
        if voice in ("alloy", "nova", "echo") or voice.startswith("xtts:"):
            body["language"] = lang
        if rng.random() < 0.2:
            body["speed"] = rng.choice([0.75, 1.25, 1.5])
        return body

    def speech(self, rng):
        body = self.pick_speech(rng)
        mode = rng.choices(["whole", "stream", "sse", "drop"], [4, 3, 2, 2])[0]
        if mode == "sse":
            body["stream_format"] = "sse"
        kind = f"speech-{mode}"
        started = time.monotonic()
        engine = None
        c = self.chorus.conn(self.args.timeout)
        try:
            c.request("POST", "/v1/audio/speech", json.dumps(body),
                      {"Content-Type": "application/json"})
            r = c.getresponse()
            engine = r.headers.get("X-Chorus-Engine")
            if r.status != 200:
                payload = r.read()
                self.classify_refusal(kind, r.status, payload, body)
                return
            if mode == "drop":
                first = r.read1(512) if hasattr(r, "read1") else r.read(512)
                c.close()  # the client leaves mid-stream
                self.record(kind, "ok" if first else "error", "no first bytes", r.headers)
                return
            data = r.read()
            ok, why = self.check_body(body, mode, data)
            if ok:
                self.record(kind, "ok", headers=r.headers)
            elif r.headers.get("X-Chorus-Engine") == "xtts" and \
                    self.standin.overlaps_outage(started, time.monotonic()):
                self.record(kind, "interrupted", headers=r.headers)
            else:
                self.record(kind, "error", f"{why} {body}", r.headers)
        except (http.client.HTTPException, OSError) as err:
            if (engine == "xtts" or body["voice"].startswith("xtts:")) and \
                    self.standin.overlaps_outage(started, time.monotonic()):
                self.record(kind, "interrupted")
            else:
                self.record(kind, "error", f"{type(err).__name__}: {err} {body}")
        finally:
            c.close()

    def check_body(self, body, mode, data):
        if mode == "sse":
            events = [line[5:].strip() for line in data.decode(errors="replace").splitlines()
                      if line.startswith("data:")]
            if not events:
                return False, "no SSE events"
            try:
                last = json.loads(events[-1])
            except ValueError:
                return False, "SSE event is not JSON"
            if last.get("type") != "speech.audio.done":
                return False, f"SSE stream ended without speech.audio.done: {events[-1][:80]}"
            return True, ""
        if not AUDIO_MAGIC[body["response_format"]](data):
            return False, f"{body['response_format']} body starts {data[:8]!r} ({len(data)} bytes)"
        return True, ""

    def clone(self, rng):
        lang = rng.choice(["en", "fr", "de"])
        fmt = rng.choice(["wav", "mp3", "opus"])
        fields = [("text", rng.choice(TEXTS[lang]).encode(), None), ("language", lang.encode(), None),
                  ("response_format", fmt.encode(), None), ("reference_audio", self.ref_wav, "ref.wav")]
        payload, content_type = multipart(fields)
        c = self.chorus.conn(self.args.timeout)
        started = time.monotonic()
        engine = None
        try:
            c.request("POST", "/v1/audio/clone", payload, {"Content-Type": content_type})
            r = c.getresponse()
            engine = r.headers.get("X-Chorus-Engine")
            data = r.read()
            if r.status != 200:
                self.classify_refusal("clone", r.status, data, {"clone": lang})
            elif AUDIO_MAGIC[fmt](data):
                self.record("clone", "ok", headers=r.headers)
            elif engine == "xtts" and self.standin.overlaps_outage(started, time.monotonic()):
                self.record("clone", "interrupted", headers=r.headers)
            else:
                self.record("clone", "error", f"{fmt} body starts {data[:8]!r}", r.headers)
        except (http.client.HTTPException, OSError) as err:
            if engine == "xtts" and self.standin.overlaps_outage(started, time.monotonic()):
                self.record("clone", "interrupted")
            else:
                self.record("clone", "error", f"{type(err).__name__}: {err} (engine {engine})")
        finally:
            c.close()

    def classify_refusal(self, kind, status, payload, body):
        if status in (429, 503):
            self.record(kind, f"refused-{status}")
        else:
            self.record(kind, "error", f"HTTP {status} {payload[:200]!r} for {body}")

    def client(self, seed, clone_share):
        rng = random.Random(seed)
        while self.take() is not None:
            if rng.random() < clone_share:
                self.clone(rng)
            else:
                self.speech(rng)

    def run(self, count, clients, clone_share):
        self.total += count
        threads = [threading.Thread(target=self.client,
                                    args=(self.args.seed * 1000 + i + count, clone_share))
                   for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def engine_killer(standin, stop, period, downtime):
    while not stop.wait(period):
        standin.kill()
        if stop.wait(downtime):
            standin.restart()
            return
        standin.restart()


def metric_sum(text, name):
    """Sum of every sample of metric `name` (all label sets) in Prometheus text."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name + " ") or line.startswith(name + "{"):
            total += float(line.rsplit(" ", 1)[1])
    return total


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--chorus-binary", default=os.path.join(ROOT, "build", "chorus"))
    p.add_argument("--requests", type=int, default=int(os.environ.get("SOAK_REQUESTS", 3000)))
    p.add_argument("--clients", type=int, default=int(os.environ.get("SOAK_CLIENTS", 8)))
    p.add_argument("--warmup", type=int, default=1000, help="requests before the first RSS reading")
    p.add_argument("--clone-share", type=float, default=0.01)
    p.add_argument("--kill-every", type=float, default=15.0, help="seconds between XTTS kills")
    p.add_argument("--downtime", type=float, default=3.0, help="seconds the XTTS service stays down")
    p.add_argument("--max-rss-growth-mb", type=float, default=16.0,
                   help="bound on RSS growth after the warm-up, not counting what the result "
                        "cache holds (its own byte budget bounds that)")
    p.add_argument("--timeout", type=float, default=120.0, help="per-request socket timeout (s)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--malloc-arena-max", type=int, default=0,
                   help="run the server with MALLOC_ARENA_MAX=N (0: glibc's default, 8 per core)")
    p.add_argument("--server-arg", action="append", default=[],
                   help="extra `chorus serve` argument (repeatable)")
    args = p.parse_args()

    port = free_port()
    standin = StandIn(port)
    standin.start()
    data_dir = tempfile.mkdtemp(prefix="chorus-soak-data-")
    env = dict(os.environ)
    if args.malloc_arena_max:
        env["MALLOC_ARENA_MAX"] = str(args.malloc_arena_max)
    chorus = Chorus(os.path.abspath(args.chorus_binary), f"http://127.0.0.1:{port}", data_dir,
                    args.server_arg, env)
    status = 1
    try:
        rss_boot = rss_kib(chorus.proc.pid)
        ids = {v["id"] for v in chorus.get_json("/v1/audio/voices")["voices"]}
        voices = {"en": ["alloy", "nova", "espeak:en-us", "xtts:Ana Florence"],
                  "fr": ["alloy", "espeak:fr", "xtts:Claribel Dervla"],
                  "de": ["echo", "espeak:de", "xtts:Viktor Eka"],
                  "es": ["nova", "espeak:es", "xtts:Andrew Chipper"]}
        if "af_heart" in ids:
            voices["en"] += ["af_heart", "bm_george"]
            voices["fr"] += ["ff_siwis"]
        voices = {lang: [v for v in vs if v in ids or v in ("alloy", "nova", "echo")]
                  for lang, vs in voices.items()}
        soak = Soak(args, chorus, standin, voices)

        t0 = time.monotonic()
        stop = threading.Event()
        killer = threading.Thread(target=engine_killer,
                                  args=(standin, stop, args.kill_every, args.downtime), daemon=True)
        killer.start()
        # The warm-up clones more often: a clone's reference processing and voice matching
        # (several seconds each, limited to a few at a time) allocate several MiB, and RSS only
        # settles once the malloc arenas the HTTP workers share have served some.
        soak.run(args.warmup, args.clients, max(args.clone_share, 0.03))
        soak.series.clear()  # the series covers the measured requests
        rss_start = rss_kib(chorus.proc.pid)
        cache_start = metric_sum(chorus.metrics(), "chorus_cache_bytes") / 1024
        soak.run(args.requests, args.clients, args.clone_share)
        stop.set()
        killer.join()
        elapsed = time.monotonic() - t0
        time.sleep(1.0)  # streams the clients dropped finish cancelling
        rss_end = rss_kib(chorus.proc.pid)
        metrics = chorus.metrics()
        fallbacks = int(metric_sum(metrics, "chorus_fallbacks_total"))
        cache_end = metric_sum(metrics, "chorus_cache_bytes") / 1024
        alive = chorus.proc.poll() is None

        cache_growth_mb = (cache_end - cache_start) / 1024
        growth_mb = (rss_end - rss_start) / 1024 - cache_growth_mb
        unexpected = soak.outcomes["error"]
        arenas = f", MALLOC_ARENA_MAX={args.malloc_arena_max}" if args.malloc_arena_max else ""
        print(f"soak: {args.warmup} warm-up + {args.requests} requests from {args.clients} clients{arenas} "
              f"in {elapsed:.1f} s ({(args.warmup + args.requests) / elapsed:.1f} req/s)")
        print(f"  kinds:     {dict(sorted(soak.kinds.items()))}")
        print(f"  outcomes:  {dict(sorted(soak.outcomes.items()))}")
        print(f"  engines:   {dict(sorted(soak.engines.items()))}")
        print(f"  XTTS service killed and restarted {standin.kills} times")
        print(f"  fallbacks: {fallbacks} (chorus_fallbacks_total); X-Chorus-Fallback headers: "
              f"{dict(sorted(soak.fallback_headers.items()))}")
        print(f"  server RSS: {rss_boot / 1024:.1f} MiB at start, {rss_start / 1024:.1f} MiB after "
              f"warm-up, {rss_end / 1024:.1f} MiB at end")
        print(f"  result cache: {cache_start / 1024:.1f} MiB after warm-up, {cache_end / 1024:.1f} MiB "
              f"at end (chorus_cache_bytes)")
        print(f"  RSS growth after the warm-up, not counting the cache's growth: {growth_mb:+.1f} MiB "
              f"(bound {args.max_rss_growth_mb:.0f} MiB)")
        if soak.series:
            less_cache = [rss - cache for _, rss, cache in soak.series]
            print("  RSS less the result cache, every 500 requests under load: " +
                  ", ".join(f"{v:.1f}" for v in less_cache) + " MiB")
            half = len(less_cache) // 2
            if half:
                first, second = less_cache[:half], less_cache[len(less_cache) - half:]
                trend = sum(second) / half - sum(first) / half
                print(f"  trend under load: {trend:+.1f} MiB (mean of the last {half} readings "
                      f"minus mean of the first {half})")
        for e in soak.errors[:20]:
            print(f"  ERROR {e}")
        failed = []
        if unexpected:
            failed.append(f"{unexpected} unexpected errors")
        if growth_mb > args.max_rss_growth_mb:
            failed.append(f"RSS grew {growth_mb:.1f} MiB")
        if not alive:
            failed.append("the server exited")
        if failed:
            print("soak: FAILED: " + "; ".join(failed))
            print("".join(chorus.log_tail[-30:]), file=sys.stderr)
        else:
            print("soak: passed")
            status = 0
    finally:
        chorus.stop()
        standin.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    # A sanitized server (build-asan/chorus) reports leaks when it exits.
    report = [i for i, line in enumerate(chorus.log_tail) if SANITIZER_REPORT.search(line)]
    if report:
        print("soak: FAILED: sanitizer report from the server:\n" +
              "".join(chorus.log_tail[report[0]:report[0] + 40]))
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
