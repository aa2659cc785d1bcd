"""The HTTP edge under hostile and unusual clients: each case sends what an attacker (or an odd
client) would, asserts the exact answer, and then checks that the server still serves a normal
request. Raw sockets are used wherever an HTTP library would normalize the request away."""
import json
import socket
import statistics
import time

import numpy as np
import pytest

from conftest import ChorusServer, env_with
import voice_samples as vs

KEY = "sk-edge-test-0123456789"


@pytest.fixture(scope="module")
def edge(chorus_binary, tmp_path_factory):
    srv = ChorusServer(chorus_binary, ["--data-dir", str(tmp_path_factory.mktemp("edge-data"))],
                       env=env_with(CHORUS_SERVER_CORS_ORIGINS="https://app.example"))
    yield srv
    srv.stop()


def raw(server, data, timeout=10):
    """Sends raw bytes on a fresh connection; returns everything received until the server
    closes or `timeout` passes without data."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=timeout) as sock:
        sock.sendall(data)
        received = b""
        try:
            while True:
                piece = sock.recv(65536)
                if not piece:
                    break
                received += piece
                if complete(received):
                    break
        except socket.timeout:
            pass
    return received


def read_until_closed(sock):
    received = b""
    while True:
        piece = sock.recv(65536)
        if not piece:
            return received
        received += piece


def complete(response):
    head, sep, body = response.partition(b"\r\n\r\n")
    if not sep:
        return False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value)
    return False


def parse(response):
    head, _, body = response.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, body


def error_of(body):
    error = json.loads(body)["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["code"], error
    return error


def still_serving(server):
    status, _, body = server.request("GET", "/health", timeout=5)
    assert status == 200, body


def post_head(path, extra="", host="127.0.0.1"):
    return (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            + extra + "\r\n").encode()


# --- kept-alive connections ---------------------------------------------------------------

def test_kept_alive_requests_do_not_wait_for_delayed_acks(edge):
    """Nagle's algorithm meeting the client's delayed ACK held every response on a kept-alive
    connection for ~40 ms; with TCP_NODELAY a /health round trip on loopback is well under it."""
    with socket.create_connection(("127.0.0.1", edge.port), timeout=10) as sock:
        times = []
        for _ in range(40):
            started = time.perf_counter()
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            response = b""
            while not complete(response):
                piece = sock.recv(65536)
                assert piece, "connection closed mid-way: keep-alive not honoured"
                response += piece
            times.append(time.perf_counter() - started)
            assert parse(response)[0] == 200
    assert statistics.median(times) < 0.02, times


def timed_health(server):
    """Seconds for a GET /health on a fresh connection (the request a bystander makes)."""
    started = time.perf_counter()
    status, _, _ = parse(raw(server, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                     b"Connection: close\r\n\r\n", timeout=10))
    assert status == 200
    return time.perf_counter() - started


@pytest.mark.concurrency
def test_idle_connections_do_not_hold_workers(edge):
    """Connections that send nothing wait in the server's event loop, not on worker threads:
    with many more of them than workers, others are still answered at once."""
    idle = [socket.create_connection(("127.0.0.1", edge.port)) for _ in range(300)]
    try:
        times = [timed_health(edge) for _ in range(10)]
        assert statistics.median(times) < 0.05, times
    finally:
        for sock in idle:
            sock.close()


@pytest.mark.concurrency
def test_slowloris_heads_do_not_hold_workers(edge):
    """Clients dripping a request head one byte at a time (the slowloris attack) do not stop
    other clients being served."""
    slow = [socket.create_connection(("127.0.0.1", edge.port)) for _ in range(100)]
    try:
        for sock in slow:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        times = []
        for _ in range(10):
            for sock in slow:
                sock.sendall(b"a")
            times.append(timed_health(edge))
        assert statistics.median(times) < 0.05, times
    finally:
        for sock in slow:
            sock.close()


def test_slow_head_is_cut_at_the_head_deadline(start_server):
    srv = start_server(env=env_with(CHORUS_LIMITS_IDLE_TIMEOUT_S=1, CHORUS_LIMITS_HEAD_TIMEOUT_S=2))
    with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as sock:
        started = time.monotonic()
        closed = False
        try:
            while time.monotonic() - started < 8:
                sock.sendall(b"X")  # a byte every 0.3 s: each pause is short, the head never ends
                time.sleep(0.3)
        except (BrokenPipeError, ConnectionResetError):
            closed = True
        assert closed
        assert 1.5 < time.monotonic() - started < 4.5


def test_slow_body_is_cut_at_the_body_deadline(start_server):
    """A body trickling in (each pause shorter than the read timeout) may not hold a worker
    longer than limits.body_timeout_s, and other clients are served meanwhile."""
    srv = start_server(env=env_with(CHORUS_LIMITS_BODY_TIMEOUT_S=2, CHORUS_LIMITS_READ_TIMEOUT_S=5))
    with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as sock:
        sock.sendall(post_head("/v1/audio/speech", "Content-Length: 100000\r\n"))
        started = time.monotonic()
        closed = False
        try:
            while time.monotonic() - started < 8:
                sock.sendall(b" ")
                time.sleep(0.2)
                assert timed_health(srv) < 0.5
        except (BrokenPipeError, ConnectionResetError):
            closed = True
        assert closed
        assert 1.5 < time.monotonic() - started < 5


@pytest.mark.concurrency
def test_pipelined_requests_are_all_answered(edge):
    request = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    last = b"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    with socket.create_connection(("127.0.0.1", edge.port), timeout=10) as sock:
        sock.sendall(request * 3 + last)
        received = read_until_closed(sock)
    assert received.count(b"HTTP/1.1 200 OK") == 4
    assert b'"object":"list"' in received


def test_connections_over_the_per_address_cap_get_503(start_server):
    srv = start_server(env=env_with(CHORUS_LIMITS_MAX_CONNECTIONS_PER_ADDRESS=5))
    held = [socket.create_connection(("127.0.0.1", srv.port)) for _ in range(5)]
    try:
        time.sleep(0.2)
        status, headers, data = parse(raw(srv, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
        assert status == 503
        assert error_of(data)["code"] == "too_many_connections"
    finally:
        for sock in held:
            sock.close()
    time.sleep(0.2)
    still_serving(srv)


# --- methods, OPTIONS and CORS --------------------------------------------------------------

WRONG_METHODS = [
    ("GET", "/v1/audio/speech", "POST, OPTIONS"),
    ("PUT", "/v1/audio/speech/timestamps", "POST, OPTIONS"),
    ("GET", "/v1/audio/clone", "POST, OPTIONS"),
    ("DELETE", "/v1/text/normalize", "POST, OPTIONS"),
    ("PUT", "/v1/audio/voices", "GET, HEAD, POST, OPTIONS"),
    ("POST", "/v1/audio/voices/voice_x", "GET, HEAD, DELETE, OPTIONS"),
    ("POST", "/v1/models", "GET, HEAD, OPTIONS"),
    ("DELETE", "/v1/models/tts-1", "GET, HEAD, OPTIONS"),
    ("POST", "/v1/audio/models", "GET, HEAD, OPTIONS"),
    ("POST", "/health", "GET, HEAD, OPTIONS"),
    ("PATCH", "/ready", "GET, HEAD, OPTIONS"),
    ("DELETE", "/metrics", "GET, HEAD, OPTIONS"),
    ("POST", "/", "GET, HEAD, OPTIONS"),
    ("PUT", "/assets/app.js", "GET, HEAD, OPTIONS"),
]


@pytest.mark.parametrize("method,path,allow", WRONG_METHODS)
def test_wrong_method_is_405_with_allow(edge, method, path, allow):
    body = b"{}" if method in ("POST", "PUT", "PATCH") else None
    status, headers, data = edge.request(method, path, body,
                                         headers={"Content-Type": "application/json"})
    assert status == 405, data
    assert headers["Allow"] == allow
    assert error_of(data)["code"] == "method_not_allowed"


def test_unknown_route_is_404_in_the_error_shape(edge):
    status, _, data = edge.request("GET", "/v1/nothing")
    assert status == 404
    assert error_of(data)["code"] == "unknown_route"


def test_options_answers_allow_and_cors_preflight(edge):
    status, headers, _ = edge.request("OPTIONS", "/v1/audio/speech")
    assert status == 204
    assert headers["Allow"] == "POST, OPTIONS"
    assert headers.get("Access-Control-Allow-Origin") is None  # no Origin, no CORS answer

    status, headers, _ = edge.request("OPTIONS", "/v1/audio/speech", headers={
        "Origin": "https://app.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, authorization"})
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "https://app.example"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "Content-Type" in headers["Access-Control-Allow-Headers"]

    status, headers, _ = edge.request("OPTIONS", "/v1/audio/speech",
                                      headers={"Origin": "https://evil.example"})
    assert status == 204
    assert headers.get("Access-Control-Allow-Origin") is None


def test_configured_origin_may_post_and_read_the_headers(edge):
    status, headers, data = edge.request(
        "POST", "/v1/audio/speech",
        {"model": "tts-1", "voice": "alloy", "input": "Hi.", "response_format": "wav"},
        headers={"Origin": "https://app.example", "Sec-Fetch-Site": "cross-site"})
    assert status == 200, data
    assert headers["Access-Control-Allow-Origin"] == "https://app.example"
    assert "X-Chorus-Engine" in headers["Access-Control-Expose-Headers"]


# --- browser-origin attacks without API keys ------------------------------------------------

def test_cross_site_voice_creation_is_refused(edge):
    tone = vs.espeak_wav("This is a sample of my voice for the test of cross site uploads.")
    body, headers = vs.multipart({"name": "cross-site", "audio_sample": ("a.wav", tone,
                                                                          "audio/wav")})
    headers.update({"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"})
    status, _, data = edge.request("POST", "/v1/audio/voices", body, headers=headers)
    assert status == 403, data
    assert error_of(data)["code"] == "cross_site_request"
    status, _, data = edge.request("GET", "/v1/audio/voices")
    assert b"cross-site" not in data
    still_serving(edge)


def test_cross_origin_post_without_fetch_metadata_is_refused(edge):
    status, _, data = edge.request("POST", "/v1/audio/speech",
                                   {"model": "tts-1", "voice": "alloy", "input": "Hi."},
                                   headers={"Origin": "http://evil.example"})
    assert status == 403
    assert error_of(data)["code"] == "cross_site_request"


def test_same_origin_post_from_the_web_ui_works(edge):
    status, _, data = edge.request(
        "POST", "/v1/audio/speech",
        {"model": "tts-1", "voice": "alloy", "input": "Hi.", "response_format": "wav"},
        headers={"Origin": edge.url, "Sec-Fetch-Site": "same-origin"})
    assert status == 200, data


def test_rebound_host_name_is_refused(edge):
    status, headers, data = parse(raw(edge, b"GET /v1/models HTTP/1.1\r\nHost: evil.example:80"
                                            b"\r\n\r\n"))
    assert status == 403
    assert error_of(data)["code"] == "host_not_allowed"
    status, _, _ = parse(raw(edge, f"GET /v1/models HTTP/1.1\r\nHost: localhost:{edge.port}"
                                   "\r\n\r\n".encode()))
    assert status == 200


def test_host_check_is_off_with_api_keys(start_server):
    srv = start_server(env=env_with(CHORUS_AUTH_KEYS=KEY))
    status, _, _ = parse(raw(srv, f"GET /v1/models HTTP/1.1\r\nHost: tts.example\r\n"
                                  f"Authorization: Bearer {KEY}\r\n\r\n".encode()))
    assert status == 200


# --- framing: Content-Length, Transfer-Encoding, header limits ------------------------------

def chunked(data, size):
    return b"".join(b"%x\r\n" % len(data[i:i + size]) + data[i:i + size] + b"\r\n"
                    for i in range(0, len(data), size)) + b"0\r\n\r\n"


def test_chunked_speech_request_is_served(edge):
    body = json.dumps({"model": "tts-1", "voice": "alloy", "input": "Sent in chunks.",
                       "response_format": "wav"}).encode()
    response = raw(edge, post_head("/v1/audio/speech", "Transfer-Encoding: chunked\r\n"
                                   "Connection: close\r\n") + chunked(body, 7), timeout=30)
    status, headers, data = parse(response)
    assert status == 200, data[:300]


def test_chunked_flood_is_cut_at_the_body_limit(edge):
    """A chunked body has no declared size: it is counted as it arrives, and refused once it
    passes the route's limit (1 MiB for JSON), long before the client stops sending."""
    import select
    piece = chunked(b"[" * 65536, 65536)[:-5]  # one 64 KiB chunk, without the last-chunk
    sent = 0
    response = b""
    with socket.create_connection(("127.0.0.1", edge.port), timeout=10) as sock:
        sock.sendall(post_head("/v1/audio/speech", "Transfer-Encoding: chunked\r\n"))
        closed = False
        try:
            while sent < 200 * 2**20 and not complete(response) and not closed:
                sock.sendall(piece)
                sent += len(piece)
                while select.select([sock], [], [], 0)[0]:
                    data = sock.recv(65536)
                    if not data:
                        closed = True
                        break
                    response += data
        except (BrokenPipeError, ConnectionResetError):
            pass
        sock.settimeout(5)
        try:
            while not complete(response):
                data = sock.recv(65536)
                if not data:
                    break
                response += data
        except (ConnectionResetError, socket.timeout):
            pass
    assert sent < 8 * 2**20, sent
    status, _, data = parse(response)
    assert status == 413
    assert error_of(data)["code"] == "request_too_large"
    still_serving(edge)


def test_unknown_transfer_coding_is_501(edge):
    status, _, data = parse(raw(edge, post_head("/v1/audio/speech",
                                                "Transfer-Encoding: gzip\r\n")))
    assert status == 501
    assert error_of(data)["code"] == "unsupported_transfer_encoding"


@pytest.mark.parametrize("lengths,code", [
    (["5", "6"], "invalid_content_length"),
    (["5, 6"], "invalid_content_length"),
    (["-1"], "invalid_content_length"),
    (["abc"], "invalid_content_length"),
])
def test_bad_content_length_is_400(edge, lengths, code):
    extra = "".join(f"Content-Length: {value}\r\n" for value in lengths)
    status, _, data = parse(raw(edge, post_head("/v1/audio/speech", extra) + b"{}   "))
    assert status == 400, data
    assert error_of(data)["code"] == code
    still_serving(edge)


def test_content_length_with_transfer_encoding_is_400(edge):
    status, _, data = parse(raw(edge, post_head(
        "/v1/audio/speech", "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n") + b"{}"))
    assert status == 400
    assert error_of(data)["code"] == "invalid_transfer_encoding"


def test_post_without_length_is_answered_at_once(edge):
    started = time.monotonic()
    status, _, data = parse(raw(edge, post_head("/v1/audio/speech")))
    assert status == 411
    assert error_of(data)["code"] == "length_required"
    assert time.monotonic() - started < 2


def test_header_flood_is_431(edge):
    headers = "".join(f"X-Flood-{i}: {i}\r\n" for i in range(500))
    status, _, data = parse(raw(edge, f"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}\r\n"
                                .encode()))
    assert status == 431
    assert error_of(data)["code"] == "headers_too_large"
    still_serving(edge)


@pytest.mark.parametrize("size", [9000, 65536])
def test_oversized_header_line_is_431(edge, size):
    with socket.create_connection(("127.0.0.1", edge.port), timeout=10) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * size +
                     b"\r\n\r\n")
        response = b""
        try:
            while True:  # until the server closes: the rest of the line is not a second request
                piece = sock.recv(65536)
                if not piece:
                    break
                response += piece
        except ConnectionResetError:
            pass  # closed with the rest of the line unread: a reset after the answer
    assert response.count(b"HTTP/1.1 ") == 1, response[:500]
    status, _, data = parse(response)
    assert status == 431
    assert error_of(data)["code"] == "headers_too_large"
    still_serving(edge)


def test_malformed_pipelined_request_is_400_after_the_good_one(edge):
    good = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    bad = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nNoColonHere\r\n\r\n"
    with socket.create_connection(("127.0.0.1", edge.port), timeout=10) as sock:
        sock.sendall(good + bad)
        received = read_until_closed(sock)
    assert received.count(b"HTTP/1.1 200 OK") == 1, received[:800]
    second = received[received.index(b"HTTP/1.1 ", 10):]
    status, _, data = parse(second)
    assert status == 400
    assert error_of(data)["code"] == "malformed_request"
    still_serving(edge)


def test_slow_small_bodies_do_not_hold_workers(start_server):
    """More connections than workers, each sending a speech request's body a byte at a time:
    they wait in the event loop, not on workers, so other clients are served as usual; when
    the body deadline passes each gets 408."""
    srv = start_server(env=env_with(CHORUS_LIMITS_HTTP_THREADS=4, CHORUS_LIMITS_BODY_TIMEOUT_S=3))
    slow = []
    try:
        for _ in range(12):
            sock = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
            sock.sendall(post_head("/v1/audio/speech", "Content-Length: 200\r\n") + b"{")
            slow.append(sock)
        started = time.monotonic()
        while time.monotonic() - started < 1.5:
            for sock in slow:
                sock.sendall(b" ")
            assert timed_health(srv) < 0.5
            time.sleep(0.2)
        for sock in slow:
            response = b""
            try:
                while not complete(response):
                    piece = sock.recv(65536)
                    if not piece:
                        break
                    response += piece
            except ConnectionResetError:
                pass
            status, _, data = parse(response)
            assert status == 408, response[:300]
            assert error_of(data)["code"] == "request_timeout"
    finally:
        for sock in slow:
            sock.close()
    still_serving(srv)


@pytest.mark.parametrize("line", [b"NoColonHere", b"Host : spaced", b" folded-onto-host"])
def test_malformed_header_line_is_400(edge, line):
    status, _, data = parse(raw(edge, b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + line +
                                b"\r\n\r\n"))
    assert status == 400
    assert error_of(data)["code"] == "malformed_request"
    still_serving(edge)


def test_http10_client_gets_speech_without_chunking(edge):
    body = json.dumps({"model": "tts-1", "voice": "alloy", "input": "Hello there.",
                       "response_format": "wav"}).encode()
    response = raw(edge, f"POST /v1/audio/speech HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                         f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
                   .encode() + body, timeout=60)
    status, headers, data = parse(response)
    assert status == 200
    assert "transfer-encoding" not in headers
    assert data[:4] == b"RIFF" and len(data) > 10000


# --- bounded cost ---------------------------------------------------------------------------

def test_lexicon_amplification_is_refused(edge):
    request = {"model": "tts-1", "voice": "alloy", "input": "w " * 2047,
               "lexicon": {"w": "supercalifragilistic " * 9}, "response_format": "pcm"}
    for extra in ({}, {"timestamps": True, "stream_format": "sse"}):
        started = time.monotonic()
        status, _, data = edge.request("POST", "/v1/audio/speech", {**request, **extra})
        assert status == 413, data[:200]
        error = error_of(data)
        assert error["code"] == "normalized_input_too_long"
        assert error["param"] == "input"
        assert time.monotonic() - started < 5
    still_serving(edge)


def test_audio_duration_limit(start_server):
    srv = start_server(env=env_with(CHORUS_LIMITS_MAX_AUDIO_SECONDS="3"))
    # Surely too long: refused before synthesis.
    status, _, data = srv.speech(model="tts-1", voice="alloy", input="word " * 400,
                                 response_format="pcm")
    assert status == 413
    assert error_of(data)["code"] == "audio_too_long"
    # Within the limit: served.
    status, _, data = srv.speech(model="tts-1", voice="alloy", input="Short.",
                                 response_format="pcm")
    assert status == 200
    assert len(data) / 48000 <= 3.0


# --- the smaller points ---------------------------------------------------------------------

def test_lower_case_bearer_scheme_is_accepted(start_server):
    srv = start_server(env=env_with(CHORUS_AUTH_KEYS=KEY))
    assert srv.request("GET", "/v1/models", headers={"Authorization": f"bearer {KEY}"})[0] == 200
    assert srv.request("GET", "/v1/models", headers={"Authorization": f"BEARER {KEY}"})[0] == 200
    assert srv.request("GET", "/v1/models", headers={"Authorization": "bearer wrong-key"})[0] == 401


def test_nul_in_a_voice_does_not_cut_the_message(edge):
    status, _, data = edge.speech(model="tts-1", voice="ab\u0000cd", input="Hi.")
    assert status == 400
    message = error_of(data)["message"]
    assert "cd" in message.split("ab", 1)[1], message


def test_clone_errors_name_reference_audio(edge):
    body, headers = vs.multipart({"text": "Hello.",
                                  "reference_audio": ("a.wav", b"not audio at all", "audio/wav")})
    status, _, data = edge.request("POST", "/v1/audio/clone", body, headers=headers)
    assert status == 400
    assert error_of(data)["param"] == "reference_audio"


def test_pure_tone_is_not_a_voice(edge):
    t = np.arange(int(6 * 24000)) / 24000
    tone = vs.wav_from_samples(0.3 * np.sin(2 * np.pi * 440 * t))
    body, headers = vs.multipart({"name": "tone", "audio_sample": ("tone.wav", tone,
                                                                    "audio/wav")})
    status, _, data = edge.request("POST", "/v1/audio/voices", body, headers=headers)
    assert status == 400, data
    error = error_of(data)
    assert error["code"] == "audio_not_speech"
    assert error["param"] == "audio_sample"


def test_metrics_series_exist_at_zero_from_the_start(start_server):
    srv = start_server()
    status, _, data = srv.request("GET", "/metrics")
    assert status == 200
    text = data.decode()
    for series in ('chorus_fallbacks_total{engine="espeak",reason="overloaded"} 0',
                   'chorus_fallbacks_total{engine="espeak",reason="failed"} 0',
                   'chorus_circuit_openings_total{engine="espeak"} 0',
                   'chorus_cache_lookups_total{result="hit"} 0',
                   'chorus_cache_lookups_total{result="miss"} 0',
                   'chorus_throttled_requests_total{code="server_busy"} 0',
                   'chorus_throttled_requests_total{code="rate_limit_exceeded"} 0'):
        assert series in text, series

