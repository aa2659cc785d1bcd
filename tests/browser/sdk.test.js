// The official OpenAI Node SDK against chorus: what docs/integrations.md tells people to do.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import OpenAI from 'openai';
import { probeAudio, startServer } from './harness.js';

let server;

before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('audio.speech.create returns decodable MP3', async () => {
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'not-needed' });
  const response = await client.audio.speech.create({
    model: 'tts-1', voice: 'alloy', input: 'Hello from the OpenAI Node SDK.',
  });
  assert.equal(response.headers.get('content-type'), 'audio/mpeg');
  const audio = probeAudio(Buffer.from(await response.arrayBuffer()), 'mp3');
  assert.equal(audio.codec, 'mp3');
  assert.ok(audio.duration > 1);
});

test('streaming the body with a format and speed', async () => {
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'not-needed' });
  const response = await client.audio.speech.create({
    model: 'tts-1', voice: 'nova', input: 'Streaming opus from Node.', response_format: 'opus',
    speed: 1.25,
  });
  const parts = [];
  for await (const part of response.body) parts.push(part);
  assert.ok(parts.length >= 1);
  const audio = probeAudio(Buffer.concat(parts), 'ogg');
  assert.equal(audio.codec, 'opus');
});

test('an unknown voice surfaces as an APIError with the server message', async () => {
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'not-needed', maxRetries: 0 });
  await assert.rejects(
      client.audio.speech.create({ model: 'tts-1', voice: 'nobody', input: 'Hi.' }),
      (error) => error.status === 400 && /Unknown voice/.test(error.message));
});

test('models and voices list', async () => {
  const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'not-needed' });
  const models = [];
  for await (const model of client.models.list()) models.push(model.id);
  assert.ok(models.includes('tts-1') && models.includes('espeak'), models.join(','));
});
