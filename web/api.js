// Talking to chorus: one fetch wrapper that adds the API key and turns OpenAI-shaped error bodies
// into exceptions with the server's own message, so every panel can show it verbatim.

const KEY_STORAGE = 'chorus.apiKey';

export function apiKey() {
  try { return localStorage.getItem(KEY_STORAGE) || ''; } catch { return ''; }
}

export function setApiKey(value) {
  try {
    if (value) localStorage.setItem(KEY_STORAGE, value); else localStorage.removeItem(KEY_STORAGE);
  } catch { /* storage disabled: the key lives for this page only */ }
}

export class ApiError extends Error {
  constructor(status, message, code, param) {
    super(message);
    this.status = status;
    this.code = code || '';
    this.param = param || '';
  }
}

// Reads {"error": {"message", "code", "param"}} when present; falls back to the status line.
async function errorFrom(response) {
  let message = `${response.status} ${response.statusText}`.trim();
  let code = '';
  let param = '';
  try {
    const body = await response.json();
    if (body && body.error) {
      message = body.error.message || message;
      code = body.error.code || '';
      param = body.error.param || '';
    }
  } catch { /* not JSON: keep the status line */ }
  if (response.status === 401) message += ' Enter an API key under Status → Access key.';
  return new ApiError(response.status, message, code, param);
}

// fetch() with the key; resolves to the Response when ok, throws ApiError otherwise.
export async function request(path, options = {}) {
  const headers = new Headers(options.headers || {});
  const key = apiKey();
  if (key && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${key}`);
  let response;
  try {
    response = await fetch(path, { ...options, headers });
  } catch (e) {
    throw new ApiError(0, `Cannot reach the server (${e.message}).`, 'network_error');
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

export async function getJson(path) {
  return (await request(path)).json();
}

// True for a route the server does not have at all (as opposed to, say, an unknown voice id).
export function isMissingRoute(error) {
  return error instanceof ApiError &&
      (error.code === 'unknown_route' || error.status === 405 ||
       (error.status === 404 && !error.code));
}

// A cloned voice as listed by GET /v1/audio/voices: ids are "voice_..." (OpenAI's shape); the
// extra flags cover servers that mark them explicitly.
export function isCloned(voice) {
  return Boolean(voice && (String(voice.id || '').startsWith('voice_') || voice.cloned === true ||
      voice.type === 'cloned' || voice.kind === 'cloned'));
}

const languageNames = (() => {
  try { return new Intl.DisplayNames(['en'], { type: 'language' }); } catch { return null; }
})();

export function languageName(tag) {
  if (!tag) return 'Any language';
  try { return languageNames?.of(tag) || tag; } catch { return tag; }
}

export function formatMs(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
