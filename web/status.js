// The Status panel: /health for engines, /metrics (Prometheus text) for queue depth, cache hit
// rate and size, and request counts when the server publishes it, /v1/models for the models it answers to.
import { ApiError, apiKey, getJson, request, setApiKey } from './api.js';

const $ = (id) => document.getElementById(id);
const REFRESH_MS = 5000;

// Prometheus text exposition: "name{labels} value" lines; comments and blank lines skipped.
export function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels = {};
    for (const [, k, v] of (match[2] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k] = v;
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

// Sums every sample whose name matches; null when none does.
function total(samples, pattern) {
  const found = samples.filter((s) => pattern.test(s.name) && Number.isFinite(s.value));
  return found.length ? found.reduce((sum, s) => sum + s.value, 0) : null;
}

export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

export class StatusPanel {
  constructor() {
    this.timer = null;
    $('status-refresh').addEventListener('click', () => this.refresh());
    const key = $('api-key');
    key.value = apiKey();
    key.addEventListener('change', () => setApiKey(key.value.trim()));
  }

  start() {
    this.refresh();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
  }

  async refresh() {
    const [health, metrics, models] = await Promise.all([
      this.health(), this.metrics(), getJson('/v1/models').catch(() => null)]);
    this.renderEngines(health);
    this.renderFigures(health, metrics);
    const list = $('model-list');
    list.replaceChildren(...(models?.data || []).map((m) => {
      const li = document.createElement('li');
      li.textContent = m.version ? `${m.id} (${m.version})` : m.id;
      return li;
    }));
  }

  // /health answers 503 with the same body when no engine is healthy: read it either way.
  async health() {
    try {
      return await (await request('/health')).json();
    } catch (e) {
      if (e instanceof ApiError && e.status === 503) {
        const response = await fetch('/health');
        return response.json().catch(() => ({ status: 'unhealthy', engines: [] }));
      }
      $('status-error').textContent = `Health check failed: ${e.message}`;
      return null;
    }
  }

  async metrics() {
    try {
      const text = await (await request('/metrics')).text();
      $('metrics-note').hidden = true;
      return parseMetrics(text);
    } catch {
      $('metrics-note').hidden = false;  // 404 until the server has metrics; not an error
      return null;
    }
  }

  renderEngines(health) {
    const status = $('health-status');
    if (!health) {
      status.textContent = 'unreachable';
      status.className = 'health-bad';
      return;
    }
    $('status-error').textContent = '';
    status.textContent = health.status || 'unknown';
    status.className = health.status === 'healthy' || health.status === 'ok' ? 'health-ok'
                                                                             : 'health-bad';
    const rows = (health.engines || []).map((engine) => {
      const tr = document.createElement('tr');
      const cell = (text, cls) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (cls) td.className = cls;
        tr.append(td);
      };
      cell(engine.name);
      cell(engine.healthy ? 'healthy' : 'down', engine.healthy ? 'health-ok' : 'health-bad');
      cell(engine.version || '–');
      cell(Array.isArray(engine.languages) ? engine.languages.length : (engine.languages ?? '–'));
      cell(engine.active ?? '–');
      cell(engine.queued ?? '–');
      return tr;
    });
    $('engine-table').tBodies[0].replaceChildren(...rows);
  }

  renderFigures(health, metrics) {
    let queue = metrics ? total(metrics, /queue_depth|_queued$/) : null;
    if (queue === null && health?.engines) {
      queue = health.engines.reduce((sum, e) => sum + (Number(e.queued) || 0), 0);
    }
    $('queue-depth').textContent = queue === null ? '–' : String(queue);

    // chorus counts lookups with a result label; separate hit/miss counters are read too.
    const lookupsBy = (result) => (metrics ? total(metrics.filter((m) => m.labels.result === result),
                                                   /cache_lookups(_total)?$/) : null);
    let hits = lookupsBy('hit');
    let misses = lookupsBy('miss');
    if (hits === null && metrics) {
      hits = total(metrics, /cache_hits?(_total)?$/);
      misses = total(metrics, /cache_miss(es)?(_total)?$/);
    }
    const lookups = (hits || 0) + (misses || 0);
    $('cache-rate').textContent = metrics === null ? 'not reported'
        : lookups === 0 ? 'no lookups yet' : `${((100 * hits) / lookups).toFixed(1)} %`;

    const entries = metrics ? total(metrics, /^chorus_cache_entries$/) : null;
    const bytes = metrics ? total(metrics, /^chorus_cache_bytes$/) : null;
    $('cache-size').textContent = entries === null ? '–'
        : `${entries} ${entries === 1 ? 'entry' : 'entries'}, ${formatBytes(bytes || 0)}`;

    const requests = metrics ? total(metrics, /^chorus_(http_)?requests_total$/) : null;
    $('request-count').textContent = requests === null ? '–' : String(requests);
  }
}
