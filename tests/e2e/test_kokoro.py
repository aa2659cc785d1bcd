"""Kokoro through the real server, on stand-in graphs whose output encodes what they were fed
(tests/fixtures/kokoro/make_test_model.py). Skipped only for a build made with -DCHORUS_KOKORO=OFF;
a binary that should have Kokoro and does not load it fails them."""
import json
import os
import shutil
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "..", "fixtures", "kokoro", "make_test_model.py")


@pytest.fixture(scope="module")
def kokoro_fixtures(tmp_path_factory):
    root = tmp_path_factory.mktemp("kokoro")
    subprocess.run(["/usr/bin/python3", GENERATOR, str(root)], check=True)
    return root


def kokoro_started(srv):
    return any("kokoro: loaded" in line for line in srv.log)


@pytest.fixture(autouse=True)
def needs_kokoro(kokoro_expected):
    if not kokoro_expected:
        pytest.skip("built with -DCHORUS_KOKORO=OFF")


def start_kokoro(start_server, models_dir):
    srv = start_server("--models-dir", str(models_dir))
    assert any("kokoro" in line for line in srv.log), "no Kokoro engine in this binary:\n" + "".join(srv.log)
    return srv


@pytest.mark.parametrize("variant,version", [
    ("taylorchu", "kokoro-v1.0.onnx fp32"),
    ("onnx-community", "model.onnx fp32"),
    ("hexgrad", "kokoro-v1.0.int8.onnx int8"),
    ("v1.1", "kokoro-v1.0.fp16.onnx fp16"),
])
def test_every_variant_loads_and_is_reported(start_server, kokoro_fixtures, variant, version):
    srv = start_kokoro(start_server, kokoro_fixtures / variant)
    assert kokoro_started(srv), "".join(srv.log)
    status, _, body = srv.request("GET", "/health")
    engines = json.loads(body)["engines"]
    assert engines[0]["name"] == "kokoro"
    assert version in engines[0]["version"]
    status, _, body = srv.request("GET", "/v1/models")
    models = {m["id"]: m for m in json.loads(body)["data"]}
    assert version in models["kokoro"]["version"]
    assert any(version in line for line in srv.log if "kokoro: loaded" in line)


@pytest.mark.parametrize("speed", [1.0, 2.0, 0.5])
def test_tokens_and_speed_reach_the_model(start_server, kokoro_fixtures, speed):
    """The pipeline fades the first samples, so the header is not read back here (the unit tests
    do that); the length is exact: L + 5 header samples + floor(L * 600 / speed) tone samples."""
    srv = start_kokoro(start_server, kokoro_fixtures / "taylorchu")
    status, headers, body = srv.speech(model="tts-1", input="Hello world", voice="af_heart",
                                       response_format="pcm", speed=speed)
    assert status == 200, body
    assert headers.get("X-Chorus-Engine") == "kokoro"
    n = len(body) // 2
    # espeak-ng: "həlˈo^ʊ wˈɜːld" -> misaki US table -> "həlˈO wˈɜɹld" = 12 tokens + 2 pads.
    length = 14
    assert n == length + 5 + int(length * 600 / speed), n


def test_openai_voice_maps_to_kokoro(start_server, kokoro_fixtures):
    srv = start_kokoro(start_server, kokoro_fixtures / "onnx-community")
    status, headers, body = srv.speech(model="tts-1", input="Hi.", voice="alloy", response_format="pcm")
    assert status == 200, body
    assert headers.get("X-Chorus-Voice") == "af_alloy"
    status, headers, body = srv.speech(model="tts-1", input="Hi.", voice="af_bella(2)+af_sky(1)",
                                       response_format="pcm")
    assert status == 200, body


def test_corrupt_voices_file_is_a_clear_error_not_a_crash(start_server, kokoro_fixtures, tmp_path):
    models = tmp_path / "models"
    shutil.copytree(kokoro_fixtures / "taylorchu", models)
    voices = models / "kokoro" / "voices-v1.0.bin"
    data = bytearray(voices.read_bytes())
    data[5000] ^= 0xFF
    voices.write_bytes(bytes(data))
    srv = start_server("--models-dir", str(models))
    errors = [line for line in srv.log if "kokoro: not loaded" in line]
    assert errors and "voices-v1.0.bin" in errors[0] and "CRC" in errors[0], "".join(srv.log)
    status, _, body = srv.request("GET", "/health")
    assert status == 200
    assert [e["name"] for e in json.loads(body)["engines"]] == ["espeak"]


def test_corrupt_model_is_a_clear_error_not_a_crash(start_server, kokoro_fixtures, tmp_path):
    models = tmp_path / "models"
    shutil.copytree(kokoro_fixtures / "taylorchu", models)
    (models / "kokoro" / "kokoro-v1.0.onnx").write_bytes(b"not an onnx graph")
    srv = start_server("--models-dir", str(models))
    errors = [line for line in srv.log if "kokoro: not loaded" in line]
    assert errors and "kokoro-v1.0.onnx" in errors[0], "".join(srv.log)
    status, _, _ = srv.request("GET", "/health")
    assert status == 200
