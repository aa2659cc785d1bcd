#!/usr/bin/python3
"""Writes the fuzz targets' seed corpora (tests/fuzz/corpus/<target>/). The seeds are committed;
this script documents how they were made and regenerates them after a format change.
Each seed starts with the byte the target reads as its selector (see the *_fuzzer.cpp)."""
import io
import json
import math
import struct
import wave
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent / "corpus"


def write(target, name, data):
    path = ROOT / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())


def speech_request():
    bodies = {
        "minimal": {"input": "Hello world.", "voice": "alloy"},
        "full": {"model": "tts-1-hd", "input": "It costs $5.99 at 3:45 pm.", "voice": "af_heart",
                 "response_format": "wav", "speed": 1.25, "stream_format": "sse",
                 "instructions": "calm", "language": "en-US", "normalize": False},
        "ssml": {"input": "<speak>Hi <break time='1s'/> there</speak>", "ssml": True,
                 "voice": {"id": "espeak:fr"}},
        "bad_types": {"input": 5, "voice": [], "speed": "fast"},
        "unicode": {"input": "Grüße, 你好, привет 😀", "voice": "voice_0123456789abcdef"},
    }
    for i, (name, body) in enumerate(bodies.items()):
        write("speech_request", name, bytes([i % 2]) + json.dumps(body, ensure_ascii=False).encode())
    write("speech_request", "not_object", b"\x00[1, 2, {\"input\": null}]")


def text():
    texts = [
        "Dr. Smith paid $5.3 billion on 2024-03-01 at 3:45 pm, i.e. 1,000,000 times 2nd place.",
        "Henry VIII and World War II; call +1 (555) 123-4567 or mail a.b@example.com #tts @chorus",
        "It is 10 km away, -3.5 °C, 50% off, 1/2 cup, 10–20 items. 😀",
        "<speak>Hello <break time=\"500ms\"/><say-as interpret-as=\"characters\">SSML</say-as>"
        "<prosody rate=\"slow\">slow</prosody><lang xml:lang=\"fr\">bonjour</lang>"
        "<sub alias=\"World Wide Web\">WWW</sub><phoneme ph=\"kəˈkɔroʊ\">Kokoro</phoneme></speak>",
        "[Kokoro](/kˈOkəɹO/) says hi. [pause:1.5s] Then chorus in New York.\n\nNew paragraph.",
        "Le 14 juillet 1789, il a payé 12,50 € à 15h30. Ça coûte 3 % de plus.",
        "Am 3. Oktober zahlte er 1.234,56 € um 15:00 Uhr.",
        "Привет, мир! Сегодня 25 градусов. 你好世界。今天是2024年3月1日。こんにちは。안녕하세요.",
        "नमस्ते दुनिया। आज 5 तारीख है। مرحبا بالعالم ١٢٣",
        "A" * 300 + ". " + "word " * 80,
    ]
    for i, t in enumerate(texts):
        # Varying selector bytes: language index and the option bits (ssml, normalize, markup).
        flags = (i * 37) % 256
        if t.startswith("<speak>"):
            flags |= 0x80
        write("text", f"seed{i:02d}", bytes([flags]) + t.encode())


def npz():
    rng = np.random.default_rng(7)
    buf = io.BytesIO()
    np.savez(buf, af_test=rng.standard_normal((3, 1, 256), dtype=np.float32),
             bm_test=rng.standard_normal((3, 256), dtype=np.float32))
    write("npz", "two_voices.npz", buf.getvalue())
    npy = io.BytesIO()
    np.save(npy, rng.standard_normal((2, 1, 256), dtype=np.float32))
    write("npz", "one_array.npy", npy.getvalue())
    write("npz", "blend", b"af_bella(2)+af_sky(1) + bm_george")


def speech_like_wav(seconds=5.5, rate=8000):
    """Voiced, syllable-like bursts (a harmonic tone with a 4 Hz envelope), as 8-bit PCM."""
    frames = bytearray()
    for n in range(int(seconds * rate)):
        t = n / rate
        env = max(0.0, math.sin(2 * math.pi * 4 * t)) ** 0.5
        s = sum(math.sin(2 * math.pi * 140 * k * t) / k for k in range(1, 6))
        frames.append(int(128 + 70 * env * s / 2.3))
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    return out.getvalue()


def multipart(fields):
    parts = []
    for name, value, filename in fields:
        disp = f'Content-Disposition: form-data; name="{name}"'
        if filename:
            disp += f'; filename="{filename}"\r\nContent-Type: audio/wav'
        parts.append(b"--chorus-fuzz\r\n" + disp.encode() + b"\r\n\r\n" + value + b"\r\n")
    return b"".join(parts) + b"--chorus-fuzz--\r\n"


def voice_form():
    wav = speech_like_wav()
    short = speech_like_wav(0.3)
    write("voice_form", "create", b"\x00" + multipart(
        [("name", b"Ada", None), ("language", b"en-GB", None), ("consent", b"yes", None),
         ("audio_sample", wav, "ada.wav")]))
    write("voice_form", "clone", b"\x01" + multipart(
        [("text", "Grüße aus Köln.".encode(), None), ("language", b"de", None),
         ("response_format", b"wav", None), ("model", b"tts-1", None),
         ("reference_audio", wav, "ref.wav"), ("voice_name", b"kept", None), ("consent", b"ok", None)]))
    write("voice_form", "clone_short_audio", b"\x03" + multipart(
        [("text", b"Hi", None), ("reference_audio", short, "r.wav")]))
    write("voice_form", "missing_fields", b"\x02" + multipart([("language", b"xx-!!", None)]))


def wyoming_event():
    def event(kind, data=None, payload=b"", inline=None):
        header = {"type": kind, "version": "1.7.2"}
        block = json.dumps(data, ensure_ascii=False).encode() if data else b""
        if inline is not None:
            header["data"] = inline
        if block:
            header["data_length"] = len(block)
        if payload:
            header["payload_length"] = len(payload)
        return json.dumps(header).encode() + b"\n" + block + payload
    write("wyoming_event", "synthesize", b"\x07" + event(
        "synthesize", {"text": "Dr. Smith paid $5.99. Then he left.",
                       "voice": {"name": "espeak:en-us", "language": "en_US"}}))
    write("wyoming_event", "stream", b"\x00" + b"".join([
        event("synthesize-start", {"voice": {"name": "nova"}}),
        event("synthesize-chunk", {"text": "Hello wor"}),
        event("synthesize-chunk", {"text": "ld. How are"}),
        event("synthesize-chunk", {"text": " you? Grüße, 你好。"}),
        event("synthesize-stop"), event("describe")]))
    write("wyoming_event", "inline_and_payload", b"\x21" + event(
        "audio-chunk", {"rate": 24000}, payload=b"\x00\x01" * 64, inline={"width": 2}) +
        b'{"type": "ping", "data": {"text": "x"}}\r\n')
    write("wyoming_event", "bad", b"\x03" + b'{"type": "synthesize", "data_length": 3}\n[1]')


if __name__ == "__main__":
    speech_request()
    text()
    npz()
    voice_form()
    wyoming_event()
