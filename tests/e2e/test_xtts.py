"""XTTS-v2 through the real server, against the stand-in xtts-streaming-server
(tests/fixtures/xtts_standin/server.py): studio speakers, streamed audio, language limits,
cloned voices computed once, and a service that dies mid-stream."""
import glob
import http.client
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request
import uuid

import pytest

from audio_check import decode, probe

STANDIN = os.path.join(os.path.dirname(__file__), "..", "fixtures", "xtts_standin", "server.py")
SAMPLES_PER_CHAR = 480  # the stand-in's tone length per character at 24 kHz


class StandIn:
    def __init__(self, *args):
        self.proc = subprocess.Popen(["/usr/bin/python3", STANDIN, "--port", "0", *args],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        assert line.startswith("listening on "), line
        self.url = "http://127.0.0.1:" + line.split()[-1]

    def stats(self):
        with urllib.request.urlopen(self.url + "/stats", timeout=10) as resp:
            return json.load(resp)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


@pytest.fixture
def standin():
    started = []

    def start(*args):
        s = StandIn(*args)
        started.append(s)
        return s

    yield start
    for s in started:
        s.stop()


def unused_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def test_studio_speaker_speech_is_served_by_xtts(start_server, standin):
    xtts = standin()
    srv = start_server("--xtts-url", xtts.url)
    status, _, body = srv.request("GET", "/v1/audio/voices")
    assert status == 200
    ids = {voice["id"] for voice in json.loads(body)["voices"]}
    assert "xtts:Ana Florence" in ids

    status, headers, audio = srv.speech(input="Hello from a studio speaker.",
                                        voice="xtts:Ana Florence", response_format="wav")
    assert status == 200, audio[:300]
    assert headers["X-Chorus-Engine"] == "xtts"
    stream, _ = probe(audio, "wav")
    assert stream["codec_name"] == "pcm_s16le"
    samples = decode(audio, "wav")
    expected = len("Hello from a studio speaker.") * SAMPLES_PER_CHAR
    assert abs(len(samples) - expected) < 2400, (len(samples), expected)
    assert xtts.stats()["counts"]["tts_stream"] >= 1


def test_mp3_and_chinese_through_xtts(start_server, standin):
    xtts = standin()
    srv = start_server("--xtts-url", xtts.url)
    status, headers, audio = srv.speech(input="你好，世界。今天天气很好。", voice="xtts:Viktor Eka",
                                        language="zh", response_format="mp3")
    assert status == 200, audio[:300]
    assert headers["X-Chorus-Engine"] == "xtts"
    assert len(decode(audio, "mp3")) > 0
    assert set(xtts.stats()["languages"]) == {"zh-cn"}


def test_long_text_respects_the_language_limit(start_server, standin):
    xtts = standin()
    srv = start_server("--xtts-url", xtts.url)
    text = "The quick brown fox jumps over the lazy dog, again and again. " * 12
    status, headers, audio = srv.speech(input=text, voice="xtts:Ana Florence", language="es",
                                        response_format="pcm")
    assert status == 200, audio[:300]
    assert headers["X-Chorus-Engine"] == "xtts"
    texts = xtts.stats()["texts"]
    assert len(texts) >= 3
    assert max(len(t) for t in texts) <= 239  # Spanish limit; the stand-in would answer 400


def test_unreachable_xtts_leaves_other_engines_working(start_server):
    srv = start_server("--xtts-url", unused_url())
    status, headers, audio = srv.speech(input="Still speaking.", voice="alloy",
                                        response_format="wav")
    assert status == 200, audio[:300]
    assert headers["X-Chorus-Engine"] != "xtts"
    assert len(decode(audio, "wav")) > 0


def test_bad_xtts_url_is_a_startup_error(chorus_binary):
    result = subprocess.run([chorus_binary, "serve", "--port", "0", "--xtts-url", "gpu-host:8000"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "XTTS URL" in result.stderr


@pytest.mark.concurrency
def test_killed_mid_stream_ends_the_client_stream(start_server, standin):
    xtts = standin("--die-mid-stream")
    srv = start_server("--xtts-url", xtts.url)
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    conn.request("POST", "/v1/audio/speech",
                 json.dumps({"input": "A sentence that the service never finishes. " * 4,
                             "voice": "xtts:Ana Florence", "response_format": "pcm"}),
                 {"Content-Type": "application/json"})
    resp = conn.getresponse()
    try:
        resp.read()
    except (http.client.IncompleteRead, ConnectionError):
        pass  # an aborted chunked stream is a clean, detectable end too
    conn.close()
    assert time.monotonic() - started < 15
    assert xtts.proc.wait(10) == 3  # the stand-in really died mid-stream
    # The server is alive and serves other engines.
    status, _, _ = srv.speech(input="Next request.", voice="alloy", response_format="wav")
    assert status == 200


def reference_recording(tmpdir):
    """Real human speech: the alsa-utils recordings, concatenated and resampled."""
    sources = sorted(glob.glob("/usr/share/sounds/alsa/*.wav"))
    assert sources, "alsa-utils recordings not installed (scripts/install-deps.sh installs them)"
    listing = os.path.join(tmpdir, "list.txt")
    with open(listing, "w") as out:
        for path in sources:
            out.write(f"file '{path}'\n")
    target = os.path.join(tmpdir, "reference.wav")
    subprocess.run(["ffmpeg", "-v", "error", "-f", "concat", "-safe", "0", "-i", listing,
                    "-ac", "1", "-ar", "24000", target], check=True)
    with open(target, "rb") as f:
        return f.read()


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    body = b""
    for name, value in fields.items():
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                 f"{value}\r\n").encode()
    for name, (filename, data) in files.items():
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; "
                 f"filename=\"{filename}\"\r\nContent-Type: audio/wav\r\n\r\n").encode()
        body += data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def test_cloned_voice_latents_are_computed_once(start_server, standin):
    xtts = standin()
    with tempfile.TemporaryDirectory() as tmpdir:
        srv = start_server("--xtts-url", xtts.url, "--data-dir", os.path.join(tmpdir, "data"))
        body, headers = multipart({"name": "Alsa speaker"},
                                  {"audio_sample": ("reference.wav", reference_recording(tmpdir))})
        status, _, created = srv.request("POST", "/v1/audio/voices", body, headers)
        assert status in (200, 201), created[:300]
        voice_id = json.loads(created)["id"]

        for text in ("First use of the cloned voice.", "Second use.", "Third use, in Spanish."):
            status, hdrs, audio = srv.speech(input=text, voice={"id": voice_id},
                                             response_format="wav")
            assert status == 200, audio[:300]
            assert hdrs["X-Chorus-Engine"] == "xtts"
            assert len(decode(audio, "wav")) > 0
        status, hdrs, audio = srv.speech(input="Hola otra vez.", voice=voice_id, language="es",
                                         response_format="mp3")
        assert status == 200, audio[:300]
        assert hdrs["X-Chorus-Engine"] == "xtts"
        stats = xtts.stats()
        assert stats["counts"].get("clone_speaker") == 1
        assert stats["counts"]["tts_stream"] >= 4

        # Restarted on the same data directory: the stored latents are reused.
        srv.stop()
        srv = start_server("--xtts-url", xtts.url, "--data-dir", os.path.join(tmpdir, "data"))
        status, hdrs, audio = srv.speech(input="After a restart.", voice={"id": voice_id},
                                         response_format="wav")
        assert status == 200, audio[:300]
        assert hdrs["X-Chorus-Engine"] == "xtts"
        assert xtts.stats()["counts"].get("clone_speaker") == 1
