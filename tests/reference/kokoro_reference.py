"""chorus's Kokoro engine against kokoro-onnx (the best-known independent implementation) on the
real Kokoro-82M int8 graph and voices (scripts/fetch-test-models.sh).

1. Same phonemes, voice and speed into both (kokoro-onnx: create(..., is_phonemes=True)): the
   waveforms must agree. Measures: length ratio (within 2 %), and the Pearson correlation of the
   log-magnitude spectrograms (1,024-point Hann STFT, hop 256, 24 kHz, frames aligned at the
   start after both trims), at least 0.95.
2. The whole path from text: chorus's G2P (espeak-ng + misaki's rewrite tables, or MeCab for
   Japanese) against kokoro-onnx's own phonemizer (espeak-ng through `phonemizer`, symbols outside
   the vocabulary dropped, no rewrites). Reported, with the audio lengths each gives; the
   differences are explained in docs/benchmarks.md.

Run by ctest (`kokoro_reference`) with the virtual environment of scripts/python-venv.sh:
    python kokoro_reference.py --tool build/kokoro_reference_tool --models DIR
Exits non-zero when a check of part 1 fails; prints "N passed, N failed" last.
"""
import argparse
import difflib
import os
import subprocess
import sys
import tempfile

import numpy as np
from kokoro_onnx import Kokoro

RATE = 24000
VOICE = "jf_alpha"
ENGLISH = [
    "The ferry left the harbour a little after dawn, and the gulls followed it out past the breakwater.",
    "On the upper deck a girl held her grandfather's hand; he pointed to a grey line where the sea met the sky.",
    "Nobody else was awake yet. The engines hummed below, and the coast slipped away behind them!",
]
JAPANESE = ["今日はとても良い天気ですね。", "公園を散歩しましょう。"]


def log_spectrogram(x):
    n, hop = 1024, 256
    if len(x) < n:
        x = np.pad(x, (0, n - len(x)))
    window = np.hanning(n).astype(np.float32)
    frames = 1 + (len(x) - n) // hop
    idx = np.arange(n)[None, :] + hop * np.arange(frames)[:, None]
    spec = np.abs(np.fft.rfft(x[idx] * window, axis=1))
    return np.log10(spec + 1e-5)


def spectral_correlation(a, b):
    sa, sb = log_spectrogram(a), log_spectrogram(b)
    m = min(len(sa), len(sb))
    return float(np.corrcoef(sa[:m].ravel(), sb[:m].ravel())[0, 1])


def chorus_phonemes(tool, language, text):
    out = subprocess.run([tool, "phonemes", language, text], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def chorus_audio(tool, models, phonemes, speed):
    with tempfile.NamedTemporaryFile(suffix=".f32", delete=False) as f:
        path = f.name
    try:
        subprocess.run([tool, "synth", models, VOICE, str(speed), path, phonemes], check=True)
        return np.fromfile(path, dtype=np.float32)
    finally:
        os.unlink(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--models", required=True)
    args = parser.parse_args()
    model = os.path.join(args.models, "kokoro", "kokoro-v1.0.int8.onnx")
    voices = os.path.join(args.models, "kokoro", "voices-v1.0.bin")
    for path in (model, voices):
        if not os.path.isfile(path):
            sys.exit(f"{path} is missing: run scripts/fetch-test-models.sh {args.models}")
    reference = Kokoro(model, voices)
    passed = failed = 0

    print("1. Same phonemes into both (voice %s)" % VOICE)
    print(f"   {'case':<28} {'speed':>5} {'chorus s':>9} {'onnx s':>8} {'length':>7} {'spec corr':>9}")
    cases = [("en-us", t, 1.0) for t in ENGLISH] + [("en-us", ENGLISH[0], 1.5)] + \
            [("ja", t, 1.0) for t in JAPANESE]
    for language, text, speed in cases:
        phonemes = chorus_phonemes(args.tool, language, text)
        ours = chorus_audio(args.tool, args.models, phonemes, speed)
        theirs, rate = reference.create(phonemes, voice=VOICE, speed=speed, is_phonemes=True)
        assert rate == RATE
        length = len(ours) / max(1, len(theirs))
        corr = spectral_correlation(ours, theirs)
        ok = abs(length - 1) <= 0.02 and corr >= 0.95
        passed += ok
        failed += not ok
        label = f"{language} {text[:20]}"
        print(f"   {label:<28} {speed:>5.2f} {len(ours) / RATE:>9.3f} {len(theirs) / RATE:>8.3f} "
              f"{length:>7.4f} {corr:>9.4f} {'ok' if ok else 'FAIL'}")

    print("\n2. From text: chorus's G2P against kokoro-onnx's phonemizer (en-us)")
    for text in ENGLISH:
        ours = chorus_phonemes(args.tool, "en-us", text)
        theirs = reference.tokenizer.phonemize(text, "en-us")
        ratio = difflib.SequenceMatcher(None, ours, theirs).ratio()
        audio_ours = chorus_audio(args.tool, args.models, ours, 1.0)
        audio_theirs, _ = reference.create(text, voice=VOICE, lang="en-us")
        print(f"   text:   {text}")
        print(f"   chorus: {ours}")
        print(f"   onnx:   {theirs}")
        print(f"   similarity {ratio:.3f}; audio {len(audio_ours) / RATE:.2f} s (chorus) vs "
              f"{len(audio_theirs) / RATE:.2f} s (kokoro-onnx)")
        ok = bool(ours) and bool(theirs)
        passed += ok
        failed += not ok
    print(f"\n{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
