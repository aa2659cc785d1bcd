#!/usr/bin/python3
"""Robustness and inaudibility of chorus's audio watermark (docs/watermark.md), measured.

Clips of 3 to 10 seconds come from every engine the server has (espeak-ng built in, Kokoro and
Piper on the real models of scripts/fetch-test-models.sh), synthesized over HTTP without a mark,
and from the ALSA human recordings (alsa-utils) strung together at random. Each clip is marked
with `chorus watermark embed` (the embedder the server runs on its responses), then both the
marked and the unmarked clip go through every attack with ffmpeg's own encoders and are checked
with `chorus watermark detect`:

  clean, mp3 64 kbit/s, opus 24 kbit/s, aac 96 kbit/s, resampled to 16 kHz and back, volume -6 dB,
  a 1.5 s excerpt from a random place in the clip, white noise at 20 dB SNR.

A marked clip counts as detected only when the payload comes back bit-exact (server id and
hour); one read as another payload is counted apart too. Any "watermarked" verdict on an unmarked clip, or on the synthetic signals (chords of
tones, white and pink noise, note sequences with harmonics), is a false positive.
Signal-to-watermark ratio: 10 log10(sum x^2 / sum (marked - x)^2) per clip.

Usage: bench/watermark/watermark_bench.py --chorus-binary build/chorus [--models DIR]
       [--clips 200] [--synthetic 200] [--jobs 2] [--write-docs docs/benchmarks.md]
"""
import argparse
import glob
import io
import json
import math
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import wave

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RATE = 24000
SERVER_ID = 77
ATTACKS = ["clean", "mp3 64k", "opus 24k", "aac 96k", "16 kHz and back", "volume -6 dB",
           "1.5 s excerpt", "noise 20 dB SNR"]
# The test models hold Kokoro's Japanese voices only; jf_alpha reads English (as the Kokoro bench).
ENGINES = [("espeak", "espeak", "espeak:en-us"), ("kokoro", "kokoro", "jf_alpha"),
           ("piper", "piper", "piper:en_US-joe-medium")]
WORDS = ("the river ran quietly past an old mill while children counted boats in the evening "
         "light and a tired baker closed his shop before the rain reached town where lanterns "
         "glowed over wet stones seven ships waited near the harbour for news from the north "
         "nobody believed the story at first but the letters kept arriving every week").split()
DOCS_BEGIN = "<!-- watermark-bench:begin -->"
DOCS_END = "<!-- watermark-bench:end -->"


def sentence_text(rng, words):
    out, sentence = [], []
    for _ in range(words):
        sentence.append(rng.choice(WORDS))
        if len(sentence) >= rng.randint(6, 12):
            out.append(" ".join(sentence).capitalize() + ".")
            sentence = []
    if sentence:
        out.append(" ".join(sentence).capitalize() + ".")
    return " ".join(out)


def wav_bytes(samples):
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)
    return buf.getvalue()


def decode(data, rate=RATE, input_args=()):
    out = subprocess.run(["ffmpeg", "-v", "error", *input_args, "-i", "-", "-f", "s16le", "-ac", "1",
                          "-ar", str(rate), "-"], input=data, capture_output=True, check=True)
    return np.frombuffer(out.stdout, dtype="<i2").astype(np.float64) / 32768.0


def ffmpeg(data, *args, fmt):
    return subprocess.run(["ffmpeg", "-v", "error", "-i", "-", *args, "-f", fmt, "-"], input=data,
                          capture_output=True, check=True).stdout


class Server:
    def __init__(self, binary, models):
        self.proc = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", "0",
                                      "--models-dir", models], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        self.port = None
        ready = threading.Event()

        def pump():
            for line in self.proc.stderr:
                if self.port is None and "listening on http://" in line:
                    self.port = int(line.rsplit(":", 1)[1].strip())
                    ready.set()
            ready.set()
        threading.Thread(target=pump, daemon=True).start()
        if not ready.wait(120) or self.port is None:
            raise RuntimeError("chorus did not start")

    def speak(self, model, voice, text):
        body = json.dumps({"model": model, "voice": voice, "input": text,
                           "response_format": "wav", "language": "en"}).encode()
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}/v1/audio/speech", data=body,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=300) as resp:
            return resp.headers.get("X-Chorus-Engine"), resp.headers.get("X-Chorus-Watermark"), \
                resp.read()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(30)


def engine_clips(server, engine, model, voice, count, rng):
    clips = []
    attempts = 0
    while len(clips) < count and attempts < count * 3:
        attempts += 1
        text = sentence_text(rng, rng.randint(10, 28))
        try:
            used, marked, data = server.speak(model, voice, text)
        except Exception as err:  # noqa: BLE001 - reported, the engine is then left out
            print(f"# {engine}: request failed: {err}", file=sys.stderr)
            return clips, f"requests failed ({err})"
        if used != engine:
            return clips, f"served by {used}, not {engine}"
        assert marked == "false", "the bench server must not mark (watermark.enabled is off)"
        samples = decode(data)
        if len(samples) < 3 * RATE:
            continue
        clips.append(samples[:10 * RATE])
    return clips, None


def alsa_clips(count, rng):
    files = sorted(f for f in glob.glob("/usr/share/sounds/alsa/*.wav") if not f.endswith("Noise.wav"))
    if not files:
        return [], "alsa-utils recordings missing"
    parts = []
    for f in files:
        with open(f, "rb") as fh:
            parts.append(decode(fh.read()))
    clips = []
    for _ in range(count):
        target = rng.uniform(3.0, 10.0) * RATE
        pieces = []
        total = 0
        while total < target:
            piece = parts[rng.randrange(len(parts))]
            gap = np.zeros(int(rng.uniform(0.05, 0.4) * RATE))
            pieces += [piece, gap]
            total += len(piece) + len(gap)
        clips.append(np.concatenate(pieces)[:int(target)])
    return clips, None


def synthetic_signals(count, rng):
    """Unmarked non-speech: tone chords, white and pink noise, note sequences with harmonics."""
    out = []
    for i in range(count):
        n = int(rng.uniform(3.0, 10.0) * RATE)
        t = np.arange(n) / RATE
        kind = i % 4
        if kind == 0:
            x = sum(np.sin(2 * np.pi * rng.uniform(100, 4000) * t + rng.uniform(0, 6))
                    for _ in range(rng.randint(1, 5)))
        elif kind == 1:
            x = np.random.default_rng(rng.randrange(1 << 30)).standard_normal(n)
        elif kind == 2:
            white = np.random.default_rng(rng.randrange(1 << 30)).standard_normal(n)
            spectrum = np.fft.rfft(white)
            spectrum[1:] /= np.sqrt(np.arange(1, len(spectrum)))
            x = np.fft.irfft(spectrum, n)
        else:
            x = np.zeros(n)
            note = int(0.25 * RATE)
            for start in range(0, n, note):
                f = 220 * 2 ** (rng.randrange(24) / 12)
                seg = np.arange(min(note, n - start)) / RATE
                env = np.exp(-seg * 6)
                x[start:start + len(seg)] = env * sum(np.sin(2 * np.pi * f * h * seg) / h
                                                      for h in range(1, 6))
        out.append(0.3 * x / (np.max(np.abs(x)) + 1e-9))
    return out


def attacked(samples, attack, rng_seed):
    rng = random.Random(rng_seed)
    data = wav_bytes(samples)
    if attack == "clean":
        return data
    if attack == "mp3 64k":
        return ffmpeg(data, "-c:a", "libmp3lame", "-b:a", "64k", fmt="mp3")
    if attack == "opus 24k":
        return ffmpeg(data, "-c:a", "libopus", "-b:a", "24k", fmt="ogg")
    if attack == "aac 96k":
        return ffmpeg(data, "-c:a", "aac", "-b:a", "96k", fmt="adts")
    if attack == "16 kHz and back":
        low = ffmpeg(data, "-ar", "16000", "-c:a", "pcm_s16le", fmt="wav")
        return ffmpeg(low, "-ar", str(RATE), "-c:a", "pcm_s16le", fmt="wav")
    if attack == "volume -6 dB":
        return ffmpeg(data, "-af", "volume=-6dB", "-c:a", "pcm_s16le", fmt="wav")
    if attack == "1.5 s excerpt":
        length = int(1.5 * RATE)
        start = rng.randrange(max(1, len(samples) - length))
        return wav_bytes(samples[start:start + length])
    if attack == "noise 20 dB SNR":
        noise = np.random.default_rng(rng_seed).standard_normal(len(samples))
        power = np.mean(samples ** 2)
        noise *= math.sqrt(power / 100.0)
        return wav_bytes(samples + noise)
    raise ValueError(attack)


def detect(binary, data):
    with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as f:
        f.write(data)
        path = f.name
    try:
        run = subprocess.run([binary, "watermark", "detect", path], capture_output=True, text=True)
    finally:
        os.unlink(path)
    if run.returncode not in (0, 1):
        raise RuntimeError(run.stderr)
    return json.loads(run.stdout)


def embed(binary, samples):
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.wav"), os.path.join(tmp, "out.wav")
        with open(src, "wb") as f:
            f.write(wav_bytes(samples))
        subprocess.run([binary, "watermark", "embed", src, dst, "--server-id", str(SERVER_ID)],
                       check=True, capture_output=True)
        with open(dst, "rb") as f:
            return decode(f.read())


def run_clip(job):
    binary, source, index, samples, expected_hours = job
    marked = embed(binary, samples)
    n = min(len(marked), len(samples))
    swr = 10 * math.log10(np.sum(samples[:n] ** 2) / max(np.sum((marked[:n] - samples[:n]) ** 2), 1e-20))
    result = {"source": source, "swr": swr, "marked": {}, "unmarked": {}, "wrong": {}, "corrected": {}}
    for k, attack in enumerate(ATTACKS):
        seed = index * 100 + k
        report = detect(binary, attacked(marked, attack, seed))
        payload = report.get("payload") or {}
        right = bool(report["watermarked"] and payload.get("server_id") == SERVER_ID
                     and payload.get("hour") in expected_hours)
        result["marked"][attack] = right
        result["wrong"][attack] = bool(report["watermarked"]) and not right
        if result["wrong"][attack]:
            print(f"# {source} clip {index}, {attack}: read as {payload} with "
                  f"{report.get('corrected_bits', 0)} corrected bit(s)", file=sys.stderr)
        result["corrected"][attack] = right and report.get("corrected_bits", 0) > 0
        result["unmarked"][attack] = bool(detect(binary, attacked(samples, attack, seed))["watermarked"])
    return result


def run_synthetic(job):
    binary, index, samples = job
    return bool(detect(binary, wav_bytes(samples))["watermarked"])


def percent(hits, total):
    return f"{100.0 * hits / total:.1f}% ({hits}/{total})" if total else "-"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chorus-binary", required=True)
    parser.add_argument("--models", default=os.path.expanduser("~/.cache/chorus/test-models"))
    parser.add_argument("--clips", type=int, default=200, help="clips per source")
    parser.add_argument("--synthetic", type=int, default=200, help="synthetic unmarked signals")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--write-docs", help="replace the watermark section of this markdown file")
    args = parser.parse_args()
    binary = os.path.abspath(args.chorus_binary)
    rng = random.Random(args.seed)
    started = time.time()

    sources, missing = {}, {}
    server = Server(binary, args.models)
    try:
        for engine, model, voice in ENGINES:
            clips, why = engine_clips(server, engine, model, voice, args.clips, rng)
            if why:
                missing[engine] = why
            if clips:
                sources[engine] = clips
            print(f"# {engine}: {len(clips)} clips", file=sys.stderr)
    finally:
        server.stop()
    clips, why = alsa_clips(args.clips, rng)
    if why:
        missing["ALSA recordings"] = why
    sources["ALSA recordings"] = clips

    now_hour = int(time.time()) // 3600
    expected_hours = {now_hour, now_hour + 1, now_hour + 2}  # the run may cross an hour
    jobs = [(binary, source, i, clip, expected_hours)
            for source, clips in sources.items() for i, clip in enumerate(clips)]
    with multiprocessing.Pool(args.jobs) as pool:
        results = pool.map(run_clip, jobs, chunksize=4)
        synthetic = pool.map(run_synthetic,
                             [(binary, i, s) for i, s in enumerate(synthetic_signals(args.synthetic, rng))])

    lines = [f"Measured by `bench/watermark/watermark_bench.py` (`make bench`) on "
             f"{time.strftime('%Y-%m-%d', time.gmtime())}: {len(results)} clips of 3 to 10 s, "
             f"{sum(len(c) for c in sources.values()) and ', '.join(f'{len(c)} {s}' for s, c in sources.items())}; "
             f"{len(synthetic)} synthetic unmarked signals; {time.time() - started:.0f} s on "
             f"{os.cpu_count()} cores.", ""]
    for name, why in missing.items():
        lines.append(f"Not measured: {name} ({why}).")
    if missing:
        lines.append("")
    header = "| attack | " + " | ".join(sources) + " | all | false positives (unmarked clips) |"
    lines += [header, "|" + "---|" * (len(sources) + 3)]
    for attack in ATTACKS:
        row = [attack]
        for source in sources:
            hits = [r["marked"][attack] for r in results if r["source"] == source]
            row.append(percent(sum(hits), len(hits)))
        every = [r["marked"][attack] for r in results]
        row.append(percent(sum(every), len(every)))
        fps = [r["unmarked"][attack] for r in results]
        row.append(percent(sum(fps), len(fps)))
        lines.append("| " + " | ".join(row) + " |")
    swrs = np.array([r["swr"] for r in results])
    readings = sum(r["marked"][a] or r["wrong"][a] for r in results for a in ATTACKS)
    wrong = sum(r["wrong"][a] for r in results for a in ATTACKS)
    corrected = sum(r["corrected"][a] for r in results for a in ATTACKS)
    lines += ["", f"Marked clips read as another payload (server id or hour): {wrong} of {readings} "
              f"readings. Right payloads read with corrected bits (docs/watermark.md): {corrected}.",
              "", f"False positives on synthetic signals (tones, white and pink noise, note "
              f"sequences): {percent(sum(synthetic), len(synthetic))}.",
              f"False positives over every unmarked trial: "
              f"{percent(sum(sum(r['unmarked'].values()) for r in results) + sum(synthetic), len(results) * len(ATTACKS) + len(synthetic))}.",
              "", f"Signal-to-watermark ratio per clip: minimum {swrs.min():.1f} dB, median "
              f"{np.median(swrs):.1f} dB, mean {swrs.mean():.1f} dB."]
    text = "\n".join(lines)
    print(text)
    if args.write_docs:
        with open(args.write_docs) as f:
            doc = f.read()
        begin, end = doc.find(DOCS_BEGIN), doc.find(DOCS_END)
        if begin < 0 or end < 0:
            raise SystemExit(f"{args.write_docs} has no {DOCS_BEGIN} ... {DOCS_END} section")
        doc = doc[:begin + len(DOCS_BEGIN)] + "\n" + text + "\n" + doc[end:]
        with open(args.write_docs, "w") as f:
            f.write(doc)


if __name__ == "__main__":
    main()
