"""Models, voices and health endpoints, in the shapes OpenAI clients and Open WebUI read."""
import json


def get_json(server, path):
    status, _, body = server.request("GET", path)
    assert status == 200, body
    return json.loads(body)


def test_models(server):
    body = get_json(server, "/v1/models")
    ids = [m["id"] for m in body["data"]]
    assert body["object"] == "list"
    assert {"tts-1", "tts-1-hd", "gpt-4o-mini-tts", "espeak"} <= set(ids)
    assert get_json(server, "/v1/models/tts-1")["id"] == "tts-1"
    status, _, _ = server.request("GET", "/v1/models/nope")
    assert status == 404


def test_voices_shape_for_open_webui(server):
    voices = get_json(server, "/v1/audio/voices")["voices"]
    assert len(voices) > 50
    for voice in voices:
        assert {"id", "name", "engine", "language"} <= set(voice)
    ids = {v["id"] for v in voices}
    assert "espeak:en-us" in ids


def test_voices_filter_by_language(server):
    voices = get_json(server, "/v1/audio/voices?language=fr")["voices"]
    assert voices and all(v["language"].startswith("fr") for v in voices)


def test_health(server):
    body = get_json(server, "/health")
    assert body["status"] == "healthy"
    assert body["engines"][0]["name"] == "espeak"
