"""Every bad request gets a clear 4xx in OpenAI's error shape, and the server keeps working."""
import json

import pytest


def assert_error(status, body, expected_status, param=None, code=None):
    assert status == expected_status, body
    error = json.loads(body)["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert isinstance(error["message"], str) and error["message"]
    assert error["type"] in ("invalid_request_error", "rate_limit_error", "server_error")
    if param is not None:
        assert error["param"] == param
    if code is not None:
        assert error["code"] == code
    return error


def post_raw(server, body, content_type="application/json"):
    return server.request("POST", "/v1/audio/speech", body,
                          headers={"Content-Type": content_type})


BAD_FIELDS = [
    ({"voice": "alloy"}, "input", "missing_required_parameter"),
    ({"input": "", "voice": "alloy"}, "input", "empty_input"),
    ({"input": "   \n\t ", "voice": "alloy"}, "input", "empty_input"),
    ({"input": 42, "voice": "alloy"}, "input", "invalid_type"),
    ({"input": "x" * 4097, "voice": "alloy"}, "input", "string_above_max_length"),
    ({"input": "hi", "voice": "no-such-voice"}, "voice", "voice_not_found"),
    ({"input": "hi", "voice": 7}, "voice", "invalid_type"),
    ({"input": "hi", "voice": {"name": "x"}}, "voice", "invalid_type"),
    ({"input": "hi", "voice": "alloy", "response_format": "ogg"}, "response_format",
     "invalid_value"),
    ({"input": "hi", "voice": "alloy", "response_format": 3}, "response_format", "invalid_type"),
    ({"input": "hi", "voice": "alloy", "speed": 0.1}, "speed", "invalid_value"),
    ({"input": "hi", "voice": "alloy", "speed": 4.5}, "speed", "invalid_value"),
    ({"input": "hi", "voice": "alloy", "speed": "fast"}, "speed", "invalid_type"),
    ({"input": "hi", "voice": "alloy", "stream_format": "video"}, "stream_format",
     "invalid_value"),
    ({"input": "hi", "voice": "alloy", "language": "klingon!"}, "language", "invalid_language"),
    ({"input": "hi", "voice": "alloy", "language": "tlh"}, "language", "unsupported_language"),
    ({"input": "hi", "voice": "alloy", "model": "no-such-model"}, "model", "model_not_found"),
]


@pytest.mark.parametrize("fields,param,code", BAD_FIELDS)
def test_bad_fields(server, fields, param, code):
    status, _, body = server.speech(**fields)
    assert_error(status, body, 400, param, code)


def test_input_limit_counts_characters_not_bytes(server):
    # 4096 two-byte characters are within the limit although they are 8192 bytes.
    status, _, body = server.speech(input="é" * 4096, voice="alloy", response_format="pcm")
    assert status == 200, body[:200]


def test_malformed_json(server):
    status, _, body = post_raw(server, b'{"input": "hi", ')
    assert_error(status, body, 400, code="invalid_json")


def test_json_not_an_object(server):
    status, _, body = post_raw(server, b'["input"]')
    assert_error(status, body, 400, code="invalid_json")


def test_invalid_utf8(server):
    status, _, body = post_raw(server, b'{"input": "caf\xc3\x28", "voice": "alloy"}')
    assert_error(status, body, 400, code="invalid_utf8")


def test_wrong_content_type(server):
    status, _, body = post_raw(server, b"input=hello", "application/x-www-form-urlencoded")
    assert_error(status, body, 415, code="unsupported_media_type")


def test_oversized_body(server):
    status, body = server.oversized_request("/v1/audio/speech", "application/json", 2 << 20,
                                            b'{"input": "aaaa')
    assert_error(status, body, 413)


def test_unknown_route(server):
    status, _, body = server.request("GET", "/v1/nothing-here")
    assert_error(status, body, 404, code="unknown_route")


def test_wrong_method(server):
    status, headers, body = server.request("GET", "/v1/audio/speech")
    assert_error(status, body, 405, code="method_not_allowed")
    assert headers["Allow"] == "POST, OPTIONS"


def test_server_still_healthy_after_bad_requests(server):
    status, _, body = server.request("GET", "/health")
    assert status == 200
    assert json.loads(body)["status"] == "healthy"
