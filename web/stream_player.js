// Plays a speech response while it downloads. With MediaSource (formats the browser can append:
// MP3, ADTS AAC) playback starts on the first bytes; other formats play from a blob once the
// response is complete. Either way the full bytes end up in a blob for the download button.

const STREAMABLE = { mp3: 'audio/mpeg', aac: 'audio/aac' };
const BLOB_TYPES = { mp3: 'audio/mpeg', aac: 'audio/aac', opus: 'audio/ogg', flac: 'audio/flac',
  wav: 'audio/wav', pcm: 'application/octet-stream' };

export function canStream(format) {
  const type = STREAMABLE[format];
  return Boolean(type && window.MediaSource && MediaSource.isTypeSupported(type));
}

function once(target, event) {
  return new Promise((resolve) => target.addEventListener(event, resolve, { once: true }));
}

// Appends one buffer, waiting for the SourceBuffer to be free before and after.
async function append(buffer, bytes) {
  if (buffer.updating) await once(buffer, 'updateend');
  buffer.appendBuffer(bytes);
  await once(buffer, 'updateend');
}

export class StreamPlayer {
  constructor(audio) {
    this.audio = audio;
    this.url = null;
  }

  reset() {
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.audio.load();
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
  }

  // Reads `response` to the end. `onFirstBytes` fires once with the first chunk's arrival.
  // Resolves to {blob, streamed}.
  async play(response, format, { onFirstBytes, signal } = {}) {
    this.reset();
    const reader = response.body.getReader();
    const parts = [];
    let first = true;
    const take = (value) => {
      parts.push(value);
      if (first) { first = false; onFirstBytes?.(); }
    };
    signal?.addEventListener('abort', () => reader.cancel().catch(() => {}), { once: true });

    let streamed = false;
    if (canStream(format)) {
      streamed = await this.playThroughMediaSource(reader, STREAMABLE[format], take);
    }
    for (;;) {  // whatever MediaSource did not consume (or all of it without MediaSource)
      const { done, value } = await reader.read();
      if (done) break;
      take(value);
    }
    const blob = new Blob(parts, { type: BLOB_TYPES[format] || 'application/octet-stream' });
    if (!streamed) {
      this.reset();
      this.url = URL.createObjectURL(blob);
      this.audio.src = this.url;
      this.audio.play().catch(() => { /* autoplay refused: the controls are there */ });
    }
    return { blob, streamed };
  }

  // Returns true when the whole response went through MediaSource; false if the browser
  // rejected the bytes, in which case the caller falls back to a blob of everything read.
  async playThroughMediaSource(reader, type, take) {
    const source = new MediaSource();
    this.url = URL.createObjectURL(source);
    this.audio.src = this.url;
    await once(source, 'sourceopen');
    let buffer;
    try {
      buffer = source.addSourceBuffer(type);
      buffer.mode = 'sequence';
    } catch {
      return false;
    }
    let started = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        take(value);
        await append(buffer, value);
        if (!started) {
          started = true;
          this.audio.play().catch(() => {});
        }
      }
      if (buffer.updating) await once(buffer, 'updateend');
      if (source.readyState === 'open') source.endOfStream();
      return true;
    } catch {
      return false;  // e.g. a decode error: the blob path plays what was received
    }
  }
}
