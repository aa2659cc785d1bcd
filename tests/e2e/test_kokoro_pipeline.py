"""Kokoro through the real server: several chunks per request (G2P one chunk ahead of the model),
concurrent requests on the one ONNX Runtime session, Japanese through MeCab, and the Mandarin voices
that have no G2P in chorus. Stand-in graphs from tests/fixtures/kokoro/make_test_model.py."""
import json
import subprocess
import threading

import pytest

from test_kokoro import GENERATOR, kokoro_started, needs_kokoro, start_kokoro  # noqa: F401 (autouse fixture)

LONG_TEXT = ("The ferry left the harbour a little after dawn, and the gulls followed it out past the "
             "breakwater. On the upper deck a girl held her grandfather's hand; he pointed to a grey "
             "line where the sea met the sky. Nobody else was awake yet. The engines hummed below, "
             "and the coast slipped away behind them. ") * 3


@pytest.fixture(scope="module")
def taylorchu(tmp_path_factory):
    root = tmp_path_factory.mktemp("kokoro-pipeline")
    subprocess.run(["/usr/bin/python3", GENERATOR, str(root)], check=True)
    return root / "taylorchu"


def speak(srv, text, voice):
    status, headers, body = srv.speech(model="tts-1", input=text, voice=voice, response_format="pcm")
    assert status == 200, body
    return headers, body


def test_long_text_is_deterministic_across_chunks(start_server, taylorchu):
    srv = start_kokoro(start_server, taylorchu)
    assert kokoro_started(srv)
    headers, first = speak(srv, LONG_TEXT, "af_heart")
    assert headers.get("X-Chorus-Engine") == "kokoro"
    # Several chunks (first chunk short, the rest up to 400 characters): about 25 ms per token.
    assert len(first) // 2 > 24000 * 20
    _, second = speak(srv, LONG_TEXT, "af_heart")
    assert first == second


def test_two_concurrent_requests_both_complete_with_their_own_audio(start_server, taylorchu):
    srv = start_kokoro(start_server, taylorchu)
    jobs = {"af_heart": LONG_TEXT, "bm_george": "A shorter text, said by another voice. " * 4}
    alone = {}
    for voice, text in jobs.items():
        headers, alone[voice] = speak(srv, text, voice)
        assert headers.get("X-Chorus-Engine") == "kokoro", headers  # British English too
    together, errors = {}, []

    def run(voice):
        try:
            together[voice] = speak(srv, jobs[voice], voice)[1]
        except AssertionError as e:  # reported from the main thread
            errors.append(e)

    threads = [threading.Thread(target=run, args=(voice,)) for voice in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert together == alone


def test_japanese_is_spoken_by_kokoro(start_server, taylorchu):
    srv = start_kokoro(start_server, taylorchu)
    headers, body = speak(srv, "こんにちは、世界。", "jf_alpha")
    assert headers.get("X-Chorus-Engine") == "kokoro"
    assert headers.get("X-Chorus-Language") == "ja"
    assert len(body) > 0


@pytest.mark.parametrize("voice,text,language", [
    ("zf_xiaobei", "你好，世界。", "zh"),
])
def test_mandarin_voices_go_to_the_built_in_engine(start_server, taylorchu, voice, text, language):
    srv = start_kokoro(start_server, taylorchu)
    # Many in a row: Kokoro is never tried, so its circuit breaker never opens.
    for _ in range(8):
        headers, body = speak(srv, text, voice)
        assert headers.get("X-Chorus-Engine") == "espeak"
        assert headers.get("X-Chorus-Language") == language
        assert "failed" not in headers.get("X-Chorus-Fallback", "")
        assert len(body) > 0
    headers, _ = speak(srv, "Still here.", "af_heart")
    assert headers.get("X-Chorus-Engine") == "kokoro"
    status, _, body = srv.request("GET", "/health")
    assert status == 200
    assert any(e["name"] == "kokoro" for e in json.loads(body)["engines"])
