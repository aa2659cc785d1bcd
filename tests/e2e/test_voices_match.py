"""Built-in voice matching, measured on the output with independent tools: the matched speech's
median F0 is within 5% of the reference's, and its long-term spectrum is at least twice as close
to the reference as the same built-in voice unmatched."""
import json

import pytest

from conftest import ChorusServer
import voice_samples as vs

TEXT = ("Every morning I walk to the station, buy a newspaper, and read it on the train to work. "
        "When it rains, I take the bus instead and listen to music on the way. On Sundays the "
        "whole family goes to the market to buy fresh bread, cheese, and vegetables.")


@pytest.fixture(scope="module")
def match_server(chorus_binary, tmp_path_factory):
    srv = ChorusServer(chorus_binary, ["--data-dir", str(tmp_path_factory.mktemp("match"))])
    yield srv
    srv.stop()


def references():
    colour = vs.espeak_wav("This recording has a known pitch. The quick brown fox jumps over "
                           "the lazy dog, and the five boxing wizards jump quickly. Please call "
                           "Stella and ask her to bring these things from the store.",
                           "en-gb+m3", 25)
    return {
        "human": vs.alsa_speech_wav(),
        # A low, dark "speaker" no built-in voice sounds like: espeak recoloured by an EQ.
        "espeak-dark": vs.convert(colour, "wav", "-af", "bass=g=8,treble=g=-10"),
    }


@pytest.mark.parametrize("name", ["human", "espeak-dark"])
def test_matching_measures(match_server, name):
    reference = references()[name]
    body, headers = vs.multipart({"name": name,
                                  "audio_sample": ("ref.wav", reference, "audio/wav")})
    status, _, resp = match_server.request("POST", "/v1/audio/voices", body, headers=headers)
    assert status == 201, resp
    voice = json.loads(resp)

    status, headers, matched = match_server.speech(input=TEXT, voice=voice["id"],
                                                   response_format="wav")
    assert status == 200
    assert headers["X-Chorus-Clone-Method"] == "voice-match"
    builtin = headers["X-Chorus-Voice"]
    status, _, plain = match_server.speech(input=TEXT, voice=builtin, response_format="wav")
    assert status == 200

    ref_f0, out_f0 = vs.f0_of(reference), vs.f0_of(matched)
    ref_ltas = vs.ltas(vs.to_samples(reference))
    d_matched = vs.spectrum_distance(vs.ltas(vs.to_samples(matched)), ref_ltas)
    d_plain = vs.spectrum_distance(vs.ltas(vs.to_samples(plain)), ref_ltas)
    print(f"{name}: built-in {builtin}; F0 reference {ref_f0:.1f} Hz, matched {out_f0:.1f} Hz "
          f"({100 * abs(out_f0 / ref_f0 - 1):.1f}% off); spectrum distance {d_plain:.2f} -> "
          f"{d_matched:.2f} dB (ratio {d_matched / d_plain:.2f})")
    assert out_f0 == pytest.approx(ref_f0, rel=0.05)
    assert d_matched <= 0.5 * d_plain
