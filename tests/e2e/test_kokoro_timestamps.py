"""Word timestamps and IPA pronunciations from Kokoro through the real server, on the stand-in
graph whose duration output is known (tests/fixtures/kokoro/make_test_model.py)."""
import base64
import json
import os
import subprocess

import pytest

from audio_check import probe

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "..", "fixtures", "kokoro", "make_test_model.py")


@pytest.fixture(scope="module")
def kokoro(tmp_path_factory, chorus_binary, kokoro_expected):
    from conftest import ChorusServer
    if not kokoro_expected:
        pytest.skip("built with -DCHORUS_KOKORO=OFF")
    root = tmp_path_factory.mktemp("kokoro")
    subprocess.run(["/usr/bin/python3", GENERATOR, str(root)], check=True)
    srv = ChorusServer(chorus_binary, ["--models-dir", str(root / "v1.1")])
    if not any("kokoro: loaded" in line for line in srv.log):
        srv.stop()
        raise AssertionError("Kokoro did not load:\n" + "".join(srv.log))
    yield srv
    srv.stop()


def timed(srv, text, **fields):
    body = {"model": "kokoro", "voice": "af_heart", "input": text, "response_format": "wav",
            "timestamps": True, "language": "en"}
    body.update(fields)
    status, headers, data = srv.request("POST", "/v1/audio/speech", body)
    assert status == 200, data
    assert headers["X-Chorus-Engine"] == "kokoro"
    out = json.loads(data)
    _, fmt = probe(base64.b64decode(out["audio"]), "wav")
    return out["timestamps"], float(fmt["duration"])


def check(words, seconds):
    end = 0.0
    for w in words:
        assert w["start_time"] >= end and w["end_time"] > w["start_time"], words
        end = w["end_time"]
    assert end <= seconds + 0.01


def test_kokoro_words_as_written(kokoro):
    words, seconds = timed(kokoro, "Dr. Smith paid $5.99 today.")
    assert [w["word"] for w in words] == ["Dr.", "Smith", "paid", "$5.99", "today"]
    check(words, seconds)
    # The stand-in's tokens fill the audio: the last word ends near its end.
    assert words[-1]["end_time"] > seconds - 0.1
    # "$5.99" is read as five words: far longer than "paid".
    assert (words[3]["end_time"] - words[3]["start_time"]) > 3 * (words[2]["end_time"] - words[2]["start_time"])


def test_kokoro_speed_and_pause(kokoro):
    normal, _ = timed(kokoro, "One two. Three four.")
    fast, fast_seconds = timed(kokoro, "One two. Three four.", speed=2.0)
    check(fast, fast_seconds)
    assert 0.4 < fast[-1]["end_time"] / normal[-1]["end_time"] < 0.6
    paused, seconds = timed(kokoro, "One two. [pause:1s] Three four.")
    check(paused, seconds)
    assert 0.9 < (paused[2]["start_time"] - paused[1]["end_time"]) - (normal[2]["start_time"] - normal[1]["end_time"]) < 1.2


def test_kokoro_speaks_the_ipa(kokoro):
    # The stand-in's audio is 601 samples per token (+5): the IPA's tokens are what it was fed.
    def samples(text):
        status, _, data = kokoro.request("POST", "/v1/audio/speech", {
            "model": "kokoro", "voice": "af_heart", "input": text, "response_format": "pcm", "language": "en"})
        assert status == 200, data
        return len(data) // 2
    plain = samples("Say cat.")
    marked = samples("Say [cat](/kˈætəmæɹən/).")
    # "kˈæt" (4 tokens) became "kˈætəmæɹən" (10 tokens).
    assert marked - plain == 6 * 601, (plain, marked)
    words, seconds = timed(kokoro, "Say [cat](/kˈætəmæɹən/).")
    assert [w["word"] for w in words] == ["Say", "cat"]
    check(words, seconds)
