"""Home Assistant's side of Wyoming, with the `wyoming` library as the client: describe, speech
in several languages, streamed text spoken sentence by sentence while it is still being
written, cloned voices by name. Audio is wrapped as WAV and checked with ffprobe/ffmpeg."""
import asyncio
import json
import time

import pytest
from wyoming.client import AsyncTcpClient
from wyoming.info import Describe, Info
from wyoming.tts import (Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeStop,
                         SynthesizeVoice)

from audio_check import rms
import voice_samples as vs
from wyoming_audio import Spoken, check_audio, exchange, read_until, run


def describe(port):
    spoken = run(exchange(port, [Describe().event()], "info"))
    assert not spoken.errors
    async def info():
        async with AsyncTcpClient("127.0.0.1", port) as client:
            await client.write_event(Describe().event())
            return Info.from_event(await client.read_event())
    return run(info())


def test_describe_lists_a_streaming_tts_program_with_voices(wyoming_server):
    info = describe(wyoming_server.wyoming_port)
    assert len(info.tts) == 1
    program = info.tts[0]
    assert program.name == "chorus" and program.installed
    assert program.supports_synthesize_streaming is True
    assert program.version and program.attribution.name
    voices = {voice.name: voice for voice in program.voices}
    # OpenAI's names speak any language; every engine voice has its own language.
    assert {"alloy", "nova"} <= set(voices)
    assert "en_US" in voices["alloy"].languages and "de" in voices["alloy"].languages
    french = voices["espeak:fr-fr"] if "espeak:fr-fr" in voices else voices["espeak:fr"]
    assert french.installed and french.languages[0].startswith("fr")
    assert "espeak" in french.description and french.version
    assert voices["espeak:en-us"].languages == ["en_US"]
    for voice in program.voices:
        assert voice.attribution.name and voice.description and voice.languages


LANGUAGES = [
    # (voice as Home Assistant sends it, text, shortest plausible duration)
    (SynthesizeVoice(name="espeak:en-us"), "Hello from Home Assistant. The lights are on.", 1.5),
    (SynthesizeVoice(language="de_DE"), "Guten Abend. Die Haustür ist geschlossen.", 1.5),
    (SynthesizeVoice(name="nova", ), "Hola. La temperatura es de veinte grados.", 1.5),
]


@pytest.mark.parametrize("voice,text,min_seconds", LANGUAGES, ids=["en", "de", "es"])
def test_synthesize_in_three_languages(wyoming_server, voice, text, min_seconds):
    spoken = run(exchange(wyoming_server.wyoming_port,
                          [Synthesize(text=text, voice=voice).event()], "audio-stop"))
    assert not spoken.errors, spoken.errors
    assert len(spoken.starts) == 1 and spoken.stops == 1
    samples = check_audio(spoken, min_seconds)
    assert rms(samples) > 0.02, "speech, not silence"
    # Same pipeline as HTTP: the same request there gives the same PCM, and the Wyoming request
    # filled the shared result cache.
    fields = {"input": text, "response_format": "pcm"}
    fields["voice"] = voice.name or "alloy"
    if voice.language:
        fields["language"] = voice.language.replace("_", "-")
    status, headers, body = wyoming_server.speech(**fields)
    assert status == 200, body[:300]
    assert headers["X-Chorus-Cache"] == "hit"
    assert body == spoken.pcm


def test_audio_is_sent_as_it_is_produced(wyoming_server):
    """A long text's first audio-chunk comes while the rest is still being synthesized."""
    text = " ".join(f"Here is sentence {i} of a long story about the house." for i in range(100))
    started = time.monotonic()
    spoken = run(exchange(wyoming_server.wyoming_port,
                          [Synthesize(text=text, voice=SynthesizeVoice(name="espeak:en-us"))
                           .event()], "audio-stop"))
    assert not spoken.errors
    first, stop = spoken.first("audio-chunk") - started, spoken.first("audio-stop") - started
    assert first < 0.25 * stop, (first, stop)
    assert len(spoken.chunks) > 100
    check_audio(spoken, 200.0, 600.0)


def test_language_of_voice_decides_the_speech(wyoming_server):
    """The Spanish text read with a Spanish voice differs from the same text read as English."""
    text = "Buenos días a todos."
    es = run(exchange(wyoming_server.wyoming_port,
                      [Synthesize(text=text, voice=SynthesizeVoice(language="es")).event()],
                      "audio-stop"))
    en = run(exchange(wyoming_server.wyoming_port,
                      [Synthesize(text=text, voice=SynthesizeVoice(language="en_US")).event()],
                      "audio-stop"))
    assert not es.errors and not en.errors
    assert es.pcm != en.pcm


STREAMED = ("The front door was opened at seven. The kitchen lights are now on, and the "
            "heating is set to twenty one degrees. Have a pleasant evening.")


async def stream_text(port, pieces, delay, trailing_synthesize=True):
    """Sends text as Home Assistant does while an LLM writes it; returns (spoken, the time the
    last piece was sent)."""
    async with AsyncTcpClient("127.0.0.1", port) as client:
        spoken = Spoken()
        reader = asyncio.create_task(read_until(client, "synthesize-stopped", spoken))
        voice = SynthesizeVoice(name="espeak:en-us")
        await client.write_event(SynthesizeStart(voice=voice).event())
        for piece in pieces:
            await client.write_event(SynthesizeChunk(text=piece).event())
            await asyncio.sleep(delay)
        last_sent = time.monotonic()
        if trailing_synthesize:
            # For services that do not stream: must not be spoken a second time.
            await client.write_event(Synthesize(text="".join(pieces), voice=voice).event())
        await client.write_event(SynthesizeStop().event())
        await asyncio.wait_for(reader, 60)
        return spoken, last_sent


def word_pieces(text):
    words = text.split(" ")
    return [w + " " for w in words[:-1]] + [words[-1]]


@pytest.mark.concurrency
def test_streamed_text_is_spoken_before_it_ends(wyoming_server):
    pieces = word_pieces(STREAMED)
    spoken, last_sent = run(stream_text(wyoming_server.wyoming_port, pieces, 0.08))
    assert not spoken.errors, spoken.errors
    assert spoken.events[-1][1] == "synthesize-stopped"
    # The first sentence was spoken while the rest was still being written.
    assert spoken.first("audio-chunk") < last_sent - 1.0
    # One audio-start/-stop per sentence (as wyoming-piper), none for the trailing synthesize.
    assert len(spoken.starts) == 3 and spoken.stops == 3
    check_audio(spoken, 5.0)
    # The same text in one synthesize gives about the same amount of audio.
    whole = run(exchange(wyoming_server.wyoming_port,
                         [Synthesize(text=STREAMED,
                                     voice=SynthesizeVoice(name="espeak:en-us")).event()],
                         "audio-stop"))
    assert abs(len(whole.pcm) - len(spoken.pcm)) < 0.25 * len(whole.pcm)


def test_streamed_pieces_split_inside_words(wyoming_server):
    """Pieces cut mid-word and mid-sentence mark ("seven." split as "sev", "en.") still join."""
    pieces = [STREAMED[i:i + 7] for i in range(0, len(STREAMED), 7)]
    spoken, _ = run(stream_text(wyoming_server.wyoming_port, pieces, 0.0,
                                trailing_synthesize=False))
    assert not spoken.errors and len(spoken.starts) == 3
    check_audio(spoken, 5.0)


def test_full_text_repeated_after_a_stream_is_not_spoken_again(wyoming_server):
    """Should the full-text synthesize come after synthesize-stop, it is recognized too; a
    different text on the same connection is spoken."""
    async def go():
        async with AsyncTcpClient("127.0.0.1", wyoming_server.wyoming_port) as client:
            voice = SynthesizeVoice(name="espeak:en-us")
            await client.write_event(SynthesizeStart(voice=voice).event())
            for piece in word_pieces(STREAMED):
                await client.write_event(SynthesizeChunk(text=piece).event())
            await client.write_event(SynthesizeStop().event())
            streamed = await read_until(client, "synthesize-stopped")
            await client.write_event(Synthesize(text="  " + STREAMED + "\n", voice=voice).event())
            await client.write_event(Describe().event())
            after = await asyncio.wait_for(client.read_event(), 30)
            await client.write_event(Synthesize(text="Something else.", voice=voice).event())
            other = await read_until(client, "audio-stop")
            return streamed, after, other
    streamed, after, other = run(go())
    assert len(streamed.starts) == 3 and not streamed.errors
    assert after.type == "info", after
    assert len(other.starts) == 1 and not other.errors
    check_audio(other, 0.5, 3.0)


def test_cloned_voice_by_id_and_by_name(wyoming_server):
    body, headers = vs.multipart({"name": "Kitchen speaker",
                                  "audio_sample": ("sample.wav", vs.alsa_speech_wav(), "audio/wav"),
                                  "language": "en"})
    status, _, created = wyoming_server.request("POST", "/v1/audio/voices", body, headers=headers)
    assert status == 201, created
    voice_id = json.loads(created)["id"]

    voices = {v.name: v for v in describe(wyoming_server.wyoming_port).tts[0].voices}
    assert voice_id in voices
    assert voices[voice_id].description == "Kitchen speaker (cloned voice)"
    assert voices[voice_id].languages[0] == "en"

    text = "Good evening. This is the cloned kitchen voice."
    by_id = run(exchange(wyoming_server.wyoming_port,
                         [Synthesize(text=text, voice=SynthesizeVoice(name=voice_id)).event()],
                         "audio-stop"))
    by_name = run(exchange(wyoming_server.wyoming_port,
                           [Synthesize(text=text,
                                       voice=SynthesizeVoice(name="kitchen speaker")).event()],
                           "audio-stop"))
    assert not by_id.errors and not by_name.errors, (by_id.errors, by_name.errors)
    check_audio(by_id, 1.5)
    assert by_id.pcm == by_name.pcm
    # It is the cloned voice (voice matching on a built-in engine), not the default one.
    status, headers, http_pcm = wyoming_server.speech(input=text, voice=voice_id,
                                                      response_format="pcm")
    assert status == 200 and headers["X-Chorus-Clone-Method"] == "voice-match"
    assert http_pcm == by_id.pcm
    plain = run(exchange(wyoming_server.wyoming_port,
                         [Synthesize(text=text, voice=SynthesizeVoice(language="en")).event()],
                         "audio-stop"))
    assert plain.pcm != by_id.pcm
