"""Decoding helpers: every check goes through ffprobe/ffmpeg, never chorus's own code."""
import json
import math
import os
import struct
import subprocess
import tempfile

FORMAT_CODECS = {
    "mp3": "mp3",
    "opus": "opus",
    "aac": "aac",
    "flac": "flac",
    "wav": "pcm_s16le",
}

PCM_INPUT = ["-f", "s16le", "-ar", "24000", "-ac", "1"]


def _with_file(data, suffix, fn):
    with tempfile.NamedTemporaryFile(suffix=suffix, delete=False) as f:
        f.write(data)
        path = f.name
    try:
        return fn(path)
    finally:
        os.unlink(path)


def probe(data, fmt):
    """ffprobe's view of encoded audio: the first audio stream plus the format section."""
    def run(path):
        args = ["ffprobe", "-v", "error", "-show_streams", "-show_format", "-of", "json"]
        if fmt == "pcm":
            args += PCM_INPUT
        out = subprocess.run(args + [path], capture_output=True, text=True, check=True)
        info = json.loads(out.stdout)
        return info["streams"][0], info["format"]
    return _with_file(data, "." + fmt, run)


def _expected_warning(fmt, line):
    # A streamed WAV declares an unknown (0xFFFFFFFF) length, so the demuxer flags its final,
    # shorter read as a partial packet. That is the convention working, not damage.
    return fmt == "wav" and line.endswith("corrupt input packet in stream 0")


def decode(data, fmt, rate=24000):
    """Decodes to mono s16 samples at `rate` with ffmpeg; fails on any decoder error."""
    def run(path):
        args = ["ffmpeg", "-v", "error"]
        if fmt == "pcm":
            args += PCM_INPUT
        args += ["-i", path, "-f", "s16le", "-ac", "1", "-ar", str(rate), "-"]
        out = subprocess.run(args, capture_output=True, check=True)
        errors = [line for line in out.stderr.decode(errors="replace").splitlines()
                  if not _expected_warning(fmt, line)]
        assert not errors, errors
        count = len(out.stdout) // 2
        return struct.unpack(f"<{count}h", out.stdout[: count * 2])
    return _with_file(data, "." + fmt, run)


def duration(samples, rate=24000):
    return len(samples) / rate


def rms(samples):
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768.0


def max_jump(samples):
    return max(abs(samples[i] - samples[i - 1]) for i in range(1, len(samples))) / 32768.0
