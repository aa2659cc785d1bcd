"""Runs inside the reference venv (scripts/test-venv.sh): piper-tts, Piper's own implementation,
driven by piper_bench.py over stdin/stdout with one JSON request per line.

Requests: {"op": "load", "voices": [paths]}
          {"op": "speak", "voice": path, "text": ..., "noise": bool} -> timings, and the float
          audio written to "out" as raw little-endian float32 at the voice's rate
          {"op": "rss"} -> resident set size in kB
"""
import json
import sys
import time

import numpy as np
from piper import PiperVoice
from piper.config import SynthesisConfig

voices = {}


def rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


for line in sys.stdin:
    request = json.loads(line)
    op = request["op"]
    if op == "load":
        for path in request["voices"]:
            voices[path] = PiperVoice.load(path)
        reply = {"ok": True}
    elif op == "speak":
        voice = voices[request["voice"]]
        config = SynthesisConfig(normalize_audio=False)
        if not request.get("noise", True):
            config.noise_scale = 0.0
            config.noise_w_scale = 0.0
        start = time.perf_counter()
        first = None
        pieces = []
        for chunk in voice.synthesize(request["text"], syn_config=config):
            if first is None:
                first = time.perf_counter() - start
            pieces.append(chunk.audio_float_array)
        total = time.perf_counter() - start
        audio = np.concatenate(pieces).astype(np.float32)
        if "out" in request:
            audio.tofile(request["out"])
        reply = {"first": first, "total": total, "samples": int(audio.size),
                 "rate": voice.config.sample_rate}
    elif op == "rss":
        reply = {"rss_kb": rss_kb()}
    else:
        reply = {"error": "unknown op"}
    print(json.dumps(reply), flush=True)
