// The Speak page in a real browser: type, speak, and check that the <audio> element got audio
// that plays and that ffprobe decodes; screenshots at phone and desktop width.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openPage, probeAudio, screenshot, startServer } from './harness.js';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Bytes behind the download link (a blob: URL only the page can read).
async function downloadedBytes(page) {
  const data = await page.evaluate(async () => {
    const href = document.getElementById('download').href;
    const buffer = await (await fetch(href)).arrayBuffer();
    return Array.from(new Uint8Array(buffer));
  });
  return Buffer.from(data);
}

async function speak(page, text, format) {
  await page.fill('#text', text);
  await page.selectOption('#format', format);
  await page.click('#speak-button');
  await page.waitForSelector('#download:not([hidden])', { timeout: 60000 });
  // The element must have loaded media it can play, with a real duration.
  await page.waitForFunction(() => {
    const audio = document.getElementById('player');
    return audio.readyState >= 2 && Number.isFinite(audio.duration) && audio.duration > 0;
  }, null, { timeout: 30000 });
}

test('the page is served from the binary with its assets', async () => {
  const index = await fetch(`${server.url}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /text\/html/);
  assert.match(index.headers.get('content-security-policy'), /default-src 'self'/);
  const html = await index.text();
  for (const asset of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
    const response = await fetch(server.url + asset[1]);
    assert.equal(response.status, 200, asset[1]);
  }
  const etag = index.headers.get('etag');
  const again = await fetch(`${server.url}/`, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal((await fetch(`${server.url}/assets/missing.js`)).status, 404);
});

test('speak streams MP3 into the audio element', async () => {
  const page = await openPage(browser, server.url);
  await page.waitForFunction(() => document.querySelectorAll('#voice option').length > 13);
  await speak(page, 'Hello from the browser test. This sentence is long enough to stream.', 'mp3');
  assert.equal(await page.textContent('#served-mode'), 'streaming');
  assert.notEqual(await page.textContent('#served-engine'), '–');
  assert.match(await page.textContent('#served-voice'), /\S/);
  assert.match(await page.textContent('#served-language'), /\(en/);
  assert.match(await page.textContent('#served-ttfa'), /\d+(\.\d+)? m?s/);
  const audio = probeAudio(await downloadedBytes(page), 'mp3');
  assert.equal(audio.codec, 'mp3');
  assert.ok(audio.duration > 1, `duration ${audio.duration}`);
  const elementSeconds = await page.evaluate(() => document.getElementById('player').duration);
  assert.ok(Math.abs(elementSeconds - audio.duration) < 0.5,
            `element ${elementSeconds} s vs file ${audio.duration} s`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('formats without MediaSource play from a blob after download', async () => {
  const page = await openPage(browser, server.url);
  await page.waitForFunction(() => document.querySelectorAll('#voice option').length > 13);
  await speak(page, 'Wave files play once they are complete.', 'wav');
  assert.equal(await page.textContent('#served-mode'), 'after download');
  const audio = probeAudio(await downloadedBytes(page), 'wav');
  assert.equal(audio.codec, 'pcm_s16le');
  assert.ok(audio.duration > 1);
  await page.context().close();
});

test('voice search narrows the picker and a language voice speaks that language', async () => {
  const page = await openPage(browser, server.url);
  await page.waitForFunction(() => document.querySelectorAll('#voice option').length > 13);
  await page.fill('#voice-search', 'french');
  const labels = await page.$$eval('#voice optgroup', (groups) => groups.map((g) => g.label));
  assert.ok(labels.length >= 1 && labels.every((l) => /French/.test(l)), labels.join(', '));
  await speak(page, 'Bonjour tout le monde.', 'mp3');
  assert.match(await page.textContent('#served-language'), /French|\(fr/);
  await page.context().close();
});

test('errors from the server are shown, keyboard works', async () => {
  const page = await openPage(browser, server.url);
  // The voice list loads after the page: speaking before it is there is refused by the page.
  await page.waitForFunction(() => document.querySelectorAll('#voice option').length > 13);
  await page.fill('#text', '');
  await page.click('#speak-button');
  assert.match(await page.textContent('#speak-status'), /Type some text/);
  // An out-of-range speed is refused by the server with its own message.
  await page.fill('#text', 'Speed check.');
  await page.evaluate(() => {
    const speed = document.getElementById('speed');
    speed.min = '0'; speed.value = '0.1';
  });
  await page.click('#speak-button');
  await page.waitForFunction(() => document.getElementById('speak-status').classList.contains('error'));
  assert.match(await page.textContent('#speak-status'), /speed/i);
  // Tab order reaches the navigation, and Enter on a link switches page.
  await page.focus('nav a[data-page="status"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#page-status:not([hidden])');
  await page.context().close();
});

test('status page shows engines and degrades without /metrics', async () => {
  // The same request twice: one cache miss, one hit, one entry at least.
  for (let i = 0; i < 2; i++) {
    const spoken = await fetch(`${server.url}/v1/audio/speech`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ input: 'Counted by the cache.', voice: 'alloy', model: 'espeak' }),
    });
    assert.equal(spoken.status, 200);
    await spoken.arrayBuffer();
  }
  const page = await openPage(browser, `${server.url}/#status`);
  await page.waitForSelector('#engine-table tbody tr');
  const engines = await page.$$eval('#engine-table tbody tr td:first-child',
                                    (cells) => cells.map((c) => c.textContent));
  assert.ok(engines.includes('espeak'), engines.join(','));
  assert.equal(await page.textContent('#health-status'), 'healthy');
  assert.match(await page.textContent('#queue-depth'), /^\d+$/);
  const metrics = await fetch(`${server.url}/metrics`);
  assert.equal(await page.isHidden('#metrics-note'), metrics.status === 200);
  if (metrics.status === 200) {
    await page.waitForFunction(() => /%/.test(document.getElementById('cache-rate').textContent));
    const rate = Number((await page.textContent('#cache-rate')).replace(/[^\d.]/g, ''));
    assert.ok(rate > 0 && rate < 100, `cache hit rate ${rate}`);
    assert.match(await page.textContent('#cache-size'), /^[1-9]\d* entr(y|ies), \d+(\.\d)? (B|KiB|MiB)$/);
  }
  assert.ok((await page.$$('#model-list li')).length >= 2);
});

test('screenshots of every page at phone and desktop width', async () => {
  for (const [label, width, height] of [['phone', 390, 844], ['desktop', 1280, 900]]) {
    const page = await openPage(browser, server.url, { width, height });
    await page.waitForFunction(() => document.querySelectorAll('#voice option').length > 13);
    await speak(page, 'A screenshot after speaking.', 'mp3');
    await screenshot(page, `speak-${label}`);
    // Nothing may overflow the viewport sideways on a phone.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `${label}: page is ${overflow}px wider than the screen`);
    for (const name of ['voices', 'status']) {
      await page.click(`nav a[data-page="${name}"]`);
      await page.waitForSelector(`#page-${name}:not([hidden])`);
      await page.waitForTimeout(500);  // let the panel's requests finish
      await screenshot(page, `${name}-${label}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(wide <= 0, `${label} ${name}: ${wide}px too wide`);
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});
