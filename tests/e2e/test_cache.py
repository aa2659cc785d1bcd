"""Result cache, warm-up and connection timeouts against the real server."""
import base64
import http.client
import json
import socket
import threading
import time

import pytest

from audio_check import decode, duration
from test_kokoro import kokoro_fixtures, start_kokoro  # noqa: F401 (fixture)
from conftest import env_with
from test_service import metric

FORMATS = ["mp3", "opus", "aac", "flac", "wav", "pcm"]


@pytest.fixture(scope="module")
def cached(chorus_binary):
    """A server of its own, so the cache's contents come from this module only."""
    from conftest import ChorusServer
    srv = ChorusServer(chorus_binary, env=env_with(CHORUS_CACHE_MAX_INPUT_CHARS=120))
    yield srv
    srv.stop()


def speech(srv, headers=None, **fields):
    hdrs = {"Content-Type": "application/json", **(headers or {})}
    return srv.request("POST", "/v1/audio/speech", json.dumps(fields).encode(), hdrs)


def metrics(srv):
    return srv.request("GET", "/metrics")[2].decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_hit_is_byte_identical_to_the_synthesized_result(cached, fmt):
    fields = dict(input=f"The cache keeps this {fmt} sentence.", voice="alloy",
                  model="espeak", response_format=fmt)
    status, first_headers, first = speech(cached, **fields)
    assert status == 200, first[:300]
    assert first_headers["X-Chorus-Cache"] == "miss"
    assert first_headers["Cache-Control"] == "no-store"
    status, headers, hit = speech(cached, **fields)
    assert status == 200
    assert headers["X-Chorus-Cache"] == "hit"
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"] == first_headers["Content-Type"]
    for name in ("X-Chorus-Engine", "X-Chorus-Voice", "X-Chorus-Language", "X-Chorus-Format"):
        assert headers[name] == first_headers[name]
    assert hit == first
    # Cache-Control: no-cache asks for fresh synthesis. espeak-ng varies its waveform slightly
    # from run to run, so a fresh result matches in length, not sample for sample (the
    # deterministic Kokoro stand-in below checks byte identity with fresh synthesis).
    status, headers, fresh = speech(cached, headers={"Cache-Control": "no-cache"}, **fields)
    assert status == 200 and headers["X-Chorus-Cache"] == "miss"
    assert abs(duration(decode(fresh, fmt)) - duration(decode(hit, fmt))) < 0.05
    assert duration(decode(hit, fmt)) > 1.0


def test_hit_equals_fresh_synthesis_of_a_deterministic_engine(start_server, kokoro_fixtures):
    srv = start_kokoro(start_server, kokoro_fixtures / "taylorchu")
    for fmt in FORMATS:
        fields = dict(input=f"Kokoro says this in {fmt}.", voice="af_heart", model="kokoro",
                      response_format=fmt)
        status, headers, first = speech(srv, **fields)
        assert status == 200 and headers["X-Chorus-Cache"] == "miss", first[:300]
        status, headers, hit = speech(srv, **fields)
        assert headers["X-Chorus-Cache"] == "hit"
        status, headers, fresh = speech(srv, headers={"Cache-Control": "no-cache"}, **fields)
        assert headers["X-Chorus-Cache"] == "miss"
        assert hit == first == fresh, fmt


def test_sse_is_served_from_the_same_cached_audio(cached):
    fields = dict(input="Server sent events replay cached audio.", voice="nova",
                  model="espeak", response_format="mp3")
    status, _, audio = speech(cached, **fields)
    assert status == 200

    def sse_audio():
        status, resp_headers, body = speech(cached, stream_format="sse", **fields)
        assert status == 200 and resp_headers["Content-Type"].startswith("text/event-stream")
        events = [json.loads(line[len("data: "):]) for line in body.decode().split("\n\n")
                  if line.startswith("data: ")]
        assert events[-1]["type"] == "speech.audio.done"
        joined = b"".join(base64.b64decode(e["audio"]) for e in events
                          if e["type"] == "speech.audio.delta")
        return resp_headers["X-Chorus-Cache"], joined, events[-1]["usage"]

    cache_state, joined, usage = sse_audio()
    assert cache_state == "hit"
    assert joined == audio
    assert usage["output_tokens"] > 0 and usage["input_tokens"] == len(fields["input"])


def test_any_change_that_alters_the_audio_is_a_miss(cached):
    base = dict(input="Every option is part of the key.", voice="alloy", model="espeak",
                response_format="wav", speed=1.0)
    assert speech(cached, **base)[1]["X-Chorus-Cache"] == "miss"
    assert speech(cached, **base)[1]["X-Chorus-Cache"] == "hit"
    for change in ({"speed": 1.5}, {"voice": "onyx"}, {"response_format": "flac"},
                   {"input": base["input"] + " Plus one."}, {"language": "fr"},
                   {"instructions": "Whisper."}):
        status, headers, body = speech(cached, **{**base, **change})
        assert status == 200, (change, body[:300])
        assert headers["X-Chorus-Cache"] == "miss", change
    # The same text spelled differently normalizes to the same chunks: one entry serves both.
    status, headers, _ = speech(cached, **{**base, "input": "Every option is part of the key. "})
    assert headers["X-Chorus-Cache"] == "hit"


def test_long_text_above_the_limit_is_not_cached(cached):
    fields = dict(input="This text is longer than the cache limit of this server. " * 3,
                  voice="alloy", model="espeak", response_format="mp3")
    assert len(fields["input"]) > 120
    for _ in range(2):
        status, headers, _ = speech(cached, **fields)
        assert status == 200 and headers["X-Chorus-Cache"] == "miss"


def test_no_store_leaves_the_cache_alone(cached):
    fields = dict(input="Do not keep this one.", voice="alloy", model="espeak",
                  response_format="mp3")
    status, headers, _ = speech(cached, headers={"Cache-Control": "no-store"}, **fields)
    assert status == 200 and headers["X-Chorus-Cache"] == "miss"
    assert speech(cached, **fields)[1]["X-Chorus-Cache"] == "miss"
    assert speech(cached, **fields)[1]["X-Chorus-Cache"] == "hit"


def test_metrics_count_lookups_and_size(cached):
    before = metrics(cached)
    hits = metric(before, "chorus_cache_lookups_total", result="hit") or 0
    misses = metric(before, "chorus_cache_lookups_total", result="miss") or 0
    fields = dict(input="Counted by the cache metrics.", voice="alloy", model="espeak",
                  response_format="opus")
    speech(cached, **fields)
    speech(cached, **fields)
    after = metrics(cached)
    assert metric(after, "chorus_cache_lookups_total", result="miss") == misses + 1
    assert metric(after, "chorus_cache_lookups_total", result="hit") == hits + 1
    assert metric(after, "chorus_cache_entries") >= 1
    assert metric(after, "chorus_cache_bytes") > 1000


def test_identical_concurrent_requests(cached):
    fields = dict(input="Four clients ask for the same words at once.", voice="alloy",
                  model="espeak", response_format="flac")
    results = []

    def ask():
        results.append(speech(cached, **fields))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [status for status, _, _ in results] == [200] * 4
    # espeak-ng varies slightly between runs: each client got complete audio of its own, and
    # the cache kept one of them whole.
    bodies = {body for _, _, body in results}
    for body in bodies:
        assert duration(decode(body, "flac")) > 1.5
    status, headers, body = speech(cached, **fields)
    assert headers["X-Chorus-Cache"] == "hit" and body in bodies


def test_access_log_says_whether_the_cache_served(start_server):
    srv = start_server(env=env_with(CHORUS_LOG_FORMAT="json"))
    fields = dict(input="Logged twice.", voice="alloy", model="espeak", response_format="mp3")
    speech(srv, **fields)
    speech(srv, **fields)
    # A request is logged once its response is fully written, a moment after the client has it.
    deadline = time.monotonic() + 5
    while True:
        entries = [json.loads(line.split("] ", 3)[-1]) for line in srv.log
                   if '"path":"/v1/audio/speech"' in line]
        if len(entries) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert sorted(entry.get("cache") for entry in entries) == ["hit", "miss"], entries
    assert all(entry["engine"] == "espeak" for entry in entries)


def test_disabled_cache_always_misses(start_server):
    srv = start_server(env=env_with(CHORUS_CACHE_ENABLED="false"))
    fields = dict(input="No cache here.", voice="alloy", model="espeak", response_format="mp3")
    for _ in range(3):
        status, headers, _ = speech(srv, **fields)
        assert status == 200
        assert headers["X-Chorus-Cache"] == "miss"
    assert not metric(metrics(srv), "chorus_cache_lookups_total", result="hit")


def test_disk_tier_survives_a_restart(start_server, tmp_path):
    env = env_with(CHORUS_CACHE_DISK_DIR=str(tmp_path / "cache"))
    fields = dict(input="Kept on disk across restarts.", voice="alloy", model="espeak",
                  response_format="aac")
    first = start_server(env=env)
    status, headers, original = speech(first, **fields)
    assert status == 200 and headers["X-Chorus-Cache"] == "miss"
    first.stop()
    files = list((tmp_path / "cache").glob("*.speech"))
    assert len(files) == 1
    second = start_server(env=env)
    status, headers, body = speech(second, **fields)
    assert headers["X-Chorus-Cache"] == "hit" and body == original
    second.stop()
    # A damaged file is detected and treated as a miss.
    files[0].write_bytes(files[0].read_bytes()[:-100])
    third = start_server(env=env)
    status, headers, body = speech(third, **fields)
    assert status == 200 and headers["X-Chorus-Cache"] == "miss"
    assert body == original
    assert third.wait_for_log(lambda line: "damaged" in line), "".join(third.log)


def wait_ready(srv, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, _, body = srv.request("GET", "/ready")
        if status == 200:
            return json.loads(body)
        time.sleep(0.1)
    raise AssertionError("never ready: " + body.decode())


def test_warmup_phrases_are_hits_on_the_first_request(start_server, tmp_path):
    config = tmp_path / "chorus.toml"
    config.write_text(
        '[[cache.warmup]]\nvoice = "alloy"\ntext = "Welcome to chorus."\nmodel = "espeak"\n'
        '\n[[cache.warmup]]\nvoice = "espeak:fr"\ntext = "Bonjour."\nformat = "wav"\n'
        '\n[[cache.warmup]]\nvoice = "no-such-voice"\ntext = "This one fails."\n')
    srv = start_server(env=env_with(CHORUS_CONFIG=str(config)))
    assert wait_ready(srv)["cache_warmup"] == "done"
    status, headers, body = speech(srv, input="Welcome to chorus.", voice="alloy",
                                   model="espeak")
    assert status == 200 and headers["X-Chorus-Cache"] == "hit"
    assert duration(decode(body, "mp3")) > 0.5
    status, headers, _ = speech(srv, input="Bonjour.", voice="espeak:fr", response_format="wav")
    assert status == 200 and headers["X-Chorus-Cache"] == "hit"
    log = "".join(srv.log)
    assert "no-such-voice" in log and "failed" in log  # logged, not fatal


def test_warmup_config_errors_name_the_key(chorus_binary, tmp_path):
    import subprocess
    config = tmp_path / "chorus.toml"
    config.write_text('[[cache.warmup]]\nvoice = "alloy"\ntext = "Hi"\nformat = "ogg"\n')
    result = subprocess.run([chorus_binary, "--config", str(config), "config", "show"],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "cache.warmup[0].format" in result.stderr
    result = subprocess.run(
        [chorus_binary, "config", "show"], capture_output=True, text=True,
        env=env_with(CHORUS_CACHE_WARMUP='[{ voice = "nova", text = "Hello there." }]'))
    assert result.returncode == 0, result.stderr
    assert "voice = 'nova'" in result.stdout and "Hello there." in result.stdout


# --- connection timeouts ----------------------------------------------------------------------

def closed_by_server(sock, within):
    """True when the server closes the connection within `within` seconds."""
    sock.settimeout(within)
    try:
        return sock.recv(1) == b""
    except socket.timeout:
        return False
    except ConnectionResetError:
        return True


def test_idle_timeout_is_separate_from_the_read_timeout(start_server):
    srv = start_server(env=env_with(CHORUS_LIMITS_IDLE_TIMEOUT_S=1, CHORUS_LIMITS_READ_TIMEOUT_S=3))
    # A kept-alive connection with no next request is closed after the idle timeout.
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=10)
    conn.request("GET", "/health")
    resp = conn.getresponse()
    assert resp.status == 200 and resp.getheader("Connection", "keep-alive") != "close"
    resp.read()
    started = time.monotonic()
    assert closed_by_server(conn.sock, 6)
    assert 0.9 < time.monotonic() - started < 3
    conn.close()

    # A slow but active upload outlives the idle timeout: each pause stays under the read timeout.
    body = json.dumps({"input": "Slow client.", "voice": "alloy", "model": "espeak",
                       "response_format": "wav"}).encode()
    with socket.create_connection(("127.0.0.1", srv.port)) as sock:
        sock.sendall(b"POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/json\r\n"
                     + f"Content-Length: {len(body)}\r\n\r\n".encode())
        for i in range(0, len(body), len(body) // 3 + 1):
            time.sleep(1.5)
            sock.sendall(body[i:i + len(body) // 3 + 1])
        sock.settimeout(10)
        assert sock.recv(65536).startswith(b"HTTP/1.1 200")

    # A pause longer than the read timeout mid-request ends the connection.
    with socket.create_connection(("127.0.0.1", srv.port)) as sock:
        sock.sendall(b"POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     + f"Content-Length: {len(body)}\r\n\r\n".encode() + body[:10])
        started = time.monotonic()
        sock.settimeout(10)
        try:
            reply = sock.recv(65536)
        except ConnectionResetError:
            reply = b""
        assert not reply.startswith(b"HTTP/1.1 200")
        assert time.monotonic() - started >= 2.5


def test_cloned_voice_warmup_and_key_isolation(start_server, tmp_path):
    import voice_samples as vs
    keys = {"one": "cache-key-one-aaaa", "two": "cache-key-two-bbbb"}

    def auth(name):
        return {"Authorization": f"Bearer {keys[name]}"}

    env = env_with(CHORUS_AUTH_KEYS=",".join(keys.values()))
    first = start_server("--data-dir", str(tmp_path), env=env)
    body, headers = vs.multipart({"name": "Announcer",
                                  "audio_sample": ("s.wav", vs.alsa_speech_wav(), "audio/wav")})
    status, _, created = first.request("POST", "/v1/audio/voices", body,
                                       headers={**headers, **auth("one")})
    assert status == 201, created
    voice = json.loads(created)["id"]
    first.stop()

    # Common phrases of a cloned voice, synthesized at start.
    phrase = "Your order has shipped."
    srv = start_server("--data-dir", str(tmp_path), env=env_with(
        CHORUS_AUTH_KEYS=",".join(keys.values()),
        CHORUS_CACHE_WARMUP=f'[{{ voice = "{voice}", text = "{phrase}", format = "opus" }}]'))
    assert wait_ready(srv)["cache_warmup"] == "done"
    status, headers, audio = speech(srv, headers=auth("one"), input=phrase, voice=voice,
                                    response_format="opus")
    assert status == 200, audio[:300]
    assert headers["X-Chorus-Cache"] == "hit"
    assert headers["X-Chorus-Clone-Method"]
    assert duration(decode(audio, "opus")) > 0.5
    # The cache never hands another key's cloned voice out: ownership is checked first.
    status, _, body = speech(srv, headers=auth("two"), input=phrase, voice=voice,
                             response_format="opus")
    assert status == 400 and json.loads(body)["error"]["code"] == "voice_not_found", body
