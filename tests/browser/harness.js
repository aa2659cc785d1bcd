// Shared by the browser tests: start the real chorus binary on a free loopback port, launch
// Debian's headless Chromium through playwright-core, check audio bytes with ffprobe.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
export const artifactsDir = process.env.CHORUS_ARTIFACTS ||
    path.join(repoRoot, 'test-artifacts', 'browser');

export function chorusBinary() {
  const binary = process.env.CHORUS_BINARY || path.join(repoRoot, 'build', 'chorus');
  return path.resolve(binary);
}

// Resolves once the server prints "listening on http://HOST:PORT"; rejects if it exits first.
export function startServer(extraArgs = []) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'chorus-browser-'));
  const args = ['--log-level', 'info', 'serve', '--host', '127.0.0.1', '--port', '0', ...extraArgs];
  const env = { ...process.env, XDG_DATA_HOME: dataDir, HOME: dataDir };
  const proc = spawn(chorusBinary(), args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const log = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`chorus did not start:\n${log.join('')}`)),
                             60000);
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (text) => {
      log.push(text);
      const match = /listening on http:\/\/[^:]+:(\d+)/.exec(log.join(''));
      if (match && timer) {
        clearTimeout(timer);
        resolve({
          url: `http://127.0.0.1:${match[1]}`,
          log,
          async stop() {
            if (proc.exitCode === null) {
              proc.kill('SIGTERM');
              await new Promise((done) => proc.once('exit', done));
            }
            rmSync(dataDir, { recursive: true, force: true });
          },
        });
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`chorus exited with ${code}:\n${log.join('')}`));
    });
  });
}

// A few seconds of real human speech for the fake microphone and for uploads: the recordings
// that Debian's alsa-utils ships, joined and resampled to 48 kHz mono 16-bit.
export function speechClip(dir) {
  const clip = path.join(dir, 'speech.wav');
  const inputs = ['Front_Left', 'Front_Right', 'Rear_Left', 'Rear_Right', 'Front_Center']
      .map((name) => `/usr/share/sounds/alsa/${name}.wav`);
  const args = ['-v', 'error', '-y'];
  for (const input of inputs) args.push('-i', input);
  args.push('-filter_complex', `concat=n=${inputs.length}:v=0:a=1`, '-ac', '1', '-ar', '48000',
            '-c:a', 'pcm_s16le', clip);
  execFileSync('ffmpeg', args);
  return clip;
}

// playwright-core starts Chromium with a fresh temporary profile of its own (it refuses a
// --user-data-dir argument), so no state leaks between runs.
export async function launchBrowser({ microphoneFile } = {}) {
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--autoplay-policy=no-user-gesture-required',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];
  if (microphoneFile) args.push(`--use-file-for-fake-audio-capture=${microphoneFile}`);
  return chromium.launch({ executablePath: '/usr/bin/chromium', args, headless: true });
}

// Opens a page that fails the test on any script error or console error from the UI.
// `prepare(context)` runs before the page loads (to intercept requests, for instance).
export async function openPage(browser, url, { width = 1280, height = 900, prepare } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  await context.grantPermissions(['microphone'], { origin: url });
  if (prepare) await prepare(context);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

export function screenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  return page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

// ffprobe's view of audio bytes: {codec, duration}. Throws when the bytes do not decode.
export function probeAudio(bytes, extension) {
  const dir = mkdtempSync(path.join(tmpdir(), 'chorus-probe-'));
  const file = path.join(dir, `audio.${extension}`);
  try {
    writeFileSync(file, bytes);
    const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries',
      'stream=codec_name:format=duration', '-of', 'json', file]);
    const info = JSON.parse(out.toString());
    // Decoding every packet catches damage that the header alone would not show. A streamed
    // WAV declares an unknown length, so its last short read is flagged: expected, not damage.
    const decoded = spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 'null', '-']);
    const problems = decoded.stderr.toString().split('\n').filter((line) => line &&
        !(extension === 'wav' && line.endsWith('corrupt input packet in stream 0')));
    if (decoded.status !== 0 || problems.length) {
      throw new Error(`ffmpeg could not decode the ${extension}: ${problems.join('; ')}`);
    }
    return { codec: info.streams[0].codec_name, duration: Number(info.format.duration) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
