"""chorus's Piper engine against piper-tts (Piper's own implementation) on the real
en_US-joe-medium voice (scripts/fetch-test-models.sh), with the noise set to zero in both so
that the model is deterministic.

For each text, chorus (the real server, HTTP, wav) and piper-tts (in this process) speak it;
piper-tts's 22.05 kHz output is brought to chorus's 24 kHz with ffmpeg. Checks: the same number
of samples, waveform correlation at least 0.999 and signal-to-difference at least 40 dB (what
is left is 16-bit rounding and two resamplers; measured: about 80 dB).

chorus's router cuts the first chunk of a request short for a quick first byte
(routing.first_chunk_chars); the model then speaks that piece as a phrase of its own, which
piper-tts never does. The comparison is of the engine, so the server runs with that cut turned
off. The texts are ones where Debian's espeak-ng and the espeak-ng data bundled with piper-tts
write the same phonemes: they differ in a few words (piper-tts's data adds a palatal glide
after some final /i/ sounds, "every evening"), which the unit test
PiperReference.SameIdsAsPiperTts measures on the phoneme ids of both.

Run by ctest (`piper_reference`) in the virtual environment of scripts/test-venv.sh:
    scripts/test-venv.sh run tests/reference/piper_reference.py --chorus-binary build/chorus --models DIR
Exits non-zero when a check fails; prints "N passed, N failed" last.
"""
import argparse
import json
import os
import subprocess
import sys
import urllib.request

import numpy as np
from piper import PiperVoice
from piper.config import SynthesisConfig

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from support.chorus_process import start_chorus  # noqa: E402

VOICE = "en_US-joe-medium"
TEXTS = [
    "The quick brown fox jumps over the lazy dog. Piper speaks this sentence clearly.",
    "The lamp was dark for many years, but the keeper climbed the stairs each night.",
    "Three ships passed far below, and the fishermen said it was a reflection.",
    "Is it raining? No. The sun came out at noon, and the streets dried within an hour!",
]


def chorus_wav(port, text):
    body = json.dumps({"model": "piper", "input": text, "voice": "piper:" + VOICE,
                       "response_format": "wav"}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/audio/speech", body,
                                     {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read()


def decode_to_24k(data, input_args):
    out = subprocess.run(["ffmpeg", "-v", "error", *input_args, "-i", "pipe:0", "-f", "s16le", "-ac", "1",
                          "-ar", "24000", "pipe:1"], input=data, capture_output=True, check=True).stdout
    return np.frombuffer(out, dtype=np.int16).astype(np.float64) / 32768.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chorus-binary", required=True)
    parser.add_argument("--models", required=True)
    args = parser.parse_args()
    model = os.path.join(args.models, "piper", VOICE + ".onnx")
    if not os.path.exists(model):
        print(f"missing {model}: run scripts/fetch-test-models.sh")
        return 1

    voice = PiperVoice.load(model)
    config = SynthesisConfig(noise_scale=0.0, noise_w_scale=0.0, normalize_audio=False)
    # Noise off (deterministic), and no short first chunk (see the top of this file).
    proc, port = start_chorus(args.chorus_binary, args.models, {
        "CHORUS_ENGINES_PIPER_NOISE_SCALE": "0", "CHORUS_ENGINES_PIPER_NOISE_W": "0",
        "CHORUS_ROUTING_FIRST_CHUNK_CHARS": "10000"})
    passed = failed = 0
    try:
        for text in TEXTS:
            ours = decode_to_24k(chorus_wav(port, text), [])
            audio = np.concatenate([c.audio_float_array for c in voice.synthesize(text, syn_config=config)])
            theirs = decode_to_24k(audio.astype("<f4").tobytes(),
                                   ["-f", "f32le", "-ar", str(voice.config.sample_rate), "-ac", "1"])
            n = min(len(ours), len(theirs))
            a, b = ours[:n], theirs[:n]
            corr = float(np.corrcoef(a, b)[0, 1]) if n > 1 else 0.0
            sdr = 10 * np.log10(np.sum(b ** 2) / max(np.sum((a - b) ** 2), 1e-12))
            ok = len(ours) == len(theirs) and corr >= 0.999 and sdr >= 40.0
            passed += ok
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} samples chorus {len(ours)} piper-tts {len(theirs)}, "
                  f"correlation {corr:.5f}, signal-to-difference {sdr:.1f} dB: {text}", flush=True)
    finally:
        proc.terminate()
        proc.wait()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
