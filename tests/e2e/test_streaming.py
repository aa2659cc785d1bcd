"""Streaming: first bytes arrive while a long text is still being synthesized; disconnects stop
work; the admission queue answers 429 with Retry-After when full."""
import http.client
import json
import threading
import time

import pytest

from audio_check import decode, duration

PARAGRAPH = ("This is a long text, written to keep the engine busy for a while. "
             "Each sentence adds a few more seconds of audio to the stream. ") * 25


def open_stream(server, fmt="pcm", text=PARAGRAPH):
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
    conn.request("POST", "/v1/audio/speech",
                 json.dumps({"input": text, "voice": "alloy", "response_format": fmt}),
                 {"Content-Type": "application/json"})
    return conn, conn.getresponse()


@pytest.mark.concurrency
def test_first_bytes_before_synthesis_finishes(server):
    started = time.monotonic()
    conn, resp = open_stream(server)
    assert resp.status == 200
    first = resp.read1(4096)
    first_at = time.monotonic() - started
    rest = resp.read()
    total = time.monotonic() - started
    conn.close()
    assert first
    seconds = (len(first) + len(rest)) / 2 / 24000
    assert seconds > 60, seconds  # long text gives minutes of audio
    # The first bytes came well before the whole response was produced.
    assert first_at < total / 4, (first_at, total)


def test_time_to_first_byte_does_not_grow_with_length(server):
    def ttfb(text):
        started = time.monotonic()
        conn, resp = open_stream(server, "wav", text)
        resp.read1(1)
        elapsed = time.monotonic() - started
        conn.close()
        return elapsed

    short = min(ttfb("Hello there, this is short.") for _ in range(3))
    long = min(ttfb(PARAGRAPH) for _ in range(3))
    assert long < short * 3 + 0.05, (short, long)


def test_streamed_mp3_decodes_cleanly(server):
    conn, resp = open_stream(server, "mp3", PARAGRAPH[:1500])
    body = b""
    while True:
        piece = resp.read1(65536)
        if not piece:
            break
        body += piece
    conn.close()
    assert duration(decode(body, "mp3")) > 30


@pytest.mark.concurrency
def test_disconnect_stops_synthesis(server):
    conn, resp = open_stream(server)
    assert resp.read1(1024)
    conn.close()
    # The producer notices the closed socket, frees its admission slot and logs it.
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        health = json.loads(server.request("GET", "/health")[2])
        if all(e["active"] == 0 for e in health["engines"]) and any(
                "ended early" in line for line in server.log):
            break
        time.sleep(0.2)
    else:
        raise AssertionError("synthesis kept running after the client left")


@pytest.mark.concurrency
def test_queue_full_gives_429(start_server):
    srv = start_server("--max-concurrent", "1", "--max-queued", "0")
    conn, resp = open_stream(srv)  # holds the only slot while unread
    assert resp.status == 200
    resp.read1(16)
    status, headers, body = srv.speech(input="Second request.", voice="alloy")
    conn.close()
    assert status == 429, body
    assert headers["Retry-After"] == "1"
    assert json.loads(body)["error"]["type"] == "rate_limit_error"


@pytest.mark.concurrency
def test_concurrent_requests_all_succeed(server):
    results = []

    def one(i):
        status, _, body = server.speech(input=f"Request number {i} is here.", voice="echo",
                                        response_format="wav")
        results.append((status, duration(decode(body, "wav")) if status == 200 else 0))

    threads = [threading.Thread(target=one, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 6
    assert all(status == 200 and seconds > 0.8 for status, seconds in results), results
