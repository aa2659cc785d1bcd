"""Piper through the real server: stand-in voices whose output encodes what they were fed
(tests/fixtures/piper/make_test_voices.py), the real en_US-joe-medium voice
(scripts/fetch-test-models.sh), bad voices, and `chorus models pull piper NAME` against a local
HTTP server laid out like rhasspy/piper-voices. Skipped only for a build made with
-DCHORUS_KOKORO=OFF (no ONNX Runtime engines); otherwise a missing Piper engine fails."""
import hashlib
import http.server
import json
import math
import os
import re
import shutil
import subprocess
import threading

import pytest

from audio_check import decode, duration, probe, rms
from conftest import env_with

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
GENERATOR = os.path.join(ROOT, "tests", "fixtures", "piper", "make_test_voices.py")


@pytest.fixture(scope="module")
def stand_ins(tmp_path_factory):
    root = tmp_path_factory.mktemp("piper")
    subprocess.run(["/usr/bin/python3", GENERATOR, str(root)], check=True)
    return root


@pytest.fixture(scope="module")
def joe_models(request, kokoro_expected):
    """The real voice (scripts/fetch-test-models.sh puts it there). Missing files fail the test."""
    if not kokoro_expected:
        pytest.skip("built with -DCHORUS_KOKORO=OFF")
    root = os.path.abspath(request.config.getoption("--test-models"))
    for name in ("piper/en_US-joe-medium.onnx", "piper/en_US-joe-medium.onnx.json"):
        assert os.path.isfile(os.path.join(root, name)), (
            f"{root}/{name} is missing: run scripts/fetch-test-models.sh {root} (make test does)")
    return root


@pytest.fixture
def start_piper(start_server, kokoro_expected):
    def start(models_dir, *args, env=None):
        if not kokoro_expected:
            pytest.skip("built with -DCHORUS_KOKORO=OFF (no ONNX Runtime engines)")
        srv = start_server("--models-dir", str(models_dir), *args, env=env)
        assert any("piper:" in line for line in srv.log), "no Piper engine:\n" + "".join(srv.log)
        return srv
    return start


def test_voices_are_listed_and_bad_json_is_logged(start_piper, stand_ins):
    srv = start_piper(stand_ins)
    log = "".join(srv.log)
    assert re.search(r"piper: voice es_ES-nomap-medium not loaded: .*missing phoneme_id_map", log), log
    status, _, body = srv.request("GET", "/v1/audio/voices?engine=piper")
    assert status == 200
    voices = {v["id"]: v for v in json.loads(body)["voices"]}
    assert "piper:en_US-single-medium" in voices
    assert voices["piper:en_US-multi-medium#bob"]["language"] == "en-us"
    assert voices["piper:en_GB-aligned-low"]["language"] == "en-gb"
    assert not any("es_ES" in v for v in voices)


def test_speech_decodes_and_loading_is_lazy(start_piper, stand_ins):
    srv = start_piper(stand_ins)
    status, _, body = srv.request("GET", "/health")
    piper = next(e for e in json.loads(body)["engines"] if e["name"] == "piper")
    assert piper["stats"]["voices_installed"] == 5
    assert piper["stats"]["voices_loaded"] == 0  # nothing loaded before first use
    status, headers, audio = srv.speech(model="piper", input="Hello there.", voice="piper:en_US-single-medium",
                                        response_format="wav")
    assert status == 200, audio
    assert headers["X-Chorus-Engine"] == "piper"
    stream, _ = probe(audio, "wav")
    assert stream["codec_name"] == "pcm_s16le"
    # The stand-in speaks 100 samples (4.5 ms at 22.05 kHz) per id: about 0.1 s for this text.
    samples = decode(audio, "wav")
    assert 0.05 < duration(samples) < 0.5
    assert rms(samples) > 0.01
    status, _, body = srv.request("GET", "/health")
    piper = next(e for e in json.loads(body)["engines"] if e["name"] == "piper")
    assert piper["stats"]["voices_loaded"] == 1
    _, _, metrics = srv.request("GET", "/metrics")
    assert re.search(rb'chorus_engine_stat\{engine="piper",stat="voices_loaded"\} 1', metrics), metrics[-2000:]


def test_pronunciation_markup_reaches_piper(start_piper, stand_ins):
    srv = start_piper(stand_ins)
    plain = srv.speech(model="piper", input="Say tomato please.", voice="piper:en_US-single-medium",
                       response_format="wav")
    marked = srv.speech(model="piper", input="Say [tomato](/tˈɑː/) please.", voice="piper:en_US-single-medium",
                        response_format="wav")
    assert plain[0] == 200 and marked[0] == 200
    # The stand-in speaks 100 samples per id: the short IPA gives fewer ids than espeak's tomato.
    assert duration(decode(marked[2], "wav")) < duration(decode(plain[2], "wav")) - 0.01


def test_lru_limit_from_configuration(start_piper, stand_ins):
    srv = start_piper(stand_ins, env=env_with(CHORUS_ENGINES_PIPER_MAX_LOADED_VOICES=1))
    for voice in ("piper:en_US-single-medium", "piper:en_US-multi-medium#carol", "piper:en_GB-aligned-low"):
        status, _, body = srv.speech(model="piper", input="Hi.", voice=voice, response_format="wav")
        assert status == 200, body
    _, _, body = srv.request("GET", "/health")
    stats = next(e for e in json.loads(body)["engines"] if e["name"] == "piper")["stats"]
    assert stats["voices_loaded"] == 1
    assert stats["voice_loads"] == 3
    assert stats["voice_unloads"] == 2


@pytest.mark.parametrize("voice,reason", [
    ("piper:de_DE-bad-medium", "no 'input' input"),
    ("piper:fr_FR-corrupt-medium", "cannot load the model"),
])
def test_bad_graph_logs_and_falls_back(start_piper, stand_ins, voice, reason):
    srv = start_piper(stand_ins)
    status, headers, body = srv.speech(model="tts-1", input="Hallo.", voice=voice, response_format="wav")
    # The request is served by another engine; the log says what is wrong with the voice.
    assert status == 200, body
    assert headers["X-Chorus-Engine"] != "piper"
    assert "piper" in headers["X-Chorus-Fallback"]
    assert srv.wait_for_log(lambda line: voice.split(":")[1] in line and reason in line), "".join(srv.log)
    status, headers, _ = srv.speech(model="piper", input="Still serving.", voice="piper:en_US-single-medium",
                                    response_format="wav")
    assert status == 200 and headers["X-Chorus-Engine"] == "piper"
    # The voice is no longer offered: asked again, it is refused at once instead of failing again.
    status, _, body = srv.speech(model="piper", input="Hallo.", voice=voice, response_format="wav")
    assert status == 400, body
    assert json.loads(body)["error"]["code"] == "voice_not_found"
    _, _, body = srv.request("GET", "/v1/audio/voices?engine=piper")
    assert voice not in {v["id"] for v in json.loads(body)["voices"]}


def test_tts1_places_piper_between_kokoro_and_espeak(start_piper, stand_ins):
    srv = start_piper(stand_ins)
    status, headers, _ = srv.speech(model="tts-1", input="Good morning.", voice="alloy", language="en-us",
                                    response_format="wav")
    assert status == 200
    if not any("kokoro: loaded" in line for line in srv.log):
        assert headers["X-Chorus-Engine"] == "piper"  # before espeak when Kokoro is absent


def test_real_joe_voice(start_piper, joe_models):
    # A fixed noise seed: with Piper's own noise the phoneme durations vary per call (noise_w),
    # which made the speed comparison below fail now and then (2.96 s against 4.48 s).
    srv = start_piper(joe_models, env=env_with(CHORUS_ENGINES_PIPER_SEED=7))
    text = "The quick brown fox jumps over the lazy dog. Piper speaks this sentence."
    status, headers, audio = srv.speech(model="piper", input=text, voice="piper:en_US-joe-medium",
                                        response_format="wav")
    assert status == 200, audio
    samples = decode(audio, "wav")
    seconds = duration(samples)
    assert 3.0 < seconds < 9.0, seconds  # about 13 words at a normal pace
    assert rms(samples) > 0.02
    # Its graph ends in VITS's decoder, which the engine runs apart to start sentences early.
    assert any("loaded voice en_US-joe-medium" in line and "decoder split off" in line for line in srv.log)
    status, _, fast = srv.speech(model="piper", input=text, voice="piper:en_US-joe-medium",
                                 response_format="wav", speed=2.0)
    assert status == 200
    assert duration(decode(fast, "wav")) < seconds * 0.65


def test_real_joe_voice_with_a_fixed_seed_is_reproducible(start_piper, joe_models):
    """engines.piper.seed: the same text gives the same samples on every request and in every
    process, with the voice's own noise scales; without it, Piper's noise differs per call."""
    text = "The ferry left the harbour a little after dawn. The gulls followed it out."
    voice = "piper:en_US-joe-medium"

    def speak(srv):
        status, _, audio = srv.speech(model="piper", input=text, voice=voice, response_format="wav")
        assert status == 200, audio
        return decode(audio, "wav")

    seeded = dict(CHORUS_ENGINES_PIPER_SEED=7, CHORUS_CACHE_ENABLED="false",
                  CHORUS_WATERMARK_ENABLED="false")
    srv = start_piper(joe_models, env=env_with(**seeded))
    first, second = speak(srv), speak(srv)
    assert srv.wait_for_log(lambda line: "noise seed 7" in line), "".join(srv.log)
    srv.stop()
    again = speak(start_piper(joe_models, env=env_with(**seeded)))
    assert first == second, "two requests in one process differ"
    assert first == again, "the same seed in another process differs"
    seconds = duration(first)
    assert 3.0 < seconds < 9.0, seconds
    assert rms(first) > 0.02

    other = speak(start_piper(joe_models, env=env_with(**{**seeded, "CHORUS_ENGINES_PIPER_SEED": 8})))
    assert other != first
    assert abs(duration(other) - seconds) < 0.2 * seconds  # the same sentence, other noise

    fresh = start_piper(joe_models, env=env_with(CHORUS_CACHE_ENABLED="false", CHORUS_WATERMARK_ENABLED="false"))
    a, b = speak(fresh), speak(fresh)
    assert a != b, "Piper's own noise repeated itself"


def test_real_joe_voice_chunks_side_by_side_join_as_one_after_another(start_piper, joe_models):
    """A long text's chunks (at most 200 characters each) run side by side on one-thread Runs and
    are joined in order; the same server with two-thread Runs synthesizes them one after the
    other (engines.onnx_threads = 2 leaves one lane on two cores). The audio must be the same."""
    text = ("The ferry left the harbour a little after dawn. The gulls followed it out past the "
            "breakwater, crying over the wake. On the upper deck an old man fed them bread from a "
            "paper bag. Nobody else was awake yet. The captain watched him from the bridge and "
            "smiled. By seven the sun was warm on the benches. The island came up out of the haze, "
            "green and low. Children ran to the rail to see it. The engine slowed as the pier came "
            "near, and the ropes were thrown.")
    assert len(text) > 400

    def speak(srv):
        status, _, audio = srv.speech(model="piper", input=text, voice="piper:en_US-joe-medium",
                                      response_format="wav")
        assert status == 200, audio
        return decode(audio, "wav")

    base = dict(CHORUS_ENGINES_PIPER_SEED=7, CHORUS_CACHE_ENABLED="false", CHORUS_WATERMARK_ENABLED="false")
    side_by_side = speak(start_piper(joe_models, env=env_with(**base)))
    in_turn = speak(start_piper(joe_models, env=env_with(**base, CHORUS_ENGINES_ONNX_THREADS=2)))
    assert len(side_by_side) == len(in_turn)
    assert duration(in_turn) > 20.0  # all of it, every chunk
    # One and two threads may sum in another order: a few 16-bit steps, no more.
    error = sum((a - b) ** 2 for a, b in zip(side_by_side, in_turn))
    signal = sum(b * b for b in in_turn)
    assert error <= signal * 1e-6, f"signal-to-difference {10 * math.log10(signal / max(error, 1e-12)):.1f} dB"


class VoiceRepository(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def voice_repository(tmp_path, stand_ins):
    """A directory laid out like rhasspy/piper-voices, served on a loopback port."""
    repo = tmp_path / "repo"
    folder = repo / "en" / "en_US" / "single" / "medium"
    folder.mkdir(parents=True)
    files = {}
    for suffix in (".onnx", ".onnx.json"):
        src = stand_ins / "piper" / ("en_US-single-medium" + suffix)
        shutil.copy(src, folder / ("en_US-single-medium" + suffix))
        data = src.read_bytes()
        files["en/en_US/single/medium/en_US-single-medium" + suffix] = {
            "size_bytes": len(data), "md5_digest": hashlib.md5(data).hexdigest()}
    manifest = {"en_US-single-medium": {"key": "en_US-single-medium", "files": files}}
    (repo / "voices.json").write_text(json.dumps(manifest))
    handler = lambda *a, **kw: VoiceRepository(*a, directory=str(repo), **kw)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield repo, f"http://127.0.0.1:{httpd.server_address[1]}/", manifest
    httpd.shutdown()


def run_models(chorus_binary, base_url, *args):
    return subprocess.run([chorus_binary, "models", *args], capture_output=True, text=True,
                          env=env_with(CHORUS_PIPER_BASE_URL=base_url), timeout=120)


def test_models_pull_piper_checks_size_and_md5(chorus_binary, tmp_path, voice_repository, kokoro_expected):
    repo, url, manifest = voice_repository
    models = tmp_path / "models"
    if not kokoro_expected:
        pytest.skip("built with -DCHORUS_KOKORO=OFF (no ONNX Runtime engines)")
    result = run_models(chorus_binary, url, "pull", "piper", "en_US-single-medium", "--models-dir", str(models))
    assert result.returncode == 0, result.stderr
    assert (models / "piper" / "en_US-single-medium.onnx").read_bytes() == \
        (repo / "en/en_US/single/medium/en_US-single-medium.onnx").read_bytes()
    listing = run_models(chorus_binary, url, "list", "--models-dir", str(models))
    assert re.search(r"piper\s+en_US-single-medium.onnx\s+medium .*md5 verified", listing.stdout), listing.stdout
    # Again: nothing downloaded.
    again = run_models(chorus_binary, url, "pull", "piper", "en_US-single-medium", "--models-dir", str(models))
    assert again.returncode == 0 and "present and verified" in again.stdout

    unknown = run_models(chorus_binary, url, "pull", "piper", "en_US-nobody-medium", "--models-dir", str(models))
    assert unknown.returncode != 0
    assert "no voice 'en_US-nobody-medium'" in unknown.stderr and "en_US-single-medium" in unknown.stderr

    # A file whose MD5 differs from the manifest is refused and removed.
    entry = manifest["en_US-single-medium"]["files"]["en/en_US/single/medium/en_US-single-medium.onnx"]
    entry["md5_digest"] = "0" * 32
    (repo / "voices.json").write_text(json.dumps(manifest))
    other = tmp_path / "other"
    bad = run_models(chorus_binary, url, "pull", "piper", "en_US-single-medium", "--models-dir", str(other))
    assert bad.returncode != 0
    assert "MD5 mismatch" in bad.stderr
    assert not (other / "piper" / "en_US-single-medium.onnx").exists()
    assert not (other / "piper" / "en_US-single-medium.onnx.part").exists()

    nameless = run_models(chorus_binary, url, "pull", "piper", "--models-dir", str(other))
    assert nameless.returncode != 0 and "needs a name" in nameless.stderr
