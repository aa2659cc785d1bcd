"""A PostgreSQL voice store that goes away and comes back, against the real binary: after a
restart of the database the next voice operation succeeds (the pool reconnects); while it is
down, voice operations answer 503 voice_store_unavailable in the OpenAI error shape and the
built-in voices still speak; the password in the URL shows up in no log and no /health."""
import json
import threading

import pytest

from audio_check import decode
from conftest import ChorusServer
from support.postgres_server import PostgresServer
import voice_samples as vs

PASSWORD = "n0t-for-logs"  # trust authentication ignores it; chorus must still never show it


@pytest.fixture(scope="module")
def own_postgres():
    """A server of this module's own: the tests stop and restart it."""
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def pg_chorus(chorus_binary, own_postgres, tmp_path_factory):
    database = own_postgres.create_database()
    url = database.replace("postgresql://chorus@", f"postgresql://chorus:{PASSWORD}@")
    srv = ChorusServer(chorus_binary, ["--data-dir", str(tmp_path_factory.mktemp("pg-data")),
                                       "--voice-store", url])
    yield srv
    srv.stop()
    assert not any(PASSWORD in line for line in srv.log), "password logged"


def create_voice(server, name):
    body, headers = vs.multipart({"name": name, "language": "en",
                                  "audio_sample": ("s.wav", vs.alsa_speech_wav(), "audio/wav")})
    return server.request("POST", "/v1/audio/voices", body, headers=headers)


def assert_store_unavailable(status, body):
    assert status == 503, body
    error = json.loads(body)["error"]
    assert error["code"] == "voice_store_unavailable"
    assert error["type"] == "server_error"
    assert "voice store" in error["message"]


def test_restart_between_two_operations(pg_chorus, own_postgres):
    status, _, body = create_voice(pg_chorus, "Before restart")
    assert status == 201, body
    voice_id = json.loads(body)["id"]
    own_postgres.restart()  # every pooled connection is now dead
    status, _, body = pg_chorus.request("GET", f"/v1/audio/voices/{voice_id}")
    assert status == 200, body
    assert json.loads(body)["name"] == "Before restart"
    status, _, body = create_voice(pg_chorus, "After restart")
    assert status == 201, body
    status, headers, audio = pg_chorus.speech(input="Spoken after the database restarted.",
                                              voice=voice_id, response_format="wav")
    assert status == 200 and headers["X-Chorus-Clone-Method"] == "voice-match"
    assert len(decode(audio, "wav")) > 24000


def test_database_down_is_503_and_presets_still_speak(pg_chorus, own_postgres):
    status, _, body = create_voice(pg_chorus, "Survivor")
    assert status == 201, body
    voice_id = json.loads(body)["id"]
    own_postgres.pause()
    try:
        status, headers, body = create_voice(pg_chorus, "Refused")
        assert_store_unavailable(status, body)
        assert headers["Retry-After"] == "5"
        assert_store_unavailable(*pg_chorus.request("GET", f"/v1/audio/voices/{voice_id}")[::2])
        assert_store_unavailable(*pg_chorus.request("DELETE", f"/v1/audio/voices/{voice_id}")[::2])
        status, _, body = pg_chorus.speech(input="Hello.", voice=voice_id)
        assert_store_unavailable(status, body)

        # Built-in voices need no store.
        status, headers, audio = pg_chorus.speech(input="Built-in voices still speak.",
                                                  voice="alloy", response_format="wav")
        assert status == 200, audio
        assert len(decode(audio, "wav")) > 12000
        status, headers, body = pg_chorus.request("GET", "/v1/audio/voices")
        assert status == 200
        assert headers["X-Chorus-Voice-Store"] == "unavailable"
        listed = json.loads(body)["voices"]
        assert listed and all(v["engine"] != "cloned" for v in listed)

        status, _, body = pg_chorus.request("GET", "/health")
        assert status == 200
        store = json.loads(body)["voice_store"]
        assert store["available"] is False
        assert PASSWORD not in body.decode() and "***" in store["location"]
    finally:
        own_postgres.resume()
    status, _, body = pg_chorus.request("GET", f"/v1/audio/voices/{voice_id}")
    assert status == 200, body
    status, _, body = pg_chorus.request("GET", "/health")
    assert json.loads(body)["voice_store"]["available"] is True


def test_server_starts_while_database_is_down(chorus_binary, tmp_path):
    # Nothing listens on port 1: chorus starts, speaks built-in voices, refuses stored ones.
    srv = ChorusServer(chorus_binary, ["--data-dir", str(tmp_path), "--voice-store",
                                       f"postgresql://chorus:{PASSWORD}@127.0.0.1:1/voices"])
    try:
        status, _, audio = srv.speech(input="Hello there.", voice="alloy", response_format="wav")
        assert status == 200 and len(decode(audio, "wav")) > 6000
        assert_store_unavailable(*srv.request("GET", "/v1/audio/voices/voice_abcdefghijklmnopqrstuvwx")[::2])
    finally:
        srv.stop()
    assert not any(PASSWORD in line for line in srv.log), "password logged"


def test_two_replicas_clone_a_voice_once(start_server, postgres, tmp_path):
    """Two chorus replicas on one PostgreSQL store and one XTTS service: concurrent first
    requests for a new cloned voice, one on each replica, ask /clone_speaker once between them,
    and one copy of the latents is stored."""
    from test_xtts import StandIn, reference_recording
    xtts = StandIn("--clone-delay-ms", "1500")  # both requests arrive while the first computes
    try:
        database = postgres.create_database()
        replicas = [start_server("--xtts-url", xtts.url, "--voice-store", database,
                                 "--data-dir", str(tmp_path / name)) for name in ("a", "b")]
        body, headers = vs.multipart({"name": "Shared", "language": "en",
                                      "audio_sample": ("r.wav", reference_recording(str(tmp_path)),
                                                       "audio/wav")})
        status, _, created = replicas[0].request("POST", "/v1/audio/voices", body, headers=headers)
        assert status == 201, created
        voice_id = json.loads(created)["id"]

        results = [None, None]

        def speak(index):
            results[index] = replicas[index].speech(input=f"Replica {index} speaks.",
                                                    voice=voice_id, response_format="wav")

        threads = [threading.Thread(target=speak, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        for status, headers, audio in results:
            assert status == 200, audio[:300]
            assert headers["X-Chorus-Engine"] == "xtts"
            assert len(decode(audio, "wav")) > 0
        assert xtts.stats()["counts"].get("clone_speaker") == 1
        assert postgres.query(database, "SELECT count(*) FROM embeddings") == "1"
    finally:
        xtts.stop()
