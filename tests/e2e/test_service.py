"""Running chorus as a service: fallback and circuit breaker, API keys, limits, metrics,
configuration, graceful shutdown."""
import http.client
import json
import os
import signal
import subprocess
import time

import pytest

from audio_check import decode, duration
from conftest import env_with
from test_xtts import StandIn

LONG_TEXT = "This sentence is part of a long response that keeps streaming for a while. " * 12


def metric(text, name, **labels):
    """Sum of a metric's samples whose labels include `labels`."""
    total, seen = 0.0, False
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        if all(f'{k}="{v}"' in line for k, v in labels.items()):
            total += float(line.rsplit(" ", 1)[1])
            seen = True
    return total if seen else None


# --- fallback and circuit breaker -------------------------------------------------------------

@pytest.mark.concurrency
def test_failed_engine_falls_back_and_breaker_recovers(start_server):
    xtts = StandIn()
    port = xtts.url.rsplit(":", 1)[1]
    srv = start_server("--xtts-url", xtts.url,
                       env=env_with(CHORUS_ROUTING_BREAKER_FAILURES=2,
                                    CHORUS_ROUTING_BREAKER_COOL_DOWN_MS=1500))
    status, headers, _ = srv.speech(input="Served by XTTS.", voice="xtts:Ana Florence",
                                    response_format="wav")
    assert status == 200 and headers["X-Chorus-Engine"] == "xtts"

    xtts.stop()  # the GPU service goes away
    started = time.monotonic()
    for _ in range(3):
        status, headers, body = srv.speech(input="Still answered.", voice="xtts:Ana Florence",
                                           response_format="wav")
        assert status == 200, body[:300]
        assert headers["X-Chorus-Engine"] != "xtts"
        assert "xtts" in headers["X-Chorus-Fallback"]
        assert duration(decode(body, "wav")) > 0.3
    assert time.monotonic() - started < 30  # fallback is bounded, not a hang

    metrics = srv.request("GET", "/metrics")[2].decode()
    assert metric(metrics, "chorus_fallbacks_total", engine="xtts") >= 3

    # The service comes back on the same port: after the cool-down one probe closes the circuit.
    revived = subprocess.Popen(["/usr/bin/python3", os.path.join(
        os.path.dirname(__file__), "..", "fixtures", "xtts_standin", "server.py"),
        "--port", port], stdout=subprocess.PIPE, text=True)
    try:
        assert revived.stdout.readline().startswith("listening on ")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            status, headers, _ = srv.speech(input="Back again.", voice="xtts:Ana Florence",
                                            response_format="wav")
            if status == 200 and headers["X-Chorus-Engine"] == "xtts":
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the circuit never closed after the engine recovered")
        metrics = srv.request("GET", "/metrics")[2].decode()
        assert metric(metrics, "chorus_engine_circuit_state", engine="xtts") == 0
    finally:
        revived.kill()
        revived.wait()


# --- API keys and limits ----------------------------------------------------------------------

KEYS = "test-key-aaaaaaaa,test-key-bbbbbbbb"


def auth(key):
    return {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}


def test_api_keys(start_server):
    srv = start_server(env=env_with(CHORUS_AUTH_KEYS=KEYS))
    body = {"input": "Hello.", "voice": "alloy", "response_format": "wav"}
    status, headers, error = srv.request("POST", "/v1/audio/speech", body)
    assert status == 401
    assert json.loads(error)["error"]["code"] == "invalid_api_key"
    assert headers["WWW-Authenticate"] == "Bearer"
    status, _, _ = srv.request("POST", "/v1/audio/speech", body, headers=auth("test-key-wrong000"))
    assert status == 401
    status, _, audio = srv.request("POST", "/v1/audio/speech", body,
                                   headers=auth("test-key-bbbbbbbb"))
    assert status == 200 and duration(decode(audio, "wav")) > 0.2
    assert srv.request("GET", "/health")[0] == 200  # liveness stays public
    assert srv.request("GET", "/v1/models")[0] == 401


def test_requests_per_minute(start_server):
    srv = start_server(env=env_with(CHORUS_LIMITS_REQUESTS_PER_MINUTE=3))
    statuses = [srv.request("GET", "/v1/models")[0] for _ in range(3)]
    status, headers, body = srv.request("GET", "/v1/models")
    assert statuses == [200, 200, 200]
    assert status == 429 and int(headers["Retry-After"]) >= 1
    assert json.loads(body)["error"]["code"] == "rate_limit_exceeded"


@pytest.mark.concurrency
def test_max_streams_per_client(start_server):
    srv = start_server(env=env_with(CHORUS_LIMITS_MAX_STREAMS_PER_CLIENT=1))
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    conn.request("POST", "/v1/audio/speech",
                 json.dumps({"input": LONG_TEXT * 3, "voice": "alloy", "response_format": "pcm"}),
                 {"Content-Type": "application/json"})
    resp = conn.getresponse()
    assert resp.status == 200 and resp.read1(16)
    status, _, body = srv.speech(input="Second stream.", voice="alloy")
    conn.close()
    assert status == 429
    assert json.loads(body)["error"]["code"] == "too_many_streams"


# --- observability ----------------------------------------------------------------------------

def test_metrics_and_ready(server):
    status, _, _ = server.speech(input="Counting this request.", voice="alloy",
                                 response_format="mp3")
    assert status == 200
    # A request is counted once its response is fully written, a moment after the client has it;
    # the audio it produced is counted when the response is released, a moment later still.
    deadline = time.monotonic() + 5
    while True:
        status, headers, body = server.request("GET", "/metrics")
        assert status == 200 and headers["Content-Type"].startswith("text/plain")
        text = body.decode()
        count = metric(text, "chorus_requests_total", route="/v1/audio/speech", status="200",
                       engine="espeak", format="mp3")
        produced = metric(text, "chorus_audio_seconds_total", engine="espeak")
        if ((count or 0) >= 1 and produced) or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert count >= 1
    assert metric(text, "chorus_time_to_first_byte_seconds_count", engine="espeak") >= 1
    assert metric(text, "chorus_audio_seconds_total", engine="espeak") > 0
    assert metric(text, "chorus_real_time_factor", engine="espeak") > 0
    assert metric(text, "chorus_engine_healthy", engine="espeak") == 1
    assert metric(text, "chorus_engine_queue_depth", engine="espeak") == 0
    status, _, body = server.request("GET", "/ready")
    assert status == 200 and json.loads(body)["ready"] is True


def test_json_access_log(start_server):
    srv = start_server(env=env_with(CHORUS_LOG_FORMAT="json"))
    srv.request("GET", "/v1/models")
    # A request is logged once its response is fully written, a moment after the client has it.
    srv.wait_for_log(lambda line: '"path":"/v1/models"' in line)
    lines = [line.split("] ", 3)[-1] for line in srv.log if '"path":"/v1/models"' in line]
    assert lines, srv.log[-5:]
    entry = json.loads(lines[-1])
    assert entry["status"] == 200 and entry["method"] == "GET"


def test_normalize_endpoint(server):
    status, _, body = server.request("POST", "/v1/text/normalize",
                                     {"input": "It costs $5.99 on May 3rd.", "language": "en"})
    assert status == 200
    result = json.loads(body)
    assert "five dollars" in result["normalized"] and result["language"] == "en"
    assert result["chunks"] and all(c["text"].strip() for c in result["chunks"])


# --- configuration ----------------------------------------------------------------------------

def test_config_file_env_and_flags(chorus_binary, tmp_path):
    config = tmp_path / "chorus.toml"
    config.write_text('port = 9123\ndefault_language = "de"\n[limits]\nmax_queued = 7\n')
    result = subprocess.run([chorus_binary, "--config", str(config), "config", "show"],
                            capture_output=True, text=True, timeout=30,
                            env=env_with(CHORUS_LIMITS_MAX_QUEUED=9))
    assert result.returncode == 0, result.stderr
    assert "port = 9123" in result.stdout
    assert "default_language = 'de'" in result.stdout
    assert "max_queued = 9" in result.stdout  # the environment wins over the file


def test_config_errors_name_the_key(chorus_binary, tmp_path):
    config = tmp_path / "bad.toml"
    config.write_text("[limits]\nmax_concurrent = 0\n")
    result = subprocess.run([chorus_binary, "--config", str(config), "config", "show"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "limits.max_concurrent" in result.stderr
    config.write_text("prot = 1\n")
    result = subprocess.run([chorus_binary, "--config", str(config), "serve"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "unknown key 'prot'" in result.stderr


def test_flags_override_the_file(start_server, tmp_path):
    config = tmp_path / "chorus.toml"
    config.write_text('default_language = "fr"\n')
    srv = start_server("--default-language", "de", env=env_with(CHORUS_CONFIG=str(config)))
    status, headers, _ = srv.speech(input="1 2 3", voice="alloy", response_format="pcm")
    assert status == 200 and headers["X-Chorus-Language"] == "de"


# --- graceful shutdown ------------------------------------------------------------------------

@pytest.mark.concurrency
def test_sigterm_drains_a_stream(start_server):
    srv = start_server()
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=60)
    # Minutes of WAV: far more than the socket buffers hold while the client is not reading, so
    # the response is still in flight when the signal arrives.
    conn.request("POST", "/v1/audio/speech",
                 json.dumps({"input": LONG_TEXT * 4, "voice": "alloy", "response_format": "wav"}),
                 {"Content-Type": "application/json"})
    resp = conn.getresponse()
    first = resp.read1(4096)
    srv.proc.send_signal(signal.SIGTERM)
    time.sleep(0.5)
    refused = srv.speech(input="Too late.", voice="alloy")
    rest = resp.read()
    conn.close()
    assert refused[0] == 503
    samples = decode(first + rest, "wav")
    assert duration(samples) > 120  # the whole text, not a truncated stream
    assert srv.proc.wait(30) == 0


# --- cloned voices belong to the key that created them ---------------------------------------

def test_cloned_voices_are_isolated_by_key(start_server, tmp_path):
    import voice_samples as vs
    srv = start_server("--data-dir", str(tmp_path),
                       env=env_with(CHORUS_AUTH_KEYS=KEYS, CHORUS_AUTH_ADMIN_KEYS="admin-key-cccccccc"))
    owner, other = "test-key-aaaaaaaa", "test-key-bbbbbbbb"
    body, headers = vs.multipart({"name": "mine", "audio_sample": (
        "sample.wav", vs.alsa_speech_wav(), "audio/wav")})
    headers["Authorization"] = f"Bearer {owner}"
    status, _, created = srv.request("POST", "/v1/audio/voices", body, headers=headers)
    assert status == 201, created
    voice_id = json.loads(created)["id"]

    def ids(key):
        listing = json.loads(srv.request("GET", "/v1/audio/voices", headers=auth(key))[2])
        return {v["id"] for v in listing["voices"]}

    assert voice_id in ids(owner)
    assert voice_id not in ids(other)
    assert voice_id in ids("admin-key-cccccccc")
    # Another key gets "not found" for every use, never "forbidden".
    assert srv.request("GET", f"/v1/audio/voices/{voice_id}", headers=auth(other))[0] == 404
    assert srv.request("DELETE", f"/v1/audio/voices/{voice_id}", headers=auth(other))[0] == 404
    speech = {"input": "Hello.", "voice": voice_id, "response_format": "wav"}
    status, _, error = srv.request("POST", "/v1/audio/speech", speech, headers=auth(other))
    assert status == 400 and json.loads(error)["error"]["code"] == "voice_not_found"
    status, _, audio = srv.request("POST", "/v1/audio/speech", speech, headers=auth(owner))
    assert status == 200 and duration(decode(audio, "wav")) > 0.2
    assert srv.request("DELETE", f"/v1/audio/voices/{voice_id}", headers=auth(owner))[0] == 200
