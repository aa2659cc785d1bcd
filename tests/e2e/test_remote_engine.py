"""Remote engines: another chorus, or any OpenAI-compatible speech server, as one of chorus's
engines. Chorus A in front of chorus B (both the real binary on loopback), B killed and restarted,
and a small Kokoro-FastAPI-shaped server written here that checks the API key."""
import http.server
import json
import math
import os
import socket
import ssl
import struct
import subprocess
import threading
import time
import urllib.request

import pytest

from audio_check import decode, duration, rms
from conftest import ChorusServer, env_with
import voice_samples as vs

TEXT = ("The remote engine speaks this sentence for the edge server. "
        "A second sentence follows, so that the text is cut into more than one chunk.")
LONG_TEXT = " ".join(f"This is sentence number {i} of a long text read through two servers."
                     for i in range(1, 61))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_config(tmp_path, text, name="chorus.toml"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def voices_of(server):
    status, _, body = server.request("GET", "/v1/audio/voices")
    assert status == 200, body
    return json.loads(body)["voices"]


def engine_health(server, name):
    status, _, body = server.request("GET", "/health")
    for engine in json.loads(body)["engines"]:
        if engine["name"] == name:
            return engine
    raise AssertionError(f"engine {name} not in /health: {body!r}")


def wait_for(predicate, timeout=15.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def first_byte_and_total(server, body):
    """Seconds until the first body bytes and until the end, and the body."""
    req = urllib.request.Request(server.url + "/v1/audio/speech", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    start = time.monotonic()
    with urllib.request.urlopen(req, timeout=300) as resp:
        assert resp.status == 200
        first = resp.read1(4096)
        first_at = time.monotonic() - start
        rest = resp.read()
    return first_at, time.monotonic() - start, first + rest


def assert_openai_error(body, code=None):
    error = json.loads(body)["error"]
    assert isinstance(error["message"], str) and error["message"]
    assert "type" in error and "code" in error
    if code:
        assert error["code"] == code
    return error


# ---------------------------------------------------------------------------------------------
# (a) chorus A with --remote-url pointing at chorus B


@pytest.fixture(scope="module")
def chorus_b(chorus_binary, tmp_path_factory):
    srv = ChorusServer(chorus_binary, ["--data-dir", str(tmp_path_factory.mktemp("b-data"))])
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def chorus_a(chorus_binary, chorus_b, tmp_path_factory):
    srv = ChorusServer(chorus_binary, ["--data-dir", str(tmp_path_factory.mktemp("a-data")),
                                       "--remote-url", chorus_b.url])
    yield srv
    srv.stop()


def english_espeak_voice(server):
    ids = [v["id"] for v in voices_of(server) if v["engine"] == "espeak"]
    for preferred in ("espeak:en-us", "espeak:en"):
        if preferred in ids:
            return preferred
    english = [i for i in ids if i.startswith("espeak:en")]
    assert english, ids
    return english[0]


def test_remote_voices_listed_with_prefix(chorus_a, chorus_b):
    b_ids = {v["id"] for v in voices_of(chorus_b)}
    a_voices = voices_of(chorus_a)
    remote = {v["id"]: v for v in a_voices if v["engine"] == "remote"}
    assert b_ids, "B lists voices"
    assert set(remote) == {"remote:" + i for i in b_ids}
    b_first = voices_of(chorus_b)[0]
    mirrored = remote["remote:" + b_first["id"]]
    assert mirrored["language"] == b_first["language"]
    assert any(v["engine"] == "espeak" for v in a_voices), "A's own voices still listed"
    health = engine_health(chorus_a, "remote")
    assert health["healthy"] is True
    assert health["stats"]["voices"] == len(b_ids)


@pytest.mark.parametrize("fmt", ["mp3", "wav", "opus"])
def test_speech_through_remote_matches_direct(chorus_a, chorus_b, fmt):
    voice = english_espeak_voice(chorus_b)
    status, headers, direct = chorus_b.speech(model="tts-1", input=TEXT, voice=voice,
                                              response_format="wav")
    assert status == 200, direct
    direct_seconds = duration(decode(direct, "wav"))
    status, headers, body = chorus_a.speech(model="tts-1", input=TEXT, voice="remote:" + voice,
                                            response_format=fmt)
    assert status == 200, body
    assert headers["X-Chorus-Engine"] == "remote"
    assert headers["X-Chorus-Voice"] == "remote:" + voice
    samples = decode(body, fmt)
    assert rms(samples) > 0.01, "audible speech"
    # A cuts the text into chunks and B speaks each: the seams may add or drop a little silence.
    assert duration(samples) == pytest.approx(direct_seconds, rel=0.12, abs=0.35)


def test_model_names_the_remote_engine(chorus_a):
    status, headers, body = chorus_a.speech(model="remote", input="Hello there.", voice="alloy",
                                            response_format="wav")
    assert status == 200, body
    assert headers["X-Chorus-Engine"] == "remote"
    assert headers["X-Chorus-Voice"] == "remote:alloy"
    assert duration(decode(body, "wav")) > 0.3


def test_unknown_remote_voice_is_the_clients_error(chorus_a):
    status, _, body = chorus_a.speech(model="remote", input="Hello.", voice="remote:no-such-voice")
    assert status == 400, body
    error = assert_openai_error(body, "remote_rejected")
    assert "remote engine 'remote'" in error["message"]
    assert "no-such-voice" in error["message"]


def test_cloned_voice_on_b_spoken_through_a_by_id(chorus_a, chorus_b):
    sample, headers = vs.multipart({"name": "Remote clone", "language": "en",
                                    "audio_sample": ("s.wav", vs.alsa_speech_wav(), "audio/wav"),
                                    "consent": "ALSA test recordings, used as a test voice."})
    status, _, body = chorus_b.request("POST", "/v1/audio/voices", sample, headers=headers)
    assert status == 201, body
    voice_id = json.loads(body)["id"]
    status, _, direct = chorus_b.speech(model="tts-1", input=TEXT, voice=voice_id,
                                        response_format="wav")
    assert status == 200, direct
    # Spoken at once, before A's next probe would list it.
    status, headers, body = chorus_a.speech(model="tts-1", input=TEXT, voice="remote:" + voice_id,
                                            response_format="wav")
    assert status == 200, body
    assert headers["X-Chorus-Engine"] == "remote"
    assert headers["X-Chorus-Voice"] == "remote:" + voice_id
    assert duration(decode(body, "wav")) == pytest.approx(duration(decode(direct, "wav")),
                                                          rel=0.12, abs=0.35)


def test_long_text_streams_through(chorus_a, chorus_b):
    voice = english_espeak_voice(chorus_b)
    _, b_total, _ = first_byte_and_total(chorus_b, {"model": "tts-1", "input": LONG_TEXT,
                                                    "voice": voice, "response_format": "pcm"})
    a_first, a_total, body = first_byte_and_total(
        chorus_a, {"model": "tts-1", "input": LONG_TEXT, "voice": "remote:" + voice,
                   "response_format": "mp3"})
    assert duration(decode(body, "mp3")) > 60, "the whole long text arrived"
    # Audio starts on A long before B could have finished the text.
    print(f"remote streaming: first bytes on A {a_first:.2f} s, A total {a_total:.2f} s, B total {b_total:.2f} s")
    assert a_first < b_total, (a_first, b_total)
    assert a_first < a_total / 3, (a_first, a_total)


# ---------------------------------------------------------------------------------------------
# (b) B killed: A reports it down, falls back or answers 503; B restarted: A recovers


def start_on_port(binary, port, extra=()):
    """`chorus serve` on a fixed port (a restarted B must come back where A looks for it)."""
    return ChorusServer(binary, list(extra), port=port)


def test_remote_down_fallback_and_recovery(chorus_binary, tmp_path):
    port = free_port()
    b_data = str(tmp_path / "b-data")
    b = start_on_port(chorus_binary, port, ["--data-dir", b_data])
    a = None
    try:
        assert b.port == port
        config = write_config(tmp_path, f"""
[routing]
breaker_cool_down_ms = 500
[[engines.remote]]
url = "http://127.0.0.1:{port}"
name = "gpu"
health_interval_ms = 200
first_byte_timeout_ms = 5000
""")
        a = ChorusServer(chorus_binary, ["--data-dir", str(tmp_path / "a")],
                         env=env_with(CHORUS_CONFIG=config))
        voice = "gpu:" + english_espeak_voice(b)
        assert engine_health(a, "gpu")["healthy"] is True
        status, headers, _ = a.speech(model="gpu", input="Before the outage.", voice=voice)
        assert status == 200 and headers["X-Chorus-Engine"] == "gpu"
        # A voice cloned on B appears on A, prefixed, at A's next probe.
        sample, form = vs.multipart({"name": "Listed clone", "language": "en",
                                     "audio_sample": ("s.wav", vs.alsa_speech_wav(), "audio/wav"),
                                     "consent": "ALSA test recordings, used as a test voice."})
        status, _, body = b.request("POST", "/v1/audio/voices", sample, headers=form)
        assert status == 201, body
        clone_id = "gpu:" + json.loads(body)["id"]
        wait_for(lambda: clone_id in {v["id"] for v in voices_of(a)}, what="A to list B's clone")

        b.stop()
        wait_for(lambda: engine_health(a, "gpu")["healthy"] is False, what="A to see B down")
        status, _, body = a.request("GET", "/health")
        assert status == 200, "A itself still serves with its own engines"

        # The voice's own engine is down: a local engine stands in, and says why.
        status, headers, body = a.speech(model="tts-1", input="During the outage.", voice=voice,
                                         response_format="wav")
        assert status == 200, body
        assert headers["X-Chorus-Engine"] != "gpu"
        assert "gpu" in headers["X-Chorus-Fallback"]
        assert duration(decode(body, "wav")) > 0.3
        # Asked for by name, the remote is not replaced: 503 in OpenAI's error shape.
        status, _, body = a.speech(model="gpu", input="During the outage.", voice=voice)
        assert status == 503, body
        error = assert_openai_error(body, "engine_unavailable")
        assert "gpu" in error["message"]

        b = start_on_port(chorus_binary, port, ["--data-dir", b_data])
        wait_for(lambda: engine_health(a, "gpu")["healthy"] is True, what="A to see B back")
        status, headers, body = a.speech(model="gpu", input="After the outage.", voice=voice,
                                         response_format="wav")
        assert status == 200, body
        assert headers["X-Chorus-Engine"] == "gpu"
        assert duration(decode(body, "wav")) > 0.3
        assert a.wait_for_log(lambda line: "is down" in line and "gpu" in line), "".join(a.log)
    finally:
        if a:
            a.stop()
        b.stop()


# ---------------------------------------------------------------------------------------------
# (c) a Kokoro-FastAPI-shaped server: {"voices": [names]}, an API key, audio sent slowly

STUB_KEY = "stub-key-7f3a"
STUB_RATE = 24000
STUB_PIECES = 6
STUB_PIECE_SECONDS = 0.25
STUB_DELAY = 0.3  # between pieces: the stub takes ~1.8 s to send 1.5 s of audio


def tone_pcm(seconds, rate=STUB_RATE, hz=440.0):
    n = int(seconds * rate)
    return struct.pack(f"<{n}h", *(int(12000 * math.sin(2 * math.pi * hz * i / rate))
                                   for i in range(n)))


class StubSpeechServer:
    def __init__(self, tls=None):
        self.requests = []
        self.finished_at = []
        self.aborted = []
        piece = tone_pcm(STUB_PIECE_SECONDS)
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def authorized(self):
                if self.headers.get("Authorization") == "Bearer " + STUB_KEY:
                    return True
                body = json.dumps({"detail": "Invalid API key"}).encode()
                self.send_response(401)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return False

            def do_GET(self):
                if self.path != "/v1/audio/voices":
                    self.send_error(404)
                    return
                if not self.authorized():
                    return
                body = json.dumps({"voices": ["af_bella", "am_adam"]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                request = json.loads(self.rfile.read(length))
                stub.requests.append({"path": self.path, "body": request,
                                      "auth": self.headers.get("Authorization")})
                if not self.authorized():
                    return
                if request.get("voice") == "boom":
                    body = json.dumps({"error": {"message": "CUDA out of memory"}}).encode()
                    self.send_response(500)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "audio/pcm")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                pieces = 30 if request.get("voice") == "long" else STUB_PIECES
                try:
                    for _ in range(pieces):
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                        self.wfile.flush()
                        time.sleep(STUB_DELAY)
                    # Noted before the last chunk goes out: once it is written, chorus can
                    # answer the client before this thread runs again.
                    stub.finished_at.append(time.monotonic())
                    self.wfile.write(b"0\r\n\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    stub.aborted.append(time.monotonic())

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        scheme = "http"
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub():
    server = StubSpeechServer()
    yield server
    server.stop()


def stub_config(tmp_path, url, key, extra=""):
    return write_config(tmp_path, f"""
[[engines.remote]]
url = "{url}"
name = "kfa"
api_key = "{key}"
health_interval_ms = 300
{extra}
""", name=f"stub-{key}.toml")


def test_kokoro_fastapi_shape_with_api_key(chorus_binary, stub, tmp_path):
    a = ChorusServer(chorus_binary, env=env_with(
        CHORUS_CONFIG=stub_config(tmp_path, stub.url, STUB_KEY)))
    try:
        listed = {v["id"]: v for v in voices_of(a) if v["engine"] == "kfa"}
        assert set(listed) == {"kfa:af_bella", "kfa:am_adam"}

        req = urllib.request.Request(
            a.url + "/v1/audio/speech", headers={"Content-Type": "application/json"},
            data=json.dumps({"model": "tts-1", "input": "Hello from the stub.",
                             "voice": "kfa:af_bella", "response_format": "wav"}).encode())
        start = time.monotonic()
        with urllib.request.urlopen(req, timeout=60) as resp:
            assert resp.headers["X-Chorus-Engine"] == "kfa"
            first = resp.read1(4096)
            first_at = time.monotonic()
            body = first + resp.read()
        # The first audio reached the client while the stub was still sending.
        assert stub.finished_at and first_at < stub.finished_at[-1] - 2 * STUB_DELAY, \
            (first_at - start, stub.finished_at[-1] - start)
        samples = decode(body, "wav")
        assert duration(samples) == pytest.approx(STUB_PIECES * STUB_PIECE_SECONDS, abs=0.05)
        assert rms(samples) == pytest.approx(12000 / 32768 / math.sqrt(2), rel=0.05)

        sent = stub.requests[-1]
        assert sent["path"] == "/v1/audio/speech"
        assert sent["auth"] == "Bearer " + STUB_KEY
        assert sent["body"]["voice"] == "af_bella"
        assert sent["body"]["response_format"] == "pcm"
        assert sent["body"]["model"] == "tts-1"
        assert not any(STUB_KEY in line for line in a.log), "the API key is never logged"
    finally:
        a.stop()


def test_client_disconnect_closes_the_upstream_stream(chorus_binary, stub, tmp_path):
    a = ChorusServer(chorus_binary, env=env_with(
        CHORUS_CONFIG=stub_config(tmp_path, stub.url, STUB_KEY)))
    try:
        with socket.create_connection(("127.0.0.1", a.port), timeout=30) as sock:
            body = json.dumps({"model": "kfa", "input": "Hello.", "voice": "kfa:long",
                               "response_format": "pcm"}).encode()
            sock.sendall(b"POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s"
                         % (len(body), body))
            assert sock.recv(1024).startswith(b"HTTP/1.1 200")
            closed_at = time.monotonic()
        # The stub would send for 9 s; chorus closes its connection soon after ours closed.
        wait_for(lambda: stub.aborted, timeout=5, what="the upstream connection to close")
        assert stub.aborted[0] - closed_at < 4
        assert not stub.finished_at
        assert engine_health(a, "kfa")["healthy"] is True
    finally:
        a.stop()


def test_wrong_api_key_is_a_clear_error(chorus_binary, stub, tmp_path):
    a = ChorusServer(chorus_binary, env=env_with(
        CHORUS_CONFIG=stub_config(tmp_path, stub.url, "wrong-key-1d9")))
    try:
        status, _, body = a.speech(model="kfa", input="Hello.", voice="kfa:af_bella")
        assert status == 503, body
        message = assert_openai_error(body)["message"]
        assert "remote engine 'kfa'" in message and stub.url in message
        assert "API key" in message and "401" in message
        assert a.wait_for_log(lambda line: "rejected chorus's API key" in line), "".join(a.log)
        assert not any("wrong-key-1d9" in line for line in a.log), "the API key is never logged"
    finally:
        a.stop()


def test_failing_remote_falls_back_and_opens_the_breaker(chorus_binary, stub, tmp_path):
    config = stub_config(tmp_path, stub.url, STUB_KEY)
    a = ChorusServer(chorus_binary, env=env_with(CHORUS_CONFIG=config,
                                                 CHORUS_ROUTING_BREAKER_FAILURES=2))
    try:
        for attempt in range(3):
            status, headers, body = a.speech(model="tts-1", input="Hello there.",
                                             voice="kfa:boom", response_format="wav")
            assert status == 200, body
            assert headers["X-Chorus-Engine"] != "kfa"
            assert duration(decode(body, "wav")) > 0.3
            fallback = headers["X-Chorus-Fallback"]
            if attempt < 2:
                assert "kfa: failed before the first audio" in fallback, fallback
                assert "HTTP 500: CUDA out of memory" in fallback, fallback
            else:
                assert "kfa: circuit open" in fallback, fallback
        assert len([r for r in stub.requests if r["body"]["voice"] == "boom"]) == 2
        # The server answered, so it is not marked down: other voices still go to it.
        assert engine_health(a, "kfa")["healthy"] is True
    finally:
        a.stop()


def test_https_server_verified_against_the_configured_ca(chorus_binary, tmp_path):
    cert, key = str(tmp_path / "cert.pem"), str(tmp_path / "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    server = StubSpeechServer(tls=(cert, key))
    trusting = untrusting = None
    try:
        assert server.url.startswith("https://")
        trusting = ChorusServer(chorus_binary, env=env_with(CHORUS_CONFIG=stub_config(
            tmp_path, server.url, STUB_KEY, extra=f'ca_file = "{cert}"')))
        status, headers, body = trusting.speech(model="kfa", input="Hello.", voice="kfa:af_bella",
                                                response_format="wav")
        assert status == 200, body
        assert duration(decode(body, "wav")) == pytest.approx(STUB_PIECES * STUB_PIECE_SECONDS,
                                                              abs=0.05)
        trusting.stop()
        trusting = None
        # Without the CA the self-signed certificate is refused: the remote is down, and says why.
        untrusting = ChorusServer(chorus_binary, env=env_with(CHORUS_CONFIG=stub_config(
            tmp_path, server.url, STUB_KEY)))
        assert engine_health(untrusting, "kfa")["healthy"] is False
        status, _, body = untrusting.speech(model="kfa", input="Hello.", voice="kfa:af_bella")
        assert status == 503, body
        assert untrusting.wait_for_log(lambda line: "is down" in line and "SSL" in line), untrusting.log
    finally:
        for srv in (trusting, untrusting):
            if srv:
                srv.stop()
        server.stop()
