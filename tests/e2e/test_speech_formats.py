"""POST /v1/audio/speech in every format: decodes, right codec/rate/channels, plausible length."""
import base64
import json

import pytest

from audio_check import FORMAT_CODECS, decode, duration, probe, rms

TEXT = "The quick brown fox jumps over the lazy dog. It was a bright cold day in April."
CONTENT_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/ogg",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}


@pytest.mark.parametrize("fmt", ["mp3", "opus", "aac", "flac", "wav", "pcm"])
def test_every_format_decodes(server, fmt):
    status, headers, body = server.speech(model="tts-1", input=TEXT, voice="alloy",
                                          response_format=fmt)
    assert status == 200, body
    assert headers["Content-Type"].startswith(CONTENT_TYPES[fmt])
    assert headers["Transfer-Encoding"] == "chunked"
    assert headers["X-Chorus-Engine"] == "espeak"
    assert headers["X-Chorus-Language"] == "en"
    stream, _ = probe(body, fmt)
    if fmt != "pcm":
        assert stream["codec_name"] == FORMAT_CODECS[fmt]
    assert stream["channels"] == 1
    # Ogg Opus always decodes at 48 kHz; the encoder's input rate is in the OpusHead.
    assert int(stream["sample_rate"]) == (48000 if fmt == "opus" else 24000)
    samples = decode(body, fmt)
    seconds = duration(samples)
    # About 16 words: espeak speaks ~175 words a minute, plus sentence pauses.
    assert 3.0 < seconds < 9.0, seconds
    assert rms(samples) > 0.02


def test_default_format_is_mp3(server):
    status, headers, body = server.speech(input="Hello there.", voice="nova")
    assert status == 200
    assert headers["Content-Type"] == "audio/mpeg"
    assert probe(body, "mp3")[0]["codec_name"] == "mp3"


def test_streamed_wav_uses_unknown_size_convention(server):
    status, _, body = server.speech(input=TEXT, voice="alloy", response_format="wav")
    assert status == 200
    assert body[:4] == b"RIFF" and body[8:12] == b"WAVE"
    assert body[4:8] == b"\xff\xff\xff\xff"
    data_at = body.find(b"data")
    assert body[data_at + 4:data_at + 8] == b"\xff\xff\xff\xff"


def test_pcm_is_raw_s16le_24k(server):
    status, _, body = server.speech(input="One two three.", voice="alloy", response_format="pcm")
    assert status == 200
    assert body[:4] != b"RIFF"
    assert len(body) % 2 == 0
    assert 0.5 < len(body) / 2 / 24000 < 4.0


@pytest.mark.parametrize("speed,low,high", [(2.0, 0.40, 0.65), (0.5, 1.6, 2.4),
                                            (4.0, 0.18, 0.34), (0.25, 3.2, 4.8)])
def test_duration_scales_with_speed(server, speed, low, high):
    _, _, normal = server.speech(input=TEXT, voice="alloy", response_format="wav")
    status, _, changed = server.speech(input=TEXT, voice="alloy", response_format="wav",
                                       speed=speed)
    assert status == 200
    ratio = duration(decode(changed, "wav")) / duration(decode(normal, "wav"))
    assert low < ratio < high, ratio


def test_no_clicks_at_sentence_joins(server):
    text = "First sentence here. Second sentence here. Third one now. And a fourth."
    _, _, body = server.speech(input=text, voice="alloy", response_format="wav")
    samples = decode(body, "wav")
    # A click is a sudden jump between neighbouring samples far above speech's own slope.
    jumps = [abs(samples[i] - samples[i - 1]) / 32768.0 for i in range(1, len(samples))]
    assert max(jumps) < 0.5


@pytest.mark.parametrize("fmt", ["mp3", "opus", "wav", "pcm"])
def test_sse_stream(server, fmt):
    status, headers, body = server.speech(input=TEXT, voice="alloy", response_format=fmt,
                                          stream_format="sse")
    assert status == 200
    assert headers["Content-Type"].startswith("text/event-stream")
    events = [json.loads(block[len("data: "):]) for block in body.decode().split("\n\n")
              if block.strip()]
    assert len(events) >= 2
    assert all(e["type"] == "speech.audio.delta" for e in events[:-1])
    done = events[-1]
    assert done["type"] == "speech.audio.done"
    usage = done["usage"]
    assert usage["input_tokens"] == len(TEXT)
    assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    audio = b"".join(base64.b64decode(e["audio"]) for e in events[:-1])
    samples = decode(audio, fmt)
    assert 3.0 < duration(samples) < 9.0
    assert rms(samples) > 0.02


def test_voice_object_and_engine_voice(server):
    status, headers, body = server.speech(input="Bonjour à tous.", voice={"id": "espeak:fr+f3"},
                                          response_format="wav")
    assert status == 200, body
    assert headers["X-Chorus-Voice"] in ("espeak:fr+f3", "espeak:fr-fr+f3")
    assert headers["X-Chorus-Language"].startswith("fr")
    assert rms(decode(body, "wav")) > 0.02


def test_instructions_accepted(server):
    status, _, body = server.speech(input="Hello.", voice="coral", response_format="wav",
                                    instructions="Speak cheerfully.", model="gpt-4o-mini-tts")
    assert status == 200, body
