"""User lexicon from the request body and from the configuration (text.lexicon,
text.lexicon_file, CHORUS_TEXT_LEXICON), honoured by speech and by /v1/text/normalize."""
import json

import pytest

from audio_check import decode, duration
from conftest import env_with

LONG_RESPELLING = "Robert Robertson of Robertsonville and Robinsonborough"


def seconds_of(server, **fields):
    # The language is given: detection on a sentence this short is not what is tested here.
    body = {"input": "Please call Bob today.", "voice": "alloy", "response_format": "wav", "language": "en"}
    body.update(fields)
    status, _, data = server.speech(**body)
    assert status == 200, data
    return duration(decode(data, "wav"))


def normalized(server, **fields):
    status, _, data = server.request("POST", "/v1/text/normalize", {"language": "en", **fields})
    assert status == 200, data
    return json.loads(data)["normalized"]


def test_request_respelling_changes_the_audio(server):
    plain = seconds_of(server)
    respelled = seconds_of(server, lexicon={"Bob": LONG_RESPELLING})
    assert respelled > plain + 1.5, (plain, respelled)


def test_request_ipa_entry_is_spoken(server):
    plain = seconds_of(server)
    ipa = seconds_of(server, lexicon={"bob": "/bˈɑːbəlˌɑːbəlˌɑːbəlˌɑːbəl/"})
    assert ipa > plain + 0.5, (plain, ipa)


def test_normalize_shows_request_entries(server):
    out = normalized(server, input="Bob and chorus", lexicon={"bob": "Robert", "chorus": "/kˈɔːɹəs/"})
    assert out == "Robert and [chorus](/kˈɔːɹəs/)"


@pytest.mark.parametrize("lexicon,code", [
    ("Bob=Robert", "invalid_type"),
    (["Bob"], "invalid_type"),
    ({"Bob": 3}, "invalid_type"),
    ({"Bob": ""}, "invalid_value"),
    ({"": "x"}, "invalid_value"),
    ({"w" * 101: "x"}, "invalid_value"),
    ({"Bob": "x" * 201}, "invalid_value"),
    ({f"w{i}": "x" for i in range(1001)}, "too_many_entries"),
])
def test_bad_lexicon_is_a_clear_400(server, lexicon, code):
    status, _, data = server.speech(input="Hello Bob.", voice="alloy", lexicon=lexicon)
    assert status == 400, data
    error = json.loads(data)["error"]
    assert error["param"] == "lexicon"
    assert error["code"] == code
    assert error["type"] == "invalid_request_error"
    assert "lexicon" in error["message"]


def test_config_lexicon_inline_and_file(start_server, tmp_path):
    words = tmp_path / "words.json"
    words.write_text(json.dumps({"Bob": "Robert", "chorus": "/kˈɔːɹəs/", "NASA": "nassa"}))
    config = tmp_path / "chorus.toml"
    config.write_text(f'[text]\nlexicon_file = "{words}"\nlexicon = {{ "NASA" = "national space agency" }}\n')
    srv = start_server(env=env_with(CHORUS_CONFIG=config))
    assert normalized(srv, input="Bob, chorus and NASA") == (
        "Robert, [chorus](/kˈɔːɹəs/) and national space agency")
    # A request entry wins over the server's.
    assert normalized(srv, input="Bob", lexicon={"bob": "Bobby"}) == "Bobby"
    plain = seconds_of(srv, input="Please call Robert today.")
    assert abs(seconds_of(srv) - plain) < 0.05  # "Bob" is read as "Robert"
    status, _, data = srv.request("GET", "/health")
    assert status == 200


def test_config_lexicon_toml_file_and_environment(start_server, tmp_path):
    words = tmp_path / "words.toml"
    words.write_text('"Bob" = "Robert"\n')
    srv = start_server(env=env_with(CHORUS_TEXT_LEXICON_FILE=words, CHORUS_TEXT_LEXICON="chorus=kor us"))
    assert normalized(srv, input="Bob sings chorus") == "Robert sings kor us"


def test_bad_config_lexicon_stops_startup(chorus_binary, tmp_path):
    import subprocess
    config = tmp_path / "chorus.toml"
    config.write_text('[text]\nlexicon = { "Bob" = 3 }\n')
    proc = subprocess.run([chorus_binary, "serve", "--port", "0"], env=env_with(CHORUS_CONFIG=config),
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert "text.lexicon" in proc.stderr


@pytest.mark.parametrize("marked,plain,ssml", [
    ("Say [cat](/kˈætəmæɹən kˈætəmæɹən/) now.", "Say cat now.", False),
    ('<speak>Say <phoneme alphabet="ipa" ph="kˈætəmæɹən kˈætəmæɹən">cat</phoneme> now.</speak>',
     "<speak>Say cat now.</speak>", True),
])
def test_espeak_speaks_ipa_markup_and_ssml_phonemes(server, marked, plain, ssml):
    """Two long pronunciations for "cat": the audio grows by about two "catamaran"s."""
    short = seconds_of(server, model="espeak", input=plain, ssml=ssml)
    long = seconds_of(server, model="espeak", input=marked, ssml=ssml)
    spelled = seconds_of(server, model="espeak", input="Say catamaran catamaran now.")
    assert long > short + 0.7, (short, long)
    assert 0.8 < long / spelled < 1.25, (long, spelled)
