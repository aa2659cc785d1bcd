"""Talking to chorus as Home Assistant does, and checking the audio with ffprobe/ffmpeg."""
import asyncio
import io
import time
import wave

from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.error import Error

from audio_check import decode, probe

TIMEOUT = 60


class Spoken:
    """What a service answered: the audio events in order, errors, and arrival times."""

    def __init__(self):
        self.events = []       # (monotonic time, event type)
        self.starts = []       # AudioStart
        self.chunks = []       # AudioChunk
        self.stops = 0
        self.errors = []       # Error
        self._pcm = []

    @property
    def pcm(self):
        """All audio received, in order (joined once per call: appending bytes to bytes per
        chunk would copy quadratically)."""
        return b"".join(self._pcm)

    def add(self, event):
        self.events.append((time.monotonic(), event.type))
        if AudioStart.is_type(event.type):
            self.starts.append(AudioStart.from_event(event))
        elif AudioChunk.is_type(event.type):
            chunk = AudioChunk.from_event(event)
            self.chunks.append(chunk)
            self._pcm.append(chunk.audio)
        elif AudioStop.is_type(event.type):
            self.stops += 1
        elif Error.is_type(event.type):
            self.errors.append(Error.from_event(event))

    def first(self, event_type):
        return next(t for t, kind in self.events if kind == event_type)

    def wav(self):
        fmt = self.starts[0]
        out = io.BytesIO()
        with wave.open(out, "wb") as w:
            w.setnchannels(fmt.channels)
            w.setsampwidth(fmt.width)
            w.setframerate(fmt.rate)
            w.writeframes(self.pcm)
        return out.getvalue()


def check_audio(spoken, min_seconds, max_seconds=60.0):
    """The PCM of all chunks, wrapped as WAV, is what audio-start announced, and decodes to the
    expected length. Returns the decoded samples."""
    assert spoken.starts, "no audio-start"
    for start in spoken.starts:
        assert (start.rate, start.width, start.channels) == (24000, 2, 1)
    for chunk in spoken.chunks:
        assert (chunk.rate, chunk.width, chunk.channels) == (24000, 2, 1)
        assert len(chunk.audio) % 2 == 0
    wav = spoken.wav()
    stream, fmt = probe(wav, "wav")
    assert stream["codec_name"] == "pcm_s16le"
    assert int(stream["sample_rate"]) == 24000 and int(stream["channels"]) == 1
    assert min_seconds <= float(fmt["duration"]) <= max_seconds, fmt["duration"]
    samples = decode(wav, "wav")
    assert abs(len(samples) - len(spoken.pcm) // 2) <= 1
    return samples


async def read_until(client, done_type, spoken=None):
    spoken = spoken or Spoken()
    while True:
        event = await asyncio.wait_for(client.read_event(), TIMEOUT)
        assert event is not None, "connection closed before " + done_type
        spoken.add(event)
        if event.type == done_type or Error.is_type(event.type):
            return spoken


async def exchange(port, events, done_type):
    async with AsyncTcpClient("127.0.0.1", port) as client:
        for event in events:
            await client.write_event(event)
        return await read_until(client, done_type)


def run(coro):
    return asyncio.run(coro)


def env_with(**values):
    """This process's environment plus `values` (CHORUS_* settings of a started server)."""
    import os
    env = dict(os.environ)
    env.update({k: str(v) for k, v in values.items()})
    return env
