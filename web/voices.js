// The Voices page: cloned voices from /v1/audio/voices, created from an uploaded file or a
// microphone recording (MediaRecorder's webm/ogg goes to the server untouched), previewed and
// deleted. The server validates the audio; its messages are shown as they come.
import { ApiError, getJson, isCloned, isMissingRoute, languageName, request } from './api.js';

const $ = (id) => document.getElementById(id);
const MAX_RECORD_SECONDS = 60;
const PREVIEW_TEXT = 'Hello! This is how my cloned voice sounds.';

function recorderType() {
  const types = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];
  return types.find((t) => window.MediaRecorder?.isTypeSupported?.(t)) || '';
}

function extensionFor(type) {
  if (type.includes('ogg')) return 'ogg';
  if (type.includes('mp4')) return 'm4a';
  return 'webm';
}

export class VoicesPage {
  constructor({ onUse, onChanged }) {
    this.onUse = onUse;
    this.onChanged = onChanged;
    this.form = $('clone-form');
    this.status = $('clone-status');
    this.list = $('voice-list');
    this.recording = null;  // {blob, name} of the last finished recording
    this.recorder = null;
    this.previewUrl = null;
    this.armed = null;  // id of the voice whose Delete was pressed once
    this.armTimer = null;

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.create();
    });
    $('record-button').addEventListener('click', () => this.toggleRecording());
    $('clone-file').addEventListener('change', () => {
      if ($('clone-file').files.length) this.clearRecording();
    });
    $('voices-refresh').addEventListener('click', () => this.refresh());
  }

  say(message, kind = '') {
    this.status.textContent = message;
    this.status.className = `status ${kind}`;
  }

  // Asks for a voice id that cannot exist: "voice not found" means the API is there,
  // "unknown route" means this server has no cloning API.
  async probe() {
    try {
      await request('/v1/audio/voices/voice_00000000_probe');
      return true;
    } catch (e) {
      return !isMissingRoute(e);
    }
  }

  async refresh() {
    this.list.setAttribute('aria-busy', 'true');
    const available = await this.probe();
    $('clone-unavailable').hidden = available;
    for (const el of this.form.elements) el.disabled = !available;
    let voices = [];
    try {
      const body = await getJson('/v1/audio/voices');
      voices = (body.voices || body.data || []).filter(isCloned);
    } catch (e) {
      this.say(`Could not list voices: ${e.message}`, 'error');
    }
    this.render(voices);
    this.list.setAttribute('aria-busy', 'false');
    return voices;
  }

  render(voices) {
    $('voices-empty').hidden = voices.length > 0;
    this.list.replaceChildren(...voices.map((voice) => this.item(voice)));
  }

  item(voice) {
    const li = document.createElement('li');
    li.dataset.voiceId = voice.id;
    const about = document.createElement('div');
    const name = document.createElement('div');
    name.className = 'name';
    name.textContent = voice.name || voice.id;
    const meta = document.createElement('div');
    meta.className = 'meta';
    const details = [voice.id];
    if (voice.language) details.push(languageName(voice.language));
    if (voice.created_at) details.push(new Date(voice.created_at * 1000).toLocaleDateString());
    meta.textContent = details.join(' · ');
    about.append(name, meta);

    const buttons = document.createElement('div');
    buttons.className = 'buttons';
    const label = voice.name || voice.id;
    const button = (text, aria, handler, cls = '') => {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = `small ${cls}`;
      b.textContent = text;
      b.setAttribute('aria-label', aria);
      b.addEventListener('click', () => handler(b));
      buttons.append(b);
      return b;
    };
    button('Preview', `Preview ${label}`, (b) => this.preview(voice, b));
    button('Use', `Speak with ${label}`, () => this.onUse(voice.id));
    button(this.armed === voice.id ? 'Confirm delete' : 'Delete', `Delete ${label}`,
           (b) => this.remove(voice, b), 'danger');
    li.append(about, buttons);
    return li;
  }

  async preview(voice, button) {
    const player = $('preview-player');
    button.disabled = true;
    this.say(`Synthesizing a preview of ${voice.name || voice.id}…`);
    try {
      const response = await request('/v1/audio/speech', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: 'tts-1', input: PREVIEW_TEXT, voice: voice.id,
                               response_format: 'mp3', language: voice.language || undefined }),
      });
      const blob = await response.blob();
      if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
      this.previewUrl = URL.createObjectURL(blob);
      player.src = this.previewUrl;
      await player.play().catch(() => {});
      this.say(`Playing a preview of ${voice.name || voice.id}.`, 'ok');
    } catch (e) {
      this.say(e.message, 'error');
    } finally {
      button.disabled = false;
    }
  }

  // Two clicks: the first turns the button into a confirmation, so a stray tap deletes nothing
  // and no modal dialog gets in the way of keyboard users. The armed voice is remembered on the
  // page, not on the button, so a list refresh in between does not disarm it.
  async remove(voice, button) {
    if (this.armed !== voice.id) {
      this.armed = voice.id;
      button.textContent = 'Confirm delete';
      clearTimeout(this.armTimer);
      this.armTimer = setTimeout(() => {
        this.armed = null;
        for (const b of this.list.querySelectorAll('button.danger')) b.textContent = 'Delete';
      }, 5000);
      return;
    }
    this.armed = null;
    button.disabled = true;
    try {
      await request(`/v1/audio/voices/${encodeURIComponent(voice.id)}`, { method: 'DELETE' });
      this.say(`Deleted ${voice.name || voice.id}.`, 'ok');
      await this.refresh();
      this.onChanged();
    } catch (e) {
      this.say(e.message, 'error');
      button.disabled = false;
    }
  }

  async toggleRecording() {
    if (this.recorder?.state === 'recording') {
      this.recorder.stop();
      return;
    }
    if (!navigator.mediaDevices?.getUserMedia || !window.MediaRecorder) {
      this.say('This browser cannot record here (recording needs https or localhost).', 'error');
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      this.say(`No microphone: ${e.message}`, 'error');
      return;
    }
    const type = recorderType();
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : {});
    const parts = [];
    const button = $('record-button');
    const started = Date.now();
    const timer = setInterval(() => {
      const s = Math.floor((Date.now() - started) / 1000);
      $('record-time').textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
      if (s >= MAX_RECORD_SECONDS && recorder.state === 'recording') recorder.stop();
    }, 250);
    recorder.addEventListener('dataavailable', (e) => { if (e.data.size) parts.push(e.data); });
    recorder.addEventListener('stop', () => {
      clearInterval(timer);
      stream.getTracks().forEach((t) => t.stop());
      button.textContent = '● Record';
      button.classList.remove('recording');
      button.setAttribute('aria-pressed', 'false');
      const mime = recorder.mimeType || type || 'audio/webm';
      const blob = new Blob(parts, { type: mime });
      this.recording = { blob, name: `recording.${extensionFor(mime)}` };
      $('clone-file').value = '';
      const preview = $('record-preview');
      if (preview.src) URL.revokeObjectURL(preview.src);
      preview.src = URL.createObjectURL(blob);
      preview.hidden = false;
      this.say(`Recorded ${((Date.now() - started) / 1000).toFixed(1)} s. ` +
               'Listen to it, then create the voice.');
    });
    recorder.start(250);
    this.recorder = recorder;
    button.textContent = '■ Stop recording';
    button.classList.add('recording');
    button.setAttribute('aria-pressed', 'true');
    this.say('Recording… speak now.');
  }

  clearRecording() {
    this.recording = null;
    const preview = $('record-preview');
    preview.hidden = true;
    preview.removeAttribute('src');
    $('record-time').textContent = '0:00';
  }

  async create() {
    const name = $('clone-name').value.trim();
    const file = $('clone-file').files[0];
    if (!name) {
      this.say('Give the voice a name.', 'error');
      $('clone-name').focus();
      return;
    }
    if (!file && !this.recording) {
      this.say('Upload a recording or record one first.', 'error');
      return;
    }
    if (this.recorder?.state === 'recording') {
      this.say('Stop the recording first.', 'error');
      return;
    }
    const data = new FormData();
    data.append('name', name);
    const language = $('clone-language').value.trim();
    if (language) data.append('language', language);
    if (file) data.append('audio_sample', file, file.name);
    else data.append('audio_sample', this.recording.blob, this.recording.name);

    const button = $('clone-button');
    button.disabled = true;
    this.say('Uploading and analysing the sample…');
    try {
      const response = await request('/v1/audio/voices', { method: 'POST', body: data });
      const voice = await response.json();
      this.say(`Created “${voice.name || name}” (${voice.id}).`, 'ok');
      this.form.reset();
      this.clearRecording();
      await this.refresh();
      this.onChanged();
    } catch (e) {
      const missing = isMissingRoute(e);
      if (missing) $('clone-unavailable').hidden = false;
      this.say(missing ? 'This server does not offer voice cloning.'
                       : e instanceof ApiError ? e.message : String(e), 'error');
    } finally {
      button.disabled = false;
    }
  }
}
