// The voice <select>: grouped by language and engine, narrowed by a search box. The OpenAI names
// come first because they work in every language (each engine maps them to one of its voices).
import { getJson, isCloned, languageName } from './api.js';

const OPENAI_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage',
  'shimmer', 'verse', 'marin', 'cedar'];

export class VoicePicker {
  constructor(select, search, languageSelect) {
    this.select = select;
    this.search = search;
    this.languageSelect = languageSelect;
    this.voices = [];
    search.addEventListener('input', () => this.render());
    // Enter in the search box picks the first match instead of submitting the form.
    search.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        select.focus();
      }
    });
  }

  async load() {
    const body = await getJson('/v1/audio/voices');
    this.voices = Array.isArray(body.voices) ? body.voices : (body.data || []);
    this.renderLanguages();
    this.render();
  }

  value() { return this.select.value; }

  choose(id) {
    this.search.value = '';
    this.render();
    this.select.value = id;
  }

  groups() {
    const query = this.search.value.trim().toLowerCase();
    const matches = (...fields) =>
      !query || fields.some((f) => String(f || '').toLowerCase().includes(query));
    const groups = new Map();
    const add = (label, option) => {
      if (!groups.has(label)) groups.set(label, []);
      groups.get(label).push(option);
    };
    for (const name of OPENAI_VOICES) {
      if (matches(name, 'openai')) add('OpenAI names · any language', { id: name, label: name });
    }
    const sorted = [...this.voices].sort((a, b) =>
      languageName(a.language).localeCompare(languageName(b.language)) ||
      String(a.engine).localeCompare(String(b.engine)) ||
      String(a.name || a.id).localeCompare(String(b.name || b.id)));
    for (const voice of sorted) {
      const lang = languageName(voice.language);
      const cloned = isCloned(voice);
      const engine = cloned ? 'cloned' : (voice.engine || 'engine');
      if (!matches(voice.id, voice.name, voice.language, lang, engine, voice.gender)) continue;
      const label = cloned ? 'Cloned voices' : `${lang} · ${engine}`;
      const gender = voice.gender ? ` (${voice.gender})` : '';
      const text = voice.name && voice.name !== voice.id ? `${voice.name}${gender} — ${voice.id}`
                                                          : `${voice.id}${gender}`;
      add(label, { id: voice.id, label: text });
    }
    // Cloned voices right after the OpenAI names: they are the ones people made themselves.
    const entries = [...groups.entries()];
    const rank = (label) => (label.startsWith('OpenAI') ? 0 : label === 'Cloned voices' ? 1 : 2);
    return entries.sort((a, b) => rank(a[0]) - rank(b[0]));
  }

  render() {
    const previous = this.select.value || 'alloy';
    this.select.replaceChildren();
    let count = 0;
    for (const [label, options] of this.groups()) {
      const group = document.createElement('optgroup');
      group.label = label;
      for (const { id, label: text } of options) {
        const option = new Option(text, id);
        group.append(option);
        count += 1;
      }
      this.select.append(group);
    }
    if (count === 0) {
      const none = new Option('No voice matches the search', '');
      none.disabled = true;
      this.select.append(none);
    }
    if ([...this.select.options].some((o) => o.value === previous)) this.select.value = previous;
    this.select.setAttribute('aria-description', `${count} voices`);
  }

  renderLanguages() {
    const keep = this.languageSelect.value;
    const tags = [...new Set(this.voices.filter((v) => v.language).map((v) => v.language))];
    tags.sort((a, b) => languageName(a).localeCompare(languageName(b)));
    this.languageSelect.replaceChildren(new Option('Automatic', ''));
    for (const tag of tags) {
      this.languageSelect.append(new Option(`${languageName(tag)} (${tag})`, tag));
    }
    this.languageSelect.value = keep;
  }
}
