"""Cloned voices end to end: create from real human speech and from espeak-ng audio of known
pitch, list beside the built-in voices, speak with them, delete, and survive a restart."""
import json
import threading

import pytest

from audio_check import decode, probe
from conftest import ChorusServer, env_with, voice_store_flags
import voice_samples as vs

TEXT = "Good morning. This sentence is spoken with a cloned voice, and it should sound right."


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def voice_server(request, chorus_binary, tmp_path_factory):
    """Every test here runs on both voice stores: the SQLite file and a PostgreSQL database."""
    data_dir = tmp_path_factory.mktemp("voices-data")
    srv = ChorusServer(chorus_binary, voice_store_flags(request, data_dir))
    srv.data_dir = data_dir
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def human_wav():
    return vs.alsa_speech_wav()


def create_voice(server, name, audio, filename="sample.wav", ctype="audio/wav", **extra):
    body, headers = vs.multipart({"name": name, "audio_sample": (filename, audio, ctype), **extra})
    return server.request("POST", "/v1/audio/voices", body, headers=headers)


def created(server, name, audio, **kwargs):
    status, _, body = create_voice(server, name, audio, **kwargs)
    assert status == 201, body
    return json.loads(body)


def test_create_from_human_speech_list_use_delete(voice_server, human_wav):
    voice = created(voice_server, "ALSA announcer", human_wav, language="en",
                    consent="Recorded for the ALSA test suite; used here as a test voice.")
    assert voice["object"] == "audio.voice"
    assert voice["id"].startswith("voice_") and len(voice["id"]) == 30
    assert voice["name"] == "ALSA announcer"
    assert voice["language"] == "en"
    analysis = voice["analysis"]
    assert 3.0 <= analysis["speech_seconds"] <= 30.0
    # chorus's own F0 analysis agrees with an independent autocorrelation tracker within 5%.
    reference_f0 = vs.f0_of(human_wav)
    assert analysis["f0_median_hz"] == pytest.approx(reference_f0, rel=0.05)

    status, _, body = voice_server.request("GET", "/v1/audio/voices")
    assert status == 200
    voices = json.loads(body)["voices"]
    ids = {v["id"]: v for v in voices}
    assert voice["id"] in ids and ids[voice["id"]]["engine"] == "cloned"
    assert any(v["engine"] == "espeak" for v in voices), "built-in voices listed alongside"
    status, _, body = voice_server.request("GET", "/v1/audio/voices?engine=cloned")
    assert [v["engine"] for v in json.loads(body)["voices"]] == ["cloned"] * \
        len(json.loads(body)["voices"])

    status, _, body = voice_server.request("GET", f"/v1/audio/voices/{voice['id']}")
    assert status == 200 and json.loads(body)["name"] == "ALSA announcer"

    for voice_field in (voice["id"], {"id": voice["id"]}):
        status, headers, audio = voice_server.speech(input=TEXT, voice=voice_field,
                                                     response_format="mp3")
        assert status == 200, audio[:300]
        assert headers["X-Chorus-Clone-Method"] == "voice-match"
        assert headers["X-Chorus-Engine"] in ("espeak", "kokoro")
        stream, _ = probe(audio, "mp3")
        assert stream["codec_name"] == "mp3"
        samples = decode(audio, "mp3")
        assert len(samples) > 24000 * 2

    status, _, body = voice_server.request("DELETE", f"/v1/audio/voices/{voice['id']}")
    assert status == 200 and json.loads(body)["deleted"] is True
    for method in ("GET", "DELETE"):
        status, _, body = voice_server.request(method, f"/v1/audio/voices/{voice['id']}")
        assert status == 404
        error = json.loads(body)["error"]
        assert set(error) == {"message", "type", "param", "code"}
        assert error["code"] == "voice_not_found"
    status, _, body = voice_server.speech(input=TEXT, voice=voice["id"])
    assert status == 400 and json.loads(body)["error"]["code"] == "voice_not_found"


@pytest.mark.parametrize("voice,pitch", [("en-us+f3", 80), ("en-us", 20)])
def test_create_from_espeak_of_known_pitch(voice_server, voice, pitch):
    wav = vs.espeak_wav("This recording has a known pitch. The quick brown fox jumps over the "
                        "lazy dog, and the five boxing wizards jump quickly.", voice, pitch)
    mp3 = vs.convert(wav, "mp3", "-b:a", "96k")
    created_voice = created(voice_server, f"espeak {voice} p{pitch}", mp3, filename="s.mp3",
                            ctype="audio/mpeg")
    assert created_voice["analysis"]["f0_median_hz"] == pytest.approx(vs.f0_of(wav), rel=0.05)
    status, headers, audio = voice_server.speech(input=TEXT, voice=created_voice["id"],
                                                 response_format="wav")
    assert status == 200
    assert headers["X-Chorus-Clone-Method"] == "voice-match"
    out_f0 = vs.f0_of(audio)
    assert out_f0 == pytest.approx(created_voice["analysis"]["f0_median_hz"], rel=0.05)


@pytest.mark.parametrize("ext,args,ctype", [
    ("ogg", ["-c:a", "libopus"], "audio/ogg"),
    ("webm", ["-c:a", "libopus"], "audio/webm"),
    ("m4a", ["-c:a", "aac"], "audio/mp4"),
    ("flac", [], "audio/flac"),
])
def test_upload_formats(voice_server, human_wav, ext, args, ctype):
    data = vs.convert(human_wav, ext, *args)
    voice = created(voice_server, f"format {ext}", data, filename=f"sample.{ext}", ctype=ctype)
    assert voice["analysis"]["speech_seconds"] > 3.0


def test_voice_survives_restart(chorus_binary, tmp_path, human_wav, voice_store_args):
    first = ChorusServer(chorus_binary, voice_store_args)
    try:
        voice = created(first, "Persistent", human_wav)
    finally:
        first.stop()
    second = ChorusServer(chorus_binary, voice_store_args)
    try:
        status, _, body = second.request("GET", f"/v1/audio/voices/{voice['id']}")
        assert status == 200 and json.loads(body)["name"] == "Persistent"
        status, headers, audio = second.speech(input="Still here after a restart.",
                                               voice=voice["id"], response_format="wav")
        assert status == 200 and headers["X-Chorus-Clone-Method"] == "voice-match"
        assert len(decode(audio, "wav")) > 24000
    finally:
        second.stop()
    # The SQLite file is where the flags say, and only there.
    assert (tmp_path / "voices.sqlite3").exists() == ("--voice-store" not in voice_store_args)


def test_clone_streams_decodable_audio(voice_server, human_wav):
    body, headers = vs.multipart({"reference_audio": ("ref.wav", human_wav, "audio/wav"),
                                  "text": TEXT, "language": "en", "response_format": "opus"})
    status, resp_headers, audio = voice_server.request("POST", "/v1/audio/clone", body,
                                                       headers=headers)
    assert status == 200, audio[:300]
    assert resp_headers["Transfer-Encoding"] == "chunked"
    assert resp_headers["X-Chorus-Clone-Method"] == "voice-match"
    assert "X-Chorus-Voice-Id" not in resp_headers  # one-shot: nothing stored
    stream, _ = probe(audio, "opus")
    assert stream["codec_name"] == "opus"
    assert len(decode(audio, "opus")) > 24000 * 2


def test_clone_keeps_voice_when_named(voice_server, human_wav):
    body, headers = vs.multipart({"reference_audio": ("ref.wav", human_wav, "audio/wav"),
                                  "text": "Keep this one.", "voice_name": "Kept clone",
                                  "response_format": "wav"})
    status, resp_headers, audio = voice_server.request("POST", "/v1/audio/clone", body,
                                                       headers=headers)
    assert status == 200
    voice_id = resp_headers["X-Chorus-Voice-Id"]
    status, _, body = voice_server.request("GET", f"/v1/audio/voices/{voice_id}")
    assert status == 200 and json.loads(body)["name"] == "Kept clone"


@pytest.mark.concurrency
def test_clones_beyond_the_clone_limit_get_429(start_server, tmp_path, human_wav):
    """Reference processing and match design take seconds of CPU outside any engine's queue: the
    clone limit turns clones beyond it away with 429 instead of piling them up."""
    srv = start_server("--data-dir", str(tmp_path),
                       env=env_with(CHORUS_LIMITS_MAX_CONCURRENT_CLONES=1,
                                    CHORUS_LIMITS_MAX_QUEUED_CLONES=0))
    body, headers = vs.multipart({"reference_audio": ("ref.wav", human_wav, "audio/wav"),
                                  "text": "One at a time.", "language": "en",
                                  "response_format": "wav"})
    start = threading.Barrier(4)
    results = []

    def clone():
        start.wait()
        results.append(srv.request("POST", "/v1/audio/clone", body, headers=headers))

    threads = [threading.Thread(target=clone) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(status for status, _, _ in results)
    assert statuses[0] == 200 and statuses[-1] == 429, statuses
    assert set(statuses) <= {200, 429}, statuses
    for status, resp_headers, payload in results:
        if status == 429:
            assert resp_headers["Retry-After"] == "1"
            assert json.loads(payload)["error"]["type"] == "rate_limit_error"
        else:
            assert len(decode(payload, "wav")) > 24000 * 0.5
    # The slot is free again once the clones have finished (voice creation shares the limit).
    status, _, payload = create_voice(srv, "After the clones", human_wav)
    assert status == 201, payload[:300]
