// The Speak panel: builds the /v1/audio/speech request from the form, streams the answer into
// the <audio> element and reports what served it (the X-Chorus-* headers) and how fast.
import { formatMs, languageName, request } from './api.js';
import { StreamPlayer, canStream } from './stream_player.js';
import { VoicePicker } from './voice_picker.js';

const $ = (id) => document.getElementById(id);

export class SpeakPanel {
  constructor() {
    this.form = $('speak-form');
    this.text = $('text');
    this.picker = new VoicePicker($('voice'), $('voice-search'), $('language'));
    this.player = new StreamPlayer($('player'));
    this.status = $('speak-status');
    this.download = $('download');
    this.speakButton = $('speak-button');
    this.stopButton = $('stop-button');
    this.controller = null;
    this.downloadUrl = null;

    const count = () => { $('text-count').textContent = [...this.text.value].length; };
    this.text.addEventListener('input', count);
    count();
    const speed = $('speed');
    const showSpeed = () => { $('speed-value').textContent = `${Number(speed.value).toFixed(2)}×`; };
    speed.addEventListener('input', showSpeed);
    showSpeed();
    // Ctrl/Cmd+Enter in the text box speaks, as in chat boxes.
    this.text.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.form.requestSubmit();
      }
    });
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.speak();
    });
    this.stopButton.addEventListener('click', () => this.stop());
  }

  async loadVoices() {
    try {
      await this.picker.load();
    } catch (e) {
      this.say(`Could not load voices: ${e.message}`, 'error');
    }
  }

  useVoice(id) { this.picker.choose(id); }

  say(message, kind = '') {
    this.status.textContent = message;
    this.status.className = `status ${kind}`;
  }

  showServed(headers, ttfa, mode) {
    $('served-engine').textContent = headers.get('X-Chorus-Engine') || '–';
    $('served-voice').textContent = headers.get('X-Chorus-Voice') || '–';
    const lang = headers.get('X-Chorus-Language');
    $('served-language').textContent = lang ? `${languageName(lang)} (${lang})` : '–';
    $('served-ttfa').textContent = ttfa;
    $('served-mode').textContent = mode;
  }

  stop() {
    this.controller?.abort();
    this.player.reset();
  }

  async speak() {
    const input = this.text.value.trim();
    if (!input) {
      this.say('Type some text first.', 'error');
      this.text.focus();
      return;
    }
    const voice = this.picker.value();
    if (!voice) {
      this.say('Choose a voice (the search matches none).', 'error');
      return;
    }
    const format = $('format').value;
    const body = { model: 'tts-1', input, voice, response_format: format,
                   speed: Number($('speed').value) };
    const language = $('language').value;
    if (language) body.language = language;

    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.speakButton.disabled = true;
    this.stopButton.disabled = false;
    this.download.hidden = true;
    this.say('Synthesizing…');
    const started = performance.now();
    const mode = canStream(format) ? 'streaming' : 'after download';
    try {
      const response = await request('/v1/audio/speech', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      this.showServed(response.headers, '…', mode);
      const fallback = response.headers.get('X-Chorus-Fallback');
      let firstMs = 0;
      const { blob } = await this.player.play(response, format, {
        signal: controller.signal,
        onFirstBytes: () => {
          firstMs = performance.now() - started;
          $('served-ttfa').textContent = formatMs(firstMs);
          this.say(mode === 'streaming' ? 'Playing while it streams…' : 'Receiving audio…');
        },
      });
      this.offerDownload(blob, format);
      const total = formatMs(performance.now() - started);
      this.say(`Done: ${(blob.size / 1024).toFixed(1)} KiB in ${total}` +
               (fallback ? ` (fallback: ${fallback})` : '') + '.', 'ok');
    } catch (e) {
      if (controller.signal.aborted) this.say('Stopped.');
      else this.say(e.message, 'error');
    } finally {
      if (this.controller === controller) this.controller = null;
      this.speakButton.disabled = false;
      this.stopButton.disabled = true;
    }
  }

  offerDownload(blob, format) {
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
    this.downloadUrl = URL.createObjectURL(blob);
    this.download.href = this.downloadUrl;
    this.download.download = `speech.${format}`;
    this.download.hidden = false;
    this.download.dataset.bytes = String(blob.size);
  }
}
