// The Voices page against the cloning API: create a voice from an uploaded clip and from a
// (fake) microphone recording, preview it, delete it. Needs POST /v1/audio/voices.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launchBrowser, openPage, screenshot, speechClip, startServer } from './harness.js';

let server;
let browser;
let workDir;
let clip;

before(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'chorus-voices-'));
  clip = speechClip(workDir);
  server = await startServer();
  browser = await launchBrowser({ microphoneFile: clip });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

async function voicesPage(width = 1280, options = {}) {
  const page = await openPage(browser, `${server.url}/#voices`, { width, ...options });
  await page.waitForSelector('#page-voices:not([hidden])');
  return page;
}

async function createdVoice(page, name) {
  await page.waitForFunction(() => document.getElementById('clone-status').classList.contains('ok'),
                             null, { timeout: 60000 })
      .catch(async (e) => {
        throw new Error(`${e.message}: ${await page.textContent('#clone-status')}`);
      });
  const item = page.locator('#voice-list li', { hasText: name });
  await item.waitFor();
  return item.getAttribute('data-voice-id');
}

async function deleteVoice(page, id) {
  const remove = page.locator(`#voice-list li[data-voice-id="${id}"] button`, { hasText: 'Delete' });
  await remove.click();
  await page.locator(`#voice-list li[data-voice-id="${id}"] button`, { hasText: 'Confirm delete' })
      .click();
  await page.locator(`#voice-list li[data-voice-id="${id}"]`).waitFor({ state: 'detached' });
  const gone = await fetch(`${server.url}/v1/audio/voices/${id}`);
  assert.equal(gone.status, 404);
}

// chorus always has the cloning API; the page also runs against servers that do not (an
// OpenAI-compatible server behind the same origin), which answer its routes with 404.
test('without the cloning API the page says so', async () => {
  const page = await voicesPage(1280, {
    prepare: (context) => context.route(/\/v1\/audio\/voices/, (route) => route.fulfill({
      status: 404,
      contentType: 'application/json',
      body: JSON.stringify({ error: { message: 'Unknown route.', type: 'invalid_request_error',
                                      param: null, code: 'unknown_route' } }),
    })),
  });
  await page.waitForSelector('#voice-list[aria-busy="false"]', { state: 'attached' });
  assert.ok(await page.isVisible('#clone-unavailable'));
  assert.ok(await page.isDisabled('#clone-button'));
  assert.equal(await page.locator('#voice-list li').count(), 0);
  await page.context().close();
});

test('the real server offers the cloning API', async () => {
  const probe = await fetch(`${server.url}/v1/audio/voices/voice_00000000_probe`);
  assert.equal(probe.status, 404);
  assert.equal((await probe.json()).error.code, 'voice_not_found');
  const page = await voicesPage();
  await page.waitForSelector('#voice-list[aria-busy="false"]', { state: 'attached' });
  assert.ok(await page.isHidden('#clone-unavailable'));
  assert.ok(await page.isEnabled('#clone-button'));
  await page.context().close();
});

test('upload a clip, preview, use and delete the voice', async () => {
  const page = await voicesPage();
  await page.fill('#clone-name', 'Uploaded narrator');
  await page.fill('#clone-language', 'en');
  await page.setInputFiles('#clone-file', clip);
  await page.click('#clone-button');
  const id = await createdVoice(page, 'Uploaded narrator');
  assert.match(id, /^voice_/);
  await screenshot(page, 'voices-with-voice-desktop');

  await page.locator(`#voice-list li[data-voice-id="${id}"] button`, { hasText: 'Preview' }).click();
  await page.waitForFunction(() => document.getElementById('preview-player').duration > 0, null,
                             { timeout: 60000 });
  await page.locator(`#voice-list li[data-voice-id="${id}"] button`, { hasText: 'Use' }).click();
  await page.waitForSelector('#page-speak:not([hidden])');
  assert.equal(await page.inputValue('#voice'), id);

  await page.click('nav a[data-page="voices"]');
  await deleteVoice(page, id);
  await page.context().close();
});

test('the server explains why a bad upload is refused', async () => {
  const page = await voicesPage(390);
  await page.fill('#clone-name', 'Not audio');
  await page.setInputFiles('#clone-file', {
    name: 'notes.wav', mimeType: 'audio/wav', buffer: Buffer.from('this is not audio at all'),
  });
  await page.click('#clone-button');
  await page.waitForFunction(() => document.getElementById('clone-status').classList.contains('error'),
                             null, { timeout: 30000 });
  const message = await page.textContent('#clone-status');
  assert.ok(message.length > 10 && !/^4\d\d /.test(message), message);
  await screenshot(page, 'voices-error-phone');
  await page.context().close();
});

test('record from the microphone and create a voice', async () => {
  const page = await voicesPage();
  await page.fill('#clone-name', 'Recorded voice');
  await page.click('#record-button');
  await page.waitForFunction(() => document.getElementById('record-button').classList
      .contains('recording'));
  await page.waitForTimeout(7000);  // the fake microphone loops the speech clip
  await page.click('#record-button');
  await page.waitForSelector('#record-preview:not([hidden])');
  await page.click('#clone-button');
  const id = await createdVoice(page, 'Recorded voice');
  assert.match(id, /^voice_/);
  await deleteVoice(page, id);
  await page.context().close();
});
