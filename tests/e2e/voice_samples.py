"""Reference recordings and measurements for the cloned-voice tests.

Recordings are made with Debian tools only (the ALSA test recordings, espeak-ng, ffmpeg), and every
measurement here is independent of chorus's own analysis code: F0 by normalized autocorrelation,
long-term spectrum by numpy FFT in third-octave bands.
"""
import glob
import os
import struct
import subprocess
import tempfile
import uuid

import numpy as np

ALSA_DIR = "/usr/share/sounds/alsa"


def _tmp(suffix):
    return os.path.join(tempfile.gettempdir(), f"chorus_e2e_{uuid.uuid4().hex}{suffix}")


def alsa_speech_wav():
    """Real human speech: the ALSA channel-test recordings ("Front Center", ...) back to back,
    without Noise.wav, as one 48 kHz mono WAV."""
    files = sorted(f for f in glob.glob(os.path.join(ALSA_DIR, "*.wav"))
                   if not f.endswith("Noise.wav"))
    assert len(files) >= 6, "alsa-utils recordings missing"
    out = _tmp(".wav")
    args = ["ffmpeg", "-v", "error", "-y"]
    for f in files:
        args += ["-i", f]
    args += ["-filter_complex", "".join(f"[{i}:a]" for i in range(len(files))) +
             f"concat=n={len(files)}:v=0:a=1[out]", "-map", "[out]", "-ac", "1", out]
    subprocess.run(args, check=True)
    try:
        with open(out, "rb") as f:
            return f.read()
    finally:
        os.unlink(out)


def espeak_wav(text, voice="en-us", pitch=50):
    out = _tmp(".wav")
    subprocess.run(["espeak-ng", "-v", voice, "-p", str(pitch), "-w", out, text], check=True)
    try:
        with open(out, "rb") as f:
            return f.read()
    finally:
        os.unlink(out)


def convert(data, ext, *args):
    """Re-encodes audio bytes with ffmpeg to the container implied by `ext`."""
    src, dst = _tmp(".bin"), _tmp("." + ext)
    with open(src, "wb") as f:
        f.write(data)
    try:
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", src, *args, dst], check=True)
        with open(dst, "rb") as f:
            return f.read()
    finally:
        os.unlink(src)
        if os.path.exists(dst):
            os.unlink(dst)


def to_samples(data, rate=24000, input_args=()):
    """Any audio bytes -> mono float64 numpy array at `rate` (ffmpeg decodes)."""
    src = _tmp(".bin")
    with open(src, "wb") as f:
        f.write(data)
    try:
        out = subprocess.run(["ffmpeg", "-v", "error", *input_args, "-i", src, "-f", "s16le",
                              "-ac", "1", "-ar", str(rate), "-"], capture_output=True, check=True)
    finally:
        os.unlink(src)
    return np.frombuffer(out.stdout, dtype="<i2").astype(np.float64) / 32768.0


def wav_from_samples(samples, rate=24000):
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
    header = b"RIFF" + struct.pack("<I", 36 + len(pcm)) + b"WAVEfmt " + \
        struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16) + b"data" + \
        struct.pack("<I", len(pcm))
    return header + pcm


def _active_frames(x, frame):
    n = len(x) // frame
    frames = x[: n * frame].reshape(n, frame)
    level = 10 * np.log10(np.mean(frames ** 2, axis=1) + 1e-12)
    return frames, level > max(np.percentile(level, 95) - 30, -55)


def median_f0(x, rate=24000, fmin=60.0, fmax=500.0):
    """Median F0 of voiced frames by normalized autocorrelation (40 ms frames, 10 ms hop)."""
    win, hop = int(0.04 * rate), int(0.01 * rate)
    lag_min, lag_max = int(rate / fmax), int(rate / fmin)
    _, active = _active_frames(x, hop)
    f0s = []
    for i in range(0, len(x) - win - lag_max, hop):
        if not active[min(i // hop, len(active) - 1)]:
            continue
        seg = x[i: i + win + lag_max]
        a = seg[:win] - seg[:win].mean()
        energy_a = np.dot(a, a)
        if energy_a <= 0:
            continue
        shifted = np.lib.stride_tricks.sliding_window_view(seg, win)[lag_min: lag_max + 1]
        corr = shifted @ a / np.sqrt(energy_a * np.einsum("ij,ij->i", shifted, shifted) + 1e-12)
        k = int(np.argmax(corr))
        best = corr[k]
        # Prefer the shortest lag whose peak is nearly as strong: avoids period doubling.
        for j in range(1, len(corr) - 1):
            if corr[j] > 0.9 * best and corr[j] >= corr[j - 1] and corr[j] >= corr[j + 1]:
                k = j
                break
        best_lag = lag_min + k
        if corr[k] > 0.7:
            if 0 < k < len(corr) - 1:  # parabolic refinement
                a_, b_, c_ = corr[k - 1], corr[k], corr[k + 1]
                d = a_ - 2 * b_ + c_
                best_lag += 0.5 * (a_ - c_) / d if d != 0 else 0
            f0s.append(rate / best_lag)
    return float(np.median(f0s)) if f0s else 0.0


THIRD_OCTAVES = [100 * 2 ** (k / 3) for k in range(20)]  # 100 Hz .. ~8 kHz


def ltas(x, rate=24000):
    """Long-term average spectrum of the active frames in third-octave bands, dB, mean removed,
    floored 50 dB under the loudest band."""
    size = 2048
    hop = size // 2
    window = np.hanning(size)
    _, active = _active_frames(x, hop)
    acc, used = np.zeros(size // 2 + 1), 0
    for i in range(0, len(x) - size, hop):
        f = i // hop
        if f + 1 >= len(active) or not (active[f] and active[f + 1]):
            continue
        acc += np.abs(np.fft.rfft(x[i: i + size] * window)) ** 2
        used += 1
    assert used > 0, "no speech frames"
    freqs = np.fft.rfftfreq(size, 1 / rate)
    bands = []
    for c in THIRD_OCTAVES:
        lo, hi = c / 2 ** (1 / 6), c * 2 ** (1 / 6)
        sel = (freqs >= lo) & (freqs < hi)
        bands.append(10 * np.log10(acc[sel].mean() / used + 1e-12))
    bands = np.array(bands)
    bands = np.maximum(bands, bands.max() - 50)
    return bands - bands.mean()


def spectrum_distance(a, b):
    return float(np.sqrt(np.mean((a - b) ** 2)))


def multipart(fields):
    """Encodes {name: str | (filename, bytes, content_type)} as multipart/form-data."""
    boundary = "chorus" + uuid.uuid4().hex
    body = b""
    for name, value in fields.items():
        body += f"--{boundary}\r\n".encode()
        if isinstance(value, tuple):
            filename, data, ctype = value
            body += (f'Content-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: {ctype}\r\n\r\n").encode() + data + b"\r\n"
        else:
            body += f'Content-Disposition: form-data; name="{name}"\r\n\r\n'.encode() + \
                str(value).encode() + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def f0_of(data, input_args=()):
    """Median F0 of encoded audio, analysed at 12 kHz (plenty for speech F0, and 4x cheaper)."""
    return median_f0(to_samples(data, 12000, input_args), 12000)
