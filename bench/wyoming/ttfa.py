"""Time to first audio over Wyoming against HTTP, for the same texts, voice and engine.

Starts `chorus serve` with its Wyoming listener and the result cache off (every request is
synthesized), then alternates the two edges: HTTP `POST /v1/audio/speech` (raw PCM, a fresh
connection each time, time until the first body byte) and Wyoming `synthesize` with the
`wyoming` library as Home Assistant uses it (a fresh connection each time, time until the first
audio-chunk). Each round uses a text of its own. Then streamed input: an answer written word by
word at --words-per-second (as an LLM writes it) is sent as synthesize-chunk events, and the time
from its first word to the first audio is compared with waiting for the whole text and sending
it in one request. Run by `make bench` with the test venv's Python (scripts/test-venv.sh), which
has the `wyoming` package.
"""
import argparse
import asyncio
import http.client
import json
import os
import re
import statistics
import subprocess
import threading
import time

from wyoming.audio import AudioChunk, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.tts import (Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeStop,
                         SynthesizeVoice)

TEXT = ("The washing machine has finished. It is twenty past seven, the front door is locked "
        "and the living room lights are switched off. Round {}.")


def start(binary):
    env = dict(os.environ, CHORUS_CACHE_ENABLED="false")
    proc = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", "0",
                             "--wyoming-port", "0"], stderr=subprocess.PIPE, text=True, env=env)
    ports = {}
    ready = threading.Event()

    def pump():
        for line in proc.stderr:
            if m := re.search(r"listening on tcp://[^:]+:(\d+)", line):
                ports["wyoming"] = int(m.group(1))
            if m := re.search(r"listening on http://[^:]+:(\d+)", line):
                ports["http"] = int(m.group(1))
                ready.set()
        ready.set()
    threading.Thread(target=pump, daemon=True).start()
    if not ready.wait(60) or "http" not in ports:
        proc.kill()
        raise SystemExit("chorus did not start")
    return proc, ports


def http_first_audio(port, text, voice):
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", "/v1/audio/speech",
                 json.dumps({"input": text, "voice": voice, "response_format": "pcm"}),
                 {"Content-Type": "application/json"})
    resp = conn.getresponse()
    assert resp.status == 200, resp.read()[:200]
    assert resp.read(1)
    first = time.perf_counter() - started
    resp.read()
    conn.close()
    return first


async def wyoming_first_audio(port, text, voice):
    started = time.perf_counter()
    async with AsyncTcpClient("127.0.0.1", port) as client:
        await client.write_event(Synthesize(text=text, voice=SynthesizeVoice(name=voice)).event())
        first = None
        while True:
            event = await client.read_event()
            assert event is not None and event.type != "error", event
            if first is None and AudioChunk.is_type(event.type):
                first = time.perf_counter() - started
            if AudioStop.is_type(event.type):
                return first


ANSWER = ("The washing machine finished twenty minutes ago. The dryer is still running and "
          "will be done at half past eight. Nobody is at home, so I switched the hall lights "
          "off. Round {}.")


async def streamed_first_audio(port, text, voice, words_per_second):
    """Seconds from the first word sent to the first audio-chunk, with the words still coming."""
    words = text.split(" ")
    async with AsyncTcpClient("127.0.0.1", port) as client:
        started = time.perf_counter()
        first = asyncio.get_running_loop().create_future()

        async def reader():
            while True:
                event = await client.read_event()
                assert event is not None and event.type != "error", event
                if AudioChunk.is_type(event.type) and not first.done():
                    first.set_result(time.perf_counter() - started)
                if event.type == "synthesize-stopped":
                    return
        task = asyncio.create_task(reader())
        await client.write_event(SynthesizeStart(voice=SynthesizeVoice(name=voice)).event())
        for i, word in enumerate(words):
            piece = word if i + 1 == len(words) else word + " "
            await client.write_event(SynthesizeChunk(text=piece).event())
            await asyncio.sleep(1.0 / words_per_second)
        await client.write_event(SynthesizeStop().event())
        await asyncio.wait_for(task, 60)
        return first.result()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chorus-binary", default="build/chorus")
    parser.add_argument("--voice", default="espeak:en-us")
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--words-per-second", type=float, default=15.0)
    parser.add_argument("--stream-rounds", type=int, default=5)
    args = parser.parse_args()
    proc, ports = start(args.chorus_binary)
    try:
        times = {"http": [], "wyoming": []}
        for i in range(args.rounds + 1):  # round 0 warms up
            text = TEXT.format(i)
            h = http_first_audio(ports["http"], text + " Over HTTP.", args.voice)
            w = asyncio.run(wyoming_first_audio(ports["wyoming"], text + " Over Wyoming.",
                                                args.voice))
            if i:
                times["http"].append(h)
                times["wyoming"].append(w)
        print(f"time to first audio, voice {args.voice}, {args.rounds} rounds "
              "(fresh connection each, cache off):")
        for edge, values in times.items():
            values.sort()
            p90 = values[int(0.9 * (len(values) - 1))]
            print(f"  {edge:8s} median {statistics.median(values) * 1000:6.1f} ms   "
                  f"p90 {p90 * 1000:6.1f} ms   min {values[0] * 1000:6.1f} ms")
        ratio = statistics.median(times["wyoming"]) / statistics.median(times["http"])
        print(f"  wyoming / http (medians): {ratio:.2f}x")
        # Rounds alternate, so each pair saw about the same machine load.
        diffs = [w - h for w, h in zip(times["wyoming"], times["http"])]
        print(f"  wyoming - http, median of per-round differences: "
              f"{statistics.median(diffs) * 1000:+.1f} ms")

        words = len(ANSWER.format(0).split(" "))
        writing = words / args.words_per_second
        streamed = [asyncio.run(streamed_first_audio(ports["wyoming"], ANSWER.format(i),
                                                     args.voice, args.words_per_second))
                    for i in range(args.stream_rounds)]
        whole = [writing + http_first_audio(ports["http"], ANSWER.format(100 + i), args.voice)
                 for i in range(args.stream_rounds)]
        print(f"first audio for an answer of {words} words written at "
              f"{args.words_per_second:g} words/s ({writing:.2f} s to write), from its first word:")
        print(f"  wyoming, streamed synthesize-chunk  median "
              f"{statistics.median(streamed) * 1000:7.1f} ms")
        print(f"  whole text, then one request        median "
              f"{statistics.median(whole) * 1000:7.1f} ms")
    finally:
        proc.terminate()
        proc.wait(20)


if __name__ == "__main__":
    main()
