"""Kokoro on the real Kokoro-82M weights (the int8 graph and the voices that packages ship, laid
out by scripts/fetch-test-models.sh), through the real server. Audio is checked with ffprobe and
ffmpeg: lengths, speaking rate, speed, timestamps, streaming.

The only voices that can be had here are Kokoro's five Japanese ones, so English is spoken with
jf_alpha's style (the model is multilingual; the voice keeps its accent)."""
import base64
import json
import math
import socket
import time

import pytest

from audio_check import decode, probe
from conftest import ChorusServer

ENGLISH = ("The ferry left the harbour a little after dawn, and the gulls followed it out past the "
           "breakwater. On the upper deck a girl held her grandfather's hand.")
JAPANESE = "今日はとても良い天気ですね。公園を散歩しましょう。"


@pytest.fixture(scope="module")
def kokoro(chorus_binary, real_models):
    srv = ChorusServer(chorus_binary, ["--models-dir", real_models])
    loaded = [line for line in srv.log if "kokoro: loaded" in line]
    if not loaded:
        srv.stop()
        raise AssertionError("Kokoro did not load the real model:\n" + "".join(srv.log))
    assert "kokoro-v1.0.int8.onnx int8 sha256:6e742170" in loaded[0], loaded[0]
    assert "tokens:int64, style, speed:float32 -> audio" in loaded[0], loaded[0]
    assert not any("Japanese disabled" in line for line in srv.log), "".join(srv.log)
    yield srv
    srv.stop()


def speak(srv, text, voice="jf_alpha", language="en", **fields):
    body = {"model": "kokoro", "voice": voice, "input": text, "response_format": "wav",
            "language": language}
    body.update(fields)
    status, headers, data = srv.request("POST", "/v1/audio/speech", body, timeout=600)
    assert status == 200, data[:300]
    assert headers["X-Chorus-Engine"] == "kokoro", dict(headers)
    stream, fmt = probe(data, "wav")
    assert stream["codec_name"] == "pcm_s16le" and int(stream["sample_rate"]) == 24000
    return data, float(fmt["duration"]), headers


def rms(samples):
    return math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))


def voiced_fraction(samples, rate=24000):
    """Share of 20 ms frames louder than -40 dBFS: speech has pauses, but mostly sound."""
    frame = rate // 50
    loud = 0
    frames = 0
    for i in range(0, len(samples) - frame, frame):
        frames += 1
        if rms(samples[i:i + frame]) > 327:  # -40 dBFS of full scale
            loud += 1
    return loud / max(1, frames)


def test_voices_of_the_real_file_are_listed_with_language_and_gender(kokoro):
    status, _, body = kokoro.request("GET", "/v1/audio/voices")
    assert status == 200
    data = json.loads(body)
    voices = {v["id"]: v for v in (data["voices"] if isinstance(data, dict) else data)
              if v.get("engine") == "kokoro"}
    expected = {"jf_alpha": "female", "jf_gongitsune": "female", "jf_nezumi": "female",
                "jf_tebukuro": "female", "jm_kumo": "male"}
    found = {name.split(":")[-1]: v for name, v in voices.items()}
    assert set(found) == set(expected), sorted(voices)
    for name, gender in expected.items():
        assert found[name]["language"] == "ja", found[name]
        assert found[name]["gender"] == gender, found[name]


def test_english_speech_has_a_plausible_speaking_rate(kokoro):
    data, duration, _ = speak(kokoro, ENGLISH)
    rate = len(ENGLISH) / duration
    assert 10 <= rate <= 20, f"{rate:.1f} characters per second ({duration:.2f} s)"
    samples = decode(data, "wav")
    assert rms(samples) > 1000, "speech expected, not near-silence"
    assert 0.6 <= voiced_fraction(samples) <= 0.99


def test_speed_two_about_halves_the_duration(kokoro):
    _, normal, _ = speak(kokoro, ENGLISH)
    _, fast, _ = speak(kokoro, ENGLISH, speed=2.0)
    assert 0.4 <= fast / normal <= 0.6, (normal, fast)


def test_word_timestamps_fall_inside_the_audio_in_order(kokoro):
    status, headers, data = kokoro.request("POST", "/v1/audio/speech", {
        "model": "kokoro", "voice": "jf_alpha", "input": ENGLISH, "response_format": "wav",
        "language": "en", "timestamps": True}, timeout=600)
    assert status == 200, data[:300]
    out = json.loads(data)
    _, fmt = probe(base64.b64decode(out["audio"]), "wav")
    duration = float(fmt["duration"])
    words = out["timestamps"]
    assert [w["word"] for w in words][:4] == ["The", "ferry", "left", "the"], words[:4]
    assert len(words) == len(ENGLISH.split())
    previous_end = 0.0
    for w in words:
        assert previous_end - 1e-3 <= w["start_time"] < w["end_time"] <= duration + 1e-3, w
        previous_end = w["end_time"]
    assert words[-1]["end_time"] > 0.8 * duration


def test_japanese_is_spoken_with_a_japanese_voice(kokoro):
    data, duration, headers = speak(kokoro, JAPANESE, voice="jf_alpha", language="ja")
    assert headers["X-Chorus-Language"] == "ja"
    # 25 characters, about 40 morae: 2.5 to 8 seconds of speech.
    assert 2.5 <= duration <= 8.0, duration
    samples = decode(data, "wav")
    assert rms(samples) > 1000
    # OpenAI voice names and automatic language detection reach the Japanese voices too.
    status, headers, _ = kokoro.request("POST", "/v1/audio/speech", {
        "model": "tts-1", "voice": "onyx", "input": JAPANESE, "response_format": "wav"}, timeout=600)
    assert status == 200
    assert headers["X-Chorus-Engine"] == "kokoro" and headers["X-Chorus-Voice"] == "jm_kumo"


def test_blend_of_real_voices(kokoro):
    data, duration, headers = speak(kokoro, "Two voices, one style.", voice="jf_alpha+jm_kumo")
    assert headers["X-Chorus-Voice"] == "jf_alpha+jm_kumo" or "jf_alpha" in headers["X-Chorus-Voice"]
    assert 0.8 <= duration <= 4.0
    assert rms(decode(data, "wav")) > 1000


def test_long_text_streams_its_first_audio_early(kokoro):
    """A 3,000-character text: the first audio bytes arrive before a fifth of the total time."""
    sentences = [
        "The ferry left the harbour a little after dawn, and the gulls followed it out past the breakwater.",
        "On the upper deck a girl held her grandfather's hand while he pointed at the grey line of the coast.",
        "Nobody else was awake yet, and the engines hummed below them like a sleeping animal.",
        "By noon the wind had turned, and the sea was the colour of old pewter under a low sky.",
    ]
    text = ""
    i = 0
    while len(text) < 3000:
        text += sentences[i % len(sentences)] + " "
        i += 1
    text = text[:3000]
    body = json.dumps({"model": "kokoro", "voice": "jf_alpha", "input": text, "language": "en",
                       "response_format": "pcm"}).encode()
    request = (f"POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
    start = time.monotonic()
    first_audio = None
    received = b""
    with socket.create_connection(("127.0.0.1", kokoro.port), timeout=600) as sock:
        sock.sendall(request)
        while True:
            piece = sock.recv(65536)
            if not piece:
                break
            received += piece
            if first_audio is None:
                head, sep, rest = received.partition(b"\r\n\r\n")
                # Chunked body: the first chunk's size line, then audio bytes.
                if sep and b"\r\n" in rest and len(rest.split(b"\r\n", 1)[1]) > 0:
                    assert b" 200 " in head.split(b"\r\n")[0], head
                    first_audio = time.monotonic() - start
    total = time.monotonic() - start
    assert first_audio is not None
    assert first_audio < total / 5, f"first audio after {first_audio:.2f} s of {total:.2f} s"
    audio_bytes = len(received) - len(received.partition(b"\r\n\r\n")[0])
    seconds = audio_bytes / 2 / 24000
    assert 3000 / 20 <= seconds <= 3000 / 10 + 30, seconds
