#!/usr/bin/python3
"""Three chorus replicas behind nginx (the shipped deploy/nginx/chorus.conf) against one chorus
reached directly, side by side in one run, on this machine:

  throughput  CLIENTS threads, each with its own kept-alive HTTP/1.1 connection, send short
              speech requests for SECONDS: requests/s, p50 and p99 latency (whole response read),
              errors. "cached": the same phrase every time (a result-cache hit after the first);
              "uncached": a new phrase every time (synthesized by espeak).
  memory      resident set size of each chorus process idle and its peak during the runs; with
              --models, the same for one chorus speaking with Kokoro.

Usage: bench/cluster/cluster_bench.py --chorus-binary build/chorus [--models DIR]
       [--clients 8] [--seconds 10]
Needs nginx (/usr/sbin/nginx). Everything runs on loopback; the clients share the machine with
the servers, so the figures are of this box, not of a network deployment.
"""
import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from support.cluster import Cluster  # noqa: E402

CACHED_TEXT = "Your order has shipped and will arrive on Tuesday."


class Server:
    """`chorus serve` on a free loopback port (the interface tests/e2e/support/cluster.py uses)."""

    def __init__(self, binary, extra_args=(), env=None):
        self.proc = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", "0",
                                      *extra_args], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, env=env)
        self.log = []
        self.port = None
        ready = threading.Event()

        def pump():
            for line in self.proc.stderr:
                if self.port is None and "listening on http://" in line:
                    self.port = int(line.rsplit(":", 1)[1].strip())
                    ready.set()
                if len(self.log) < 1000:
                    self.log.append(line)
            ready.set()

        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(120) or self.port is None:
            self.stop()
            raise RuntimeError("chorus did not start:\n" + "".join(self.log))

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


class RssSampler:
    """Peak RSS of each server while the runs go on, sampled every 100 ms."""

    def __init__(self, servers):
        self.servers = servers
        self.peak = {id(s): s.rss_kib() for s in servers}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.wait(0.1):
            for s in self.servers:
                try:
                    self.peak[id(s)] = max(self.peak[id(s)], s.rss_kib())
                except (OSError, AttributeError):
                    pass

    def stop(self):
        self._stop.set()
        self._thread.join()


def body(text, voice="espeak:en", model="espeak"):
    return json.dumps({"model": model, "voice": voice, "input": text, "response_format": "mp3"})


def run_load(port, clients, seconds, cached, voice="espeak:en", model="espeak"):
    """Returns (requests/s, p50 ms, p99 ms, errors, requests)."""
    latencies = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        failed = 0
        while time.monotonic() < deadline:
            text = CACHED_TEXT if cached else f"Uncached request {uuid.uuid4().hex[:8]} for the bench."
            start = time.monotonic()
            try:
                conn.request("POST", "/v1/audio/speech", body(text, voice, model),
                             {"Content-Type": "application/json"})
                resp = conn.getresponse()
                data = resp.read()
                if resp.status != 200 or not data:
                    failed += 1
                else:
                    mine.append(time.monotonic() - start)
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    # One request first, so "cached" measures hits only (each replica misses once on its own).
    if cached:
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for _ in range(6):
            warm.request("POST", "/v1/audio/speech", body(CACHED_TEXT, voice, model),
                         {"Content-Type": "application/json"})
            warm.getresponse().read()
        warm.close()
        deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    latencies.sort()

    def pct(p):
        return 1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else 0

    return len(latencies) / elapsed, pct(0.50), pct(0.99), errors[0], len(latencies)


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chorus-binary", default=os.path.join(ROOT, "build", "chorus"))
    parser.add_argument("--models", help="test models directory (Kokoro memory figures)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    binary = os.path.abspath(args.chorus_binary)
    work = tempfile.mkdtemp(prefix="cluster-bench-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHORUS_")}

    print(f"load average before: {load_average()}; {os.cpu_count()} CPUs; "
          f"{args.clients} clients, {args.seconds:.0f} s per run")
    rows = []
    memory = []
    single = Server(binary, ["--data-dir", os.path.join(work, "single")], env=env)
    try:
        idle = single.rss_kib()
        sampler = RssSampler([single])
        for cached in (True, False):
            rows.append(("one chorus, direct", "cached" if cached else "uncached",
                         *run_load(single.port, args.clients, args.seconds, cached)))
        sampler.stop()
        memory.append(("espeak, one chorus", idle, sampler.peak[id(single)]))
    finally:
        single.stop()
    cluster = Cluster(Server, binary, os.path.join(work, "cluster"), env=env)
    try:
        idle = [r.rss_kib() for r in cluster.replicas]
        sampler = RssSampler(cluster.replicas)
        for cached in (True, False):
            rows.append(("3 replicas behind nginx", "cached" if cached else "uncached",
                         *run_load(cluster.port, args.clients, args.seconds, cached)))
        sampler.stop()
        peaks = [sampler.peak[id(r)] for r in cluster.replicas]
        memory.append(("espeak, each of 3 replicas (max)", max(idle), max(peaks)))
    finally:
        cluster.stop()
    print(f"load average after: {load_average()}")

    if args.models:
        kokoro = Server(binary, ["--data-dir", os.path.join(work, "kokoro"),
                                 "--models-dir", os.path.abspath(args.models)], env=env)
        try:
            # The model loads at start; idle is after one request (the first Run's allocations).
            run_load(kokoro.port, 1, 1, False, voice="jf_alpha", model="kokoro")
            idle = kokoro.rss_kib()
            sampler = RssSampler([kokoro])
            rate = run_load(kokoro.port, 4, args.seconds, False, voice="jf_alpha", model="kokoro")
            sampler.stop()
            memory.append(("Kokoro int8 (jf_alpha), one chorus, 4 clients", idle, sampler.peak[id(kokoro)]))
            rows.append(("one chorus, direct (Kokoro, 4 clients)", "uncached", *rate))
        finally:
            kokoro.stop()

    print("\n| setup | requests | requests/s | p50 ms | p99 ms | errors |")
    print("|---|---|---:|---:|---:|---:|")
    for setup, kind, rate, p50, p99, errors, _ in rows:
        print(f"| {setup} | {kind} | {rate:.1f} | {p50:.1f} | {p99:.1f} | {errors} |")
    print("\n| process | RSS idle MiB | RSS peak under load MiB |")
    print("|---|---:|---:|")
    for name, idle, peak in memory:
        print(f"| {name} | {idle / 1024:.0f} | {peak / 1024:.0f} |")
    failed = sum(r[5] for r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
