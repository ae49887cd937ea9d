import { join } from 'node:path';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { AUDIO_LIMIT_BYTES } from '../../apps/api/src/recordings/audio-type';
import { wav } from '../support/files';
import { filesUnder as files, openStreamedUpload, until } from '../support/streamed-upload';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const MB = 1024 * 1024;

/**
 * Uploads audio through a real socket, so the test decides when (and whether) the body ends:
 * supertest sends it whole. Starts with a WAV header; resolves the response when one comes.
 */
function openUpload(t: TestApp, auth: string, recordingId: string) {
  const { req, response } = openStreamedUpload(t, {
    method: 'PUT',
    path: `/api/recordings/${recordingId}/audio`,
    headers: { authorization: auth, 'content-type': 'audio/wav' },
  });
  req.write(wav(100));
  return { req, response };
}

describe('recording audio uploads are streamed, not held in memory', () => {
  let t: TestApp;
  let w: World;
  let recordingId: string;
  let firstKey: string;
  let blobDir: string;
  let scratchDir: string;

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    w = await buildWorld(t);
    blobDir = t.app.get(AppConfig).blobDir;
    scratchDir = join(blobDir, 'tmp');
    const res = await t
      .http()
      .post('/api/recordings')
      .set('authorization', w.engineer.auth)
      .send({
        callerNumber: '+44 20 7946 0321',
        direction: 'inbound',
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        durationSeconds: 600,
      })
      .expect(201);
    recordingId = res.body.id;
    // It already has audio: a failed replacement must leave that audio in place.
    await t
      .http()
      .put(`/api/recordings/${recordingId}/audio`)
      .set('authorization', w.engineer.auth)
      .set('content-type', 'audio/wav')
      .send(wav())
      .expect(200);
    firstKey = await audioKey();
  });
  afterAll(() => t.close());

  async function audioKey(): Promise<string> {
    const { rows } = await t.db.query(
      'SELECT audio_blob_key, audio_size_bytes FROM recordings WHERE id = $1',
      [recordingId],
    );
    return `${rows[0].audio_blob_key}:${rows[0].audio_size_bytes}`;
  }
  const stored = () => files(blobDir).filter((f) => !f.path.startsWith(scratchDir + '/'));

  it('writes the audio to a scratch file as it arrives, and leaves nothing behind when it is cut off', async () => {
    const beforeBlobs = stored().length;
    const { req, response } = openUpload(t, w.engineer.auth, recordingId);
    response.catch(() => undefined); // the socket is destroyed below
    req.write(Buffer.alloc(3 * MB, 7));
    // Buffered as the request body, nothing would reach the disk before the body ended.
    const scratch = await until('the scratch file to grow', () =>
      files(scratchDir).find((f) => f.size >= 2 * MB),
    );
    expect(scratch.path).toMatch(/\.part$/);
    req.destroy();
    await until('the scratch file to be removed', () => (files(scratchDir).length === 0 ? true : undefined));
    expect(await audioKey()).toBe(firstKey);
    expect(stored()).toHaveLength(beforeBlobs);
  });

  it('refuses audio over the limit with 413, never keeping more than the limit on disk, storing nothing', async () => {
    const beforeBlobs = stored().length;
    const { req, response } = openUpload(t, w.engineer.auth, recordingId);
    let largest = 0;
    const watch = setInterval(() => {
      for (const f of files(scratchDir)) largest = Math.max(largest, f.size);
    }, 10);
    const chunk = Buffer.alloc(MB, 7);
    for (let sent = 0; sent <= AUDIO_LIMIT_BYTES + MB; sent += MB) {
      if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
    }
    req.end();
    const res = await response.finally(() => clearInterval(watch));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).message).toBe('audio is larger than the 100 MB limit');
    expect(largest).toBeLessThanOrEqual(AUDIO_LIMIT_BYTES);
    await until('no scratch file', () => (files(scratchDir).length === 0 ? true : undefined));
    expect(await audioKey()).toBe(firstKey);
    expect(stored()).toHaveLength(beforeBlobs);
  }, 60_000);

  it('refuses a body that is not audio by its first bytes with 400, leaving nothing behind', async () => {
    const beforeBlobs = stored().length;
    const res = await t
      .http()
      .put(`/api/recordings/${recordingId}/audio`)
      .set('authorization', w.engineer.auth)
      .set('content-type', 'application/octet-stream')
      .send(Buffer.alloc(2 * MB, 0x61))
      .expect(400);
    expect(res.body.fields).toHaveProperty('audio');
    expect(files(scratchDir)).toHaveLength(0);
    expect(await audioKey()).toBe(firstKey);
    expect(stored()).toHaveLength(beforeBlobs);
  });

  it('replaces the audio from the stream, and refuses an audio body on any other route with 415', async () => {
    const audio = wav(8000);
    await t
      .http()
      .put(`/api/recordings/${recordingId}/audio`)
      .set('authorization', w.engineer.auth)
      .set('content-type', 'audio/wav')
      .send(audio)
      .expect(200);
    expect(await audioKey()).toMatch(new RegExp(`:${audio.length}$`));
    expect(await audioKey()).not.toBe(firstKey);
    const served = await t
      .http()
      .get(`/api/recordings/${recordingId}/audio`)
      .set('authorization', w.engineer.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(served.body as Buffer, audio)).toBe(0);
    expect(files(scratchDir)).toHaveLength(0);

    const elsewhere = await t
      .http()
      .post('/api/recordings')
      .set('authorization', w.engineer.auth)
      .set('content-type', 'audio/wav')
      .send(wav())
      .expect(415);
    expect(elsewhere.body.message).toMatch(/content type is not supported/);
  });
});
