#!/usr/bin/python3
"""Writes the fuzz targets' seed corpora (tests/fuzz/corpus/<target>/). The seeds are committed;
this script documents how they were made and regenerates them after a format change.
Each seed starts with the byte the target reads as its selector (see the *_fuzzer.cpp)."""
import hashlib
import io
import json
import math
import struct
import subprocess
import sys
import tempfile
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
        # Bit 0x08 picks the parts one by one or analyze_text: each text is a seed of both.
        write("text", f"seed{i:02d}", bytes([flags & ~0x08]) + t.encode())
        write("text", f"seed{i:02d}_parts", bytes([flags | 0x08]) + t.encode())


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
    # The file part is not decoded by this target (audio_decode fuzzes that): short files keep
    # the inputs within the target's max_len.
    wav = speech_like_wav(0.2)
    short = speech_like_wav(0.05)
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


def without_flac_padding(data):
    """FFmpeg's FLAC muxer reserves 8 KiB of PADDING metadata: dropped to keep the seed small."""
    blocks, pos = [], 4
    while True:
        kind, size = data[pos] & 0x7F, int.from_bytes(data[pos + 1:pos + 4], "big")
        last = data[pos] & 0x80
        if kind != 1:
            blocks.append(bytearray(data[pos:pos + 4 + size]))
        pos += 4 + size
        if last:
            break
    for block in blocks:
        block[0] &= 0x7F
    blocks[-1][0] |= 0x80
    return data[:4] + b"".join(bytes(b) for b in blocks) + data[pos:]


def audio_decode():
    """A tenth of a second of a tone in each container the decoder allows, made by ffmpeg."""
    write("audio_decode", "pcm_u8.wav", speech_like_wav(0.1))
    encodings = {
        "s16_stereo.wav": ["-ac", "2", "-c:a", "pcm_s16le"],
        "f32.wav": ["-c:a", "pcm_f32le"],
        "alaw.wav": ["-c:a", "pcm_alaw"],
        "adpcm.wav": ["-c:a", "adpcm_ms"],
        "tone.mp3": ["-c:a", "libmp3lame", "-b:a", "32k"],
        "tone.opus.ogg": ["-c:a", "libopus", "-b:a", "16k", "-f", "ogg"],
        "tone.vorbis.ogg": ["-c:a", "libvorbis", "-f", "ogg"],
        "tone.flac": ["-c:a", "flac"],
        "tone.webm": ["-c:a", "libopus", "-b:a", "16k", "-f", "webm"],
        "tone.m4a": ["-c:a", "aac", "-b:a", "16k", "-f", "ipod"],
        "tone.aiff": ["-c:a", "pcm_s16be", "-f", "aiff"],
        "tone.au": ["-c:a", "pcm_s16be", "-f", "au"],
        "tone.caf": ["-c:a", "pcm_s16le", "-f", "caf"],
        "tone.w64": ["-c:a", "pcm_u8", "-f", "w64"],
        "tone.aac": ["-c:a", "aac", "-b:a", "16k", "-f", "adts"],
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in encodings.items():
            out = Path(tmp) / name
            cmd = ["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=0.1",
                   "-ar", "8000", "-map_metadata", "-1", "-fflags", "+bitexact",
                   "-flags:a", "+bitexact"] + args + ["-y", str(out)]
            if subprocess.run(cmd).returncode != 0:
                print(f"audio_decode: {name} not made", file=sys.stderr)
                continue
            data = out.read_bytes()
            if name.endswith(".flac"):
                data = without_flac_padding(data)
            write("audio_decode", name, data)


def http_head():
    json_body = b'{"input": "Hello.", "voice": "alloy"}'
    requests = {
        "get_health": b"GET /health HTTP/1.1\r\nHost: localhost:8880\r\n\r\n",
        "post_speech": b"POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(json_body)
                       + json_body,
        "chunked": b"POST /v1/text/normalize HTTP/1.1\r\nHost: tts.example\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n5\r\nHello\r\n3;ext=1\r\n ok\r\n0\r\nTrailer: x\r\n\r\n",
        "pipelined": b"GET /v1/models HTTP/1.1\r\nHost: localhost\r\n\r\n"
                     b"HEAD /v1/audio/voices/voice_1 HTTP/1.1\r\nHost: localhost\r\n\r\n"
                     b"DELETE /v1/audio/voices/x HTTP/1.1\r\nHost: [::1]:8880\r\n\r\n",
        "preflight": b"OPTIONS /v1/audio/speech HTTP/1.1\r\nHost: tts.example\r\n"
                     b"Origin: https://app.example\r\nAccess-Control-Request-Method: POST\r\n\r\n",
        "cross_site": b"POST /v1/audio/clone HTTP/1.1\r\nHost: localhost\r\nOrigin: https://evil.example\r\n"
                      b"Sec-Fetch-Site: cross-site\r\nContent-Length: 0\r\n\r\n",
        "rebound_host": b"GET /metrics HTTP/1.1\r\nHost: attacker.example:80\r\n\r\n",
        "conflicting_length": b"POST /v1/audio/speech HTTP/1.1\r\nHost: localhost\r\n"
                              b"Content-Length: 5, 05\r\nContent-Length: 6\r\n\r\nhello!",
        "length_and_chunked": b"POST /v1/audio/speech HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n"
                               b"Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
        "folded": b"GET / HTTP/1.1\r\nHost: localhost\r\nX-A: 1\r\n folded\r\nBad Header: 2\r\n\r\n",
        "too_large": b"POST /v1/audio/voices HTTP/1.1\r\nHost: localhost\r\n"
                     b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 99999999\r\n\r\n",
        "http10_bare_lf": b"GET /assets/app.js HTTP/1.0\n\n",
    }
    for name, data in requests.items():
        write("http_head", name, data)


def piper_voice():
    voice = {
        "audio": {"sample_rate": 22050, "quality": "medium"},
        "espeak": {"voice": "en-us"},
        "phoneme_type": "espeak",
        "language": {"code": "en_US"},
        "dataset": "joe",
        "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8,
                      "phoneme_silence": {".": 0.2, "?": 0.3}},
        "num_speakers": 2,
        "speaker_id_map": {"a": 0, "b": 1},
        "phoneme_map": {"g": ["ɡ"], "r": "ɹ"},
        "phoneme_id_map": {"_": [0], "^": [1], "$": [2], " ": [3], "a": [14], "ə": [59],
                           "ˈ": [120], "ɹ": [88, 88]},
    }
    write("piper_voice", "voice.onnx.json", json.dumps(voice, ensure_ascii=False))
    text_voice = {"phoneme_type": "text", "audio": {"sample_rate": 16000},
                  "phoneme_id_map": {"_": [0], "^": [1], "$": [2], "a": [3]}}
    write("piper_voice", "text_phonemes.onnx.json", json.dumps(text_voice))


def config(chorus_binary):
    """The whole default configuration as `chorus config show` prints it, and small files."""
    if chorus_binary:
        shown = subprocess.run([chorus_binary, "config", "show"], check=True, capture_output=True,
                               env={"HOME": "/nonexistent"}).stdout
        # Without the comment lines: the keys and values fit the target's max_len.
        lines = [line for line in shown.splitlines(keepends=True) if not line.startswith(b"#")]
        write("config", "config_show.toml", b"".join(lines))
    write("config", "small.toml", "port = 9000\nlog_format = 'json'\n[limits]\nmax_concurrent = 2\n"
          "queue_wait_ms = 1500\n[server]\nallowed_hosts = ['tts.example']\n"
          "cors_origins = ['https://app.example']\n[text]\nlexicon = { Kokoro = '/kˈOkəɹO/' }\n")
    write("config", "warmup.toml", "[cache]\nwarmup = [{ voice = 'alloy', text = 'Hello.', "
          "format = 'mp3', speed = 1.5 }]\n[engines.xtts]\nurls = ['http://gpu:8000']\n")


def lexicon():
    write("lexicon", "words.json", b"\x01" + json.dumps(
        {"Kokoro": "/kˈOkəɹO/", "chorus": "core us", "New York": "/nuː jɔːk/", "ÉTÉ": "été"},
        ensure_ascii=False).encode())
    write("lexicon", "words.toml", b"\x00" + "Kokoro = '/kˈOkəɹO/'\nchorus = \"core us\"\n"
          "\"New York\" = '/nuː jɔːk/'\n".encode())


def cache_entry():
    def entry(audio, seconds=1.25, checksum=None):
        header = {"audio_bytes": len(audio),
                  "audio_sha256": checksum or hashlib.sha256(audio).hexdigest(),
                  "audio_seconds": seconds, "engine": "kokoro", "voice": "af_heart",
                  "language": "en", "clone_method": ""}
        return b"chorus-cache-1\n" + json.dumps(header).encode() + b"\n" + audio
    write("cache_entry", "real_checksum", entry(b"RIFF....WAVEfmt audio bytes"))
    # "SHA" is replaced by the audio's checksum in the target (cache_entry_fuzzer.cpp).
    write("cache_entry", "placeholder", entry(b"\xff\xfb\x90\x00mp3", 0.5, "SHA"))
    write("cache_entry", "empty_audio", entry(b"", 0.0, "SHA"))


if __name__ == "__main__":
    # The configuration seed is printed by the chorus binary: make_seeds.py [path/to/chorus]
    speech_request()
    text()
    npz()
    voice_form()
    wyoming_event()
    audio_decode()
    http_head()
    piper_voice()
    config(sys.argv[1] if len(sys.argv) > 1 else None)
    lexicon()
    cache_entry()
