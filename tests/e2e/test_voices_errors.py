"""Every bad voice upload gets its own 4xx in OpenAI's error shape, and nothing is stored."""
import json

import numpy as np
import pytest

from conftest import ChorusServer, voice_store_flags
import voice_samples as vs


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def upload_server(request, chorus_binary, tmp_path_factory):
    """On both voice stores: a refused upload leaves nothing behind in either."""
    srv = ChorusServer(chorus_binary,
                       [*voice_store_flags(request, tmp_path_factory.mktemp("voices-err")),
                        "--max-upload-bytes", str(2 * 1024 * 1024)])
    yield srv
    srv.stop()


def assert_error(status, body, expected_status, param=None, code=None):
    assert status == expected_status, body[:300]
    error = json.loads(body)["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["type"] == "invalid_request_error"
    assert isinstance(error["message"], str) and error["message"]
    if param is not None:
        assert error["param"] == param
    if code is not None:
        assert error["code"] == code, error


def upload(server, fields, path="/v1/audio/voices"):
    body, headers = vs.multipart(fields)
    return server.request("POST", path, body, headers=headers)


def speech_wav(seconds_of_text="The quick brown fox jumps over the lazy dog, and then it runs "
                               "all the way back home again before the rain."):
    return vs.espeak_wav(seconds_of_text)


def bad_uploads():
    speech = speech_wav()
    x = vs.to_samples(speech)
    flac = vs.convert(speech, "flac")
    broken_flac = flac[:200] + bytes((i * 131) & 0xFF for i in range(200, 8192))
    clipped = vs.wav_from_samples(np.clip(x * 40, -1, 1))
    return [
        ("text file", b"this is not audio, just text\n" * 20, 400, "invalid_audio"),
        ("image", b"\x89PNG\r\n\x1a\n" + bytes(4000), 400, None),
        ("corrupt flac", broken_flac, 400, None),
        ("truncated ogg", vs.convert(speech, "ogg", "-c:a", "libopus")[:120], 400, None),
        ("too short", vs.espeak_wav("Hi."), 400, "audio_too_short"),
        ("silent", vs.wav_from_samples(np.zeros(24000 * 6)), 400, "audio_silent"),
        ("clipped", clipped, 400, "audio_clipped"),
    ]


@pytest.mark.parametrize("index", range(7))
def test_bad_audio(upload_server, index):
    label, data, status, code = bad_uploads()[index]
    resp_status, _, body = upload(upload_server, {"name": label,
                                                  "audio_sample": ("x.bin", data, "audio/wav")})
    assert_error(resp_status, body, status, "audio_sample", code)
    if code is None:
        assert json.loads(body)["error"]["code"] in ("invalid_audio", "corrupt_audio")


def test_too_long(upload_server):
    # 5 min 10 s of a voiced tone at 8 kHz (low-rate FLAC keeps it under the upload limit).
    t = np.arange(int(310 * 8000)) / 8000
    tone = 0.2 * np.sin(2 * np.pi * 140 * t) * (0.6 + 0.4 * np.sin(2 * np.pi * 4 * t))
    flac = vs.convert(vs.wav_from_samples(tone, 8000), "flac")
    status, _, body = upload(upload_server, {"name": "long",
                                             "audio_sample": ("l.flac", flac, "audio/flac")})
    assert_error(status, body, 400, "audio_sample", "audio_too_long")


def test_too_big(upload_server):
    big = vs.wav_from_samples(np.zeros(24000 * 50) + 0.1)  # 2.4 MB > 2 MiB limit
    # Within the form's framing allowance the body is read whole, then the file is measured.
    status, _, error = upload(upload_server, {"name": "big",
                                              "audio_sample": ("b.wav", big, "audio/wav")})
    assert_error(status, error, 413, "audio_sample", "audio_too_large")
    # The JSON routes keep their own (smaller) limit.
    status, _ = upload_server.oversized_request("/v1/audio/speech", "application/json",
                                                2 * 1024 * 1024, b"{")
    assert status == 413


def test_missing_fields(upload_server):
    speech = speech_wav()
    status, _, body = upload(upload_server, {"audio_sample": ("x.wav", speech, "audio/wav")})
    assert_error(status, body, 400, "name", "missing_required_parameter")
    status, _, body = upload(upload_server, {"name": "no audio"})
    assert_error(status, body, 400, "audio_sample", "missing_required_parameter")
    status, _, body = upload(upload_server, {"name": "x", "language": "not a tag!",
                                             "audio_sample": ("x.wav", speech, "audio/wav")})
    assert_error(status, body, 400, "language", "invalid_language")
    status, _, body = upload_server.request("POST", "/v1/audio/voices", {"name": "json"})
    assert_error(status, body, 415)
    status, _, body = upload(upload_server, {"text": "no reference"}, "/v1/audio/clone")
    assert_error(status, body, 400, "reference_audio", "missing_required_parameter")
    status, _, body = upload(upload_server, {"reference_audio": ("x.wav", speech, "audio/wav")},
                             "/v1/audio/clone")
    assert_error(status, body, 400, "text", "missing_required_parameter")


def test_unknown_ids(upload_server):
    for path in ("/v1/audio/voices/voice_doesnotexist234567abcdef", "/v1/audio/voices/alloy"):
        for method in ("GET", "DELETE"):
            status, _, body = upload_server.request(method, path)
            assert_error(status, body, 404, code="voice_not_found")


def test_nothing_was_stored(upload_server):
    status, _, body = upload_server.request("GET", "/v1/audio/voices?engine=cloned")
    assert status == 200
    assert json.loads(body)["voices"] == []
