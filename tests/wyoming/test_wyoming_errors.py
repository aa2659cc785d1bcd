"""Bad input and bad peers on the Wyoming listener: every error is an `error` event with a text
and a code, and nothing takes the server down."""
import asyncio
import json
import socket
import time

import pytest
from wyoming.client import AsyncTcpClient
from wyoming.event import Event, async_read_event
from wyoming.info import Describe
from wyoming.tts import Synthesize, SynthesizeChunk, SynthesizeVoice

from wyoming_audio import env_with
from wyoming_audio import exchange, read_until, run


def still_serves(server):
    spoken = run(exchange(server.wyoming_port, [Describe().event()], "info"))
    assert not spoken.errors
    status, _, _ = server.request("GET", "/health")
    assert status == 200


async def raw_exchange(port, data, expect_close):
    """Writes raw bytes; returns the error events read until the connection closes (or, when it
    should stay open, the first one)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(data)
        await writer.drain()
        errors = []
        while True:
            event = await asyncio.wait_for(async_read_event(reader), 30)
            if event is None:
                assert expect_close, "the connection was closed"
                return errors
            assert event.type == "error", event
            errors.append(event.data)
            if not expect_close:
                return errors
    finally:
        writer.close()


@pytest.mark.parametrize("data,code", [
    (b"this is not json\n", "malformed_header"),
    (b'["a list"]\n', "malformed_header"),
    (b'{"data": {}}\n', "malformed_header"),
    (b'{"type": "synthesize", "data_length": -4}\n', "malformed_header"),
    (b'{"type": "synthesize", "data_length": 5}\n[1,2]', "malformed_data"),
    (b'{"type": "synthesize", "data_length": 100000000}\n', "data_too_large"),
    (b'{"type": "synthesize", "payload_length": 100000000}\n', "payload_too_large"),
    (b'{"type": "' + b"x" * 20000, "header_too_large"),
], ids=["not-json", "not-object", "no-type", "negative-length", "bad-data", "huge-data",
        "huge-payload", "endless-header"])
def test_malformed_framing_is_an_error_and_closes(wyoming_server, data, code):
    errors = run(raw_exchange(wyoming_server.wyoming_port, data, expect_close=True))
    assert [e["code"] for e in errors] == [code]
    assert errors[0]["text"]
    still_serves(wyoming_server)


@pytest.mark.parametrize("event,code", [
    (Event("transcribe", {}), "unknown_event"),
    (Event("synthesize", {}), "missing_text"),
    (Event("synthesize", {"text": "   "}), "empty_text"),
    (Event("synthesize", {"text": 42}), "missing_text"),
    (Event("synthesize", {"text": "Hi.", "voice": "nova"}), None),
    (Synthesize(text="Hi.", voice=SynthesizeVoice(name="no-such-voice")).event(), None),
    (Synthesize(text="Hi.", voice=SynthesizeVoice(language="english!")).event(),
     "invalid_language"),
    (SynthesizeChunk(text="Hi.").event(), "unexpected_event"),
    (Event("synthesize-stop", {}), "unexpected_event"),
], ids=["unknown", "no-text", "blank-text", "text-not-string", "voice-not-object",
        "unknown-voice", "bad-language", "chunk-without-start", "stop-without-start"])
def test_bad_events_get_an_error_and_the_connection_goes_on(wyoming_server, event, code):
    async def go():
        async with AsyncTcpClient("127.0.0.1", wyoming_server.wyoming_port) as client:
            await client.write_event(event)
            reply = await asyncio.wait_for(client.read_event(), 30)
            # The same connection still works afterwards.
            await client.write_event(Describe().event())
            after = await asyncio.wait_for(client.read_event(), 30)
            return reply, after
    reply, after = run(go())
    assert reply.type == "error", reply
    assert reply.data["text"]
    if code:
        assert reply.data["code"] == code
    else:
        assert reply.data["code"]
    assert after.type == "info"


def test_data_inline_in_the_header_is_accepted(wyoming_server):
    line = json.dumps({"type": "synthesize", "data": {"text": "Inline data works."}}) + "\n"
    async def go():
        reader, writer = await asyncio.open_connection("127.0.0.1", wyoming_server.wyoming_port)
        writer.write(line.encode())
        types = []
        while not types or types[-1] != "audio-stop":
            event = await asyncio.wait_for(async_read_event(reader), 30)
            assert event is not None and event.type != "error", event
            types.append(event.type)
        writer.close()
        return types
    types = run(go())
    assert types[0] == "audio-start" and "audio-chunk" in types


def engines_idle(server):
    status, _, body = server.request("GET", "/health")
    return all(e["active"] == 0 and e["queued"] == 0 for e in json.loads(body)["engines"])


@pytest.mark.concurrency
def test_peer_vanishing_mid_stream_cancels_its_synthesis(wyoming_server):
    text = " ".join(f"This is sentence number {i} of a long announcement." for i in range(60))
    async def go():
        client = AsyncTcpClient("127.0.0.1", wyoming_server.wyoming_port)
        await client.connect()
        await client.write_event(Synthesize(text=text,
                                            voice=SynthesizeVoice(name="espeak:en-us")).event())
        spoken = await read_until(client, "audio-chunk")
        assert not spoken.errors
        # Gone without a word: a reset rather than a polite close.
        sock = client._writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        await client.disconnect()
    run(go())
    deadline = time.monotonic() + 10
    while not engines_idle(wyoming_server):
        assert time.monotonic() < deadline, "the synthesis went on without its peer"
        time.sleep(0.1)
    still_serves(wyoming_server)


@pytest.mark.concurrency
def test_peer_that_stops_reading_is_dropped(start_wyoming):
    server = start_wyoming(env=env_with(CHORUS_WYOMING_WRITE_TIMEOUT_S=2))
    text = " ".join(f"Sentence {i} of a text nobody reads." for i in range(300))
    sock = socket.create_connection(("127.0.0.1", server.wyoming_port))
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    payload = json.dumps({"text": text}).encode()
    sock.sendall(json.dumps({"type": "synthesize", "data_length": len(payload)}).encode() +
                 b"\n" + payload)
    deadline = time.monotonic() + 30
    while not any("write timeout" in line for line in server.log):
        assert time.monotonic() < deadline, "".join(server.log[-20:])
        time.sleep(0.2)
    sock.close()
    deadline = time.monotonic() + 10
    while not engines_idle(server):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    still_serves(server)


def test_connection_limit_and_idle_timeout(start_wyoming):
    server = start_wyoming(env=env_with(CHORUS_WYOMING_MAX_CONNECTIONS=2,
                                        CHORUS_WYOMING_IDLE_TIMEOUT_S=2))
    first = socket.create_connection(("127.0.0.1", server.wyoming_port))
    second = socket.create_connection(("127.0.0.1", server.wyoming_port))
    time.sleep(0.3)
    errors = run(raw_exchange(server.wyoming_port, b"", expect_close=True))
    assert [e["code"] for e in errors] == ["too_many_connections"]
    # Idle connections are closed after the timeout, which frees their places.
    for sock in (first, second):
        sock.settimeout(10)
        started = time.monotonic()
        assert sock.recv(100) == b""
        assert time.monotonic() - started < 5
        sock.close()
    still_serves(server)


def test_peer_trickling_an_event_is_closed(start_wyoming):
    """Bytes that arrive slowly keep no connection open: each event must be complete in time."""
    server = start_wyoming(env=env_with(CHORUS_WYOMING_IDLE_TIMEOUT_S=2))
    sock = socket.create_connection(("127.0.0.1", server.wyoming_port))
    sock.settimeout(0.5)
    started = time.monotonic()
    closed = False
    for byte in b'{"type": "describe", "data": {"padding": "' + b"x" * 100:
        try:
            sock.sendall(bytes([byte]))
            if sock.recv(100) == b"":
                closed = True
                break
        except socket.timeout:
            continue
        except (BrokenPipeError, ConnectionResetError):
            closed = True
            break
    assert closed, "the connection stayed open"
    assert time.monotonic() - started < 6
    sock.close()
    still_serves(server)


@pytest.mark.concurrency
def test_sigterm_lets_a_wyoming_synthesis_finish(start_wyoming):
    server = start_wyoming()
    text = " ".join(f"This is sentence number {i} of the announcement." for i in range(40))

    async def go():
        async with AsyncTcpClient("127.0.0.1", server.wyoming_port) as client:
            await client.write_event(Synthesize(text=text,
                                                voice=SynthesizeVoice(name="espeak:en-us")).event())
            spoken = await read_until(client, "audio-chunk")
            server.proc.terminate()  # SIGTERM while the audio is being sent
            return await read_until(client, "audio-stop", spoken)
    spoken = run(go())
    assert not spoken.errors and spoken.stops == 1
    assert len(spoken.pcm) > 24000 * 2 * 20, "the whole text was spoken"
    assert server.proc.wait(30) == 0
    server._reader.join(5)  # the log's last lines
    assert any("stopped" in line for line in server.log)


def test_wyoming_requests_are_in_the_shared_metrics(start_wyoming):
    server = start_wyoming()
    spoken = run(exchange(server.wyoming_port,
                          [Synthesize(text="Counted.", voice=SynthesizeVoice(name="nova")).event()],
                          "audio-stop"))
    assert not spoken.errors
    failed = run(exchange(server.wyoming_port,
                          [Synthesize(text="Hi.", voice=SynthesizeVoice(name="nobody")).event()],
                          "error"))
    assert failed.errors
    # A request is counted once it has ended, which may be just after its last event was read.
    deadline = time.monotonic() + 10
    while True:
        status, _, body = server.request("GET", "/metrics")
        assert status == 200
        counts = {}
        for line in body.decode().splitlines():
            if line.startswith("chorus_requests_total{") and 'route="wyoming"' in line:
                status_label = line.split('status="')[1].split('"')[0]
                counts[status_label] = float(line.rsplit(" ", 1)[1])
        if "200" in counts or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert counts.get("200") == 1.0, body.decode()[:2000]
    assert sum(v for k, v in counts.items() if k.startswith("4")) == 1.0, counts


def test_long_stream_split_across_reads_is_not_taken_for_trickling(start_wyoming):
    """Events cut anywhere by TCP, over longer than the idle timeout in all, are fine as long as
    each one completes in time."""
    import io
    from wyoming.event import write_event
    from wyoming.tts import SynthesizeStart, SynthesizeStop

    server = start_wyoming(env=env_with(CHORUS_WYOMING_IDLE_TIMEOUT_S=2))
    out = io.BytesIO()
    write_event(SynthesizeStart(voice=SynthesizeVoice(name="espeak:en-us")).event(), out)
    for i in range(14):
        write_event(SynthesizeChunk(text=f"Part {i} of the answer. ").event(), out)
    write_event(SynthesizeStop().event(), out)
    data = out.getvalue()
    sock = socket.create_connection(("127.0.0.1", server.wyoming_port))
    # 16 writes 0.3 s apart (4.8 s in all): every write ends in the middle of an event.
    step = len(data) // 16 + 1
    for at in range(0, len(data), step):
        sock.sendall(data[at:at + step])
        time.sleep(0.3)

    async def read_rest():
        reader, writer = await asyncio.open_connection(sock=sock)
        types = []
        while True:
            event = await asyncio.wait_for(async_read_event(reader), 30)
            assert event is not None, f"closed after {types}"
            types.append(event.type)
            if event.type in ("synthesize-stopped", "error"):
                writer.close()
                return types
    types = run(read_rest())
    assert types[-1] == "synthesize-stopped", types
    assert types.count("audio-start") == 14
