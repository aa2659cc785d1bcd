#!/usr/bin/python3
"""Time to first byte and total time of streamed speech with and without the watermark: two
servers (watermark.enabled off and on), requests interleaved so both see the same machine load;
median of --runs per engine, each server on one kept-alive connection.

Usage: bench/watermark/ttfb_bench.py --chorus-binary build/chorus [--models DIR] [--runs 20]
                                     [--engines espeak,kokoro,piper]
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import threading
import time

TEXT = ("The river ran quietly past the old mill, and the miller's daughter counted the boats "
        "that drifted by in the evening light. Nobody believed her story at first.")
ENGINES = [("espeak", "espeak:en-us"), ("kokoro", "jf_alpha"), ("piper", "piper:en_US-joe-medium")]


def start(binary, models, marked):
    env = dict(os.environ, CHORUS_WATERMARK_ENABLED="true" if marked else "false",
               CHORUS_CACHE_ENABLED="false",
               # A connection waits for its next request while the other server answers (Kokoro:
               # about 6 s); the default idle limit would close it in between.
               CHORUS_LIMITS_IDLE_TIMEOUT_S="120")
    proc = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", "0", "--models-dir",
                             models], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=env)
    found = {}
    ready = threading.Event()

    def pump():
        for line in proc.stderr:
            if "port" not in found and "listening on http://" in line:
                found["port"] = int(line.rsplit(":", 1)[1].strip())
                ready.set()
        ready.set()
    threading.Thread(target=pump, daemon=True).start()
    ready.wait(120)
    return proc, found["port"]


CONNECTIONS = {}


def timed(port, model, voice):
    # One kept-alive connection per server, as streaming clients hold them.
    conn = CONNECTIONS.setdefault(port, http.client.HTTPConnection("127.0.0.1", port, timeout=300))
    body = json.dumps({"model": model, "voice": voice, "input": TEXT, "language": "en",
                       "response_format": "mp3"})
    began = time.perf_counter()
    conn.request("POST", "/v1/audio/speech", body, {"Content-Type": "application/json"})
    resp = conn.getresponse()
    assert resp.status == 200, resp.read()
    resp.read(1)
    first = time.perf_counter() - began
    resp.read()
    total = time.perf_counter() - began
    return first, total, resp.getheader("X-Chorus-Watermark")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chorus-binary", required=True)
    parser.add_argument("--models", default=os.path.expanduser("~/.cache/chorus/test-models"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--engines", default=",".join(model for model, _ in ENGINES),
                        help="comma-separated: which of espeak, kokoro, piper to measure")
    args = parser.parse_args()
    wanted = args.engines.split(",")
    unknown = set(wanted) - {model for model, _ in ENGINES}
    if unknown:
        parser.error(f"unknown engines: {', '.join(sorted(unknown))}")
    plain, plain_port = start(args.chorus_binary, args.models, False)
    marked, marked_port = start(args.chorus_binary, args.models, True)
    try:
        print("| engine | first byte unmarked | first byte marked | total unmarked | total marked |")
        print("|---|---|---|---|---|")
        for model, voice in (e for e in ENGINES if e[0] in wanted):
            runs = {False: [], True: []}
            timed(plain_port, model, voice)
            timed(marked_port, model, voice)
            for _ in range(args.runs):
                for is_marked, port in ((False, plain_port), (True, marked_port)):
                    first, total, header = timed(port, model, voice)
                    assert header == ("true" if is_marked else "false")
                    runs[is_marked].append((first, total))
            med = {k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v))
                   for k, v in runs.items()}
            print(f"| {model} | {med[False][0] * 1000:.1f} ms | {med[True][0] * 1000:.1f} ms | "
                  f"{med[False][1] * 1000:.0f} ms | {med[True][1] * 1000:.0f} ms |")
    finally:
        for proc in (plain, marked):
            proc.terminate()
            proc.wait(30)


if __name__ == "__main__":
    main()
