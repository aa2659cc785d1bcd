"""Word timestamps ("timestamps": true, POST /v1/audio/speech/timestamps): times in the words the
user wrote, checked against the decoded audio."""
import base64
import json

import pytest

from audio_check import probe

SENTENCE = "Dr. Smith paid $5.99 for 2 apples at 3:45 pm."
WRITTEN = ["Dr.", "Smith", "paid", "$5.99", "for", "2", "apples", "at", "3:45", "pm"]


def timed_speech(server, path="/v1/audio/speech", **fields):
    body = {"input": SENTENCE, "voice": "alloy", "response_format": "wav", "timestamps": True}
    body.update(fields)
    status, headers, data = server.request("POST", path, body)
    assert status == 200, data
    assert headers["Content-Type"].startswith("application/json")
    out = json.loads(data)
    audio = base64.b64decode(out["audio"])
    _, fmt = probe(audio, out["audio_format"])
    return out, float(fmt["duration"]), headers


def check_well_formed(words, audio_seconds):
    previous_end = 0.0
    for w in words:
        assert set(w) == {"word", "start_time", "end_time"}
        assert w["start_time"] >= previous_end, words
        assert w["end_time"] >= w["start_time"], words
        previous_end = w["end_time"]
    assert words[-1]["end_time"] <= audio_seconds + 0.01, (words[-1], audio_seconds)


def test_words_as_written_monotonic_and_inside_the_audio(server):
    out, seconds, headers = timed_speech(server)
    words = out["timestamps"]
    assert [w["word"] for w in words] == WRITTEN
    check_well_formed(words, seconds)
    assert out["audio_format"] == "wav"
    assert abs(out["duration"] - seconds) < 0.05
    assert headers["X-Chorus-Engine"] == "espeak"
    # Every word is heard: espeak times each one, "$5.99" is read as several words.
    for w in words:
        assert w["end_time"] - w["start_time"] > 0.05, w
    money = words[3]["end_time"] - words[3]["start_time"]
    assert money > 3 * (words[4]["end_time"] - words[4]["start_time"]), words
    # Speech fills most of the audio: the words end near its end.
    assert words[-1]["end_time"] > seconds - 0.6


def test_dedicated_route_and_other_formats(server):
    out, seconds, _ = timed_speech(server, path="/v1/audio/speech/timestamps", timestamps=None,
                                   response_format="mp3")
    assert out["audio_format"] == "mp3"
    assert [w["word"] for w in out["timestamps"]] == WRITTEN
    check_well_formed(out["timestamps"], seconds + 0.05)  # mp3 adds encoder padding


def test_speed_two_halves_the_times(server):
    normal, _, _ = timed_speech(server)
    fast, fast_seconds, _ = timed_speech(server, speed=2.0)
    check_well_formed(fast["timestamps"], fast_seconds)
    ratio = fast["timestamps"][-1]["end_time"] / normal["timestamps"][-1]["end_time"]
    assert 0.4 < ratio < 0.62, ratio


def test_speed_beyond_the_engine_goes_through_tempo(server):
    # espeak's native range ends near 2.6x; 4.0 needs the tempo filter too.
    fast, seconds, _ = timed_speech(server, speed=4.0)
    check_well_formed(fast["timestamps"], seconds)
    assert [w["word"] for w in fast["timestamps"]] == WRITTEN


def test_pause_shifts_the_words_after_it(server):
    plain, _, _ = timed_speech(server, input="Hello there. Goodbye now.")
    paused, seconds, _ = timed_speech(server, input="Hello there. [pause:1s] Goodbye now.")
    assert [w["word"] for w in paused["timestamps"]] == ["Hello", "there", "Goodbye", "now"]
    check_well_formed(paused["timestamps"], seconds)
    gap_plain = plain["timestamps"][2]["start_time"] - plain["timestamps"][1]["end_time"]
    gap_paused = paused["timestamps"][2]["start_time"] - paused["timestamps"][1]["end_time"]
    assert 0.85 < gap_paused - gap_plain < 1.3, (gap_plain, gap_paused)


def test_pronunciation_markup_is_one_word(server):
    out, seconds, _ = timed_speech(server, input="Say [Kokoro](/kˈOkəɹO/) twice.")
    assert [w["word"] for w in out["timestamps"]] == ["Say", "Kokoro", "twice"]
    check_well_formed(out["timestamps"], seconds)


def test_long_input_spans_several_chunks(server):
    text = " ".join(f"Sentence number {i} is here." for i in range(1, 13))
    out, seconds, _ = timed_speech(server, input=text)
    words = out["timestamps"]
    assert len(words) == 12 * 5
    assert words[2]["word"] == "1" and words[-3]["word"] == "12"
    check_well_formed(words, seconds)
    assert words[-1]["end_time"] > seconds - 0.6


def test_sse_sends_timestamps_before_done(server):
    status, headers, data = server.request("POST", "/v1/audio/speech", {
        "input": SENTENCE, "voice": "alloy", "stream_format": "sse", "timestamps": True,
        "response_format": "pcm"})
    assert status == 200, data
    events = [json.loads(line[6:]) for line in data.decode().split("\n\n") if line.startswith("data: ")]
    types = [e["type"] for e in events]
    assert types[-2:] == ["speech.audio.timestamps", "speech.audio.done"], types
    assert all(t == "speech.audio.delta" for t in types[:-2])
    pcm = b"".join(base64.b64decode(e["audio"]) for e in events[:-2])
    words = events[-2]["timestamps"]
    assert [w["word"] for w in words] == WRITTEN
    check_well_formed(words, len(pcm) / 2 / 24000)


def test_plain_requests_are_unchanged(server):
    status, headers, data = server.speech(input="Hello.", voice="alloy", response_format="wav",
                                          timestamps=False)
    assert status == 200
    assert headers["Content-Type"] == "audio/wav"
    assert data[:4] == b"RIFF"


@pytest.mark.parametrize("value", ["yes", 1, []])
def test_bad_timestamps_value(server, value):
    status, _, data = server.speech(input="Hello.", voice="alloy", timestamps=value)
    assert status == 400
    error = json.loads(data)["error"]
    assert error["param"] == "timestamps"
    assert error["code"] == "invalid_type"
    assert error["type"] == "invalid_request_error"
