import { join } from 'node:path';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { filesUnder as files, openStreamedUpload, until } from '../support/streamed-upload';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const MB = 1024 * 1024;
const MAX = 4 * MB;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BOUNDARY = 'streaming-test-boundary';

/**
 * Uploads through a real socket, so the test decides when (and whether) the body ends: supertest
 * sends it whole. Resolves the request (still open) and the response when one comes.
 */
function openUpload(t: TestApp, auth: string, ticketId: string, name: string) {
  const { req, response } = openStreamedUpload(t, {
    method: 'POST',
    path: `/api/tickets/${ticketId}/attachments`,
    headers: { authorization: auth, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
  req.write(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
      'Content-Type: image/png\r\n\r\n',
  );
  req.write(PNG_SIGNATURE);
  return { req, response };
}

describe('attachment uploads are streamed, not held in memory', () => {
  let t: TestApp;
  let w: World;
  let ticketId: string;
  let blobDir: string;
  let scratchDir: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ATTACHMENT_MAX_BYTES: String(MAX) }, listen: true });
    w = await buildWorld(t);
    blobDir = t.app.get(AppConfig).blobDir;
    scratchDir = join(blobDir, 'tmp');
    const res = await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send({ type: 'fault', subject: 'Big screenshots', description: 'Several of them.' })
      .expect(201);
    ticketId = res.body.id;
  });
  afterAll(() => t.close());

  const rows = async () => (await t.db.query('SELECT count(*)::int AS n FROM attachments')).rows[0].n;
  const stored = () => files(blobDir).filter((f) => !f.path.startsWith(scratchDir + '/'));

  it('writes an upload to a scratch file as it arrives, and leaves nothing behind when it is cut off', async () => {
    const [beforeRows, beforeBlobs] = [await rows(), stored().length];
    const { req, response } = openUpload(t, w.a1.auth, ticketId, 'screen.png');
    response.catch(() => undefined); // the socket is destroyed below
    req.write(Buffer.alloc(3 * MB, 7));
    // Buffered in memory (file.toBuffer()), nothing would reach the disk before the body ended.
    const scratch = await until('the scratch file to grow', () =>
      files(scratchDir).find((f) => f.size >= 2 * MB),
    );
    expect(scratch.path).toMatch(/\.part$/);
    req.destroy();
    await until('the scratch file to be removed', () => (files(scratchDir).length === 0 ? true : undefined));
    expect(await rows()).toBe(beforeRows);
    expect(stored()).toHaveLength(beforeBlobs);
    // The sender went away: not an outage of the database or the store, so not logged as one.
    await until('the cut-off to be logged', () =>
      t.logs.text.includes('cut off by the client') ? true : undefined,
    );
    expect(t.logs.lines.filter((l) => /"level":(40|50)/.test(l))).toEqual([]);
  });

  it('refuses an over-limit upload with 413, never keeping more than the limit on disk, storing nothing', async () => {
    const [beforeRows, beforeBlobs] = [await rows(), stored().length];
    const { req, response } = openUpload(t, w.a1.auth, ticketId, 'huge.png');
    let largest = 0;
    const watch = setInterval(() => {
      for (const f of files(scratchDir)) largest = Math.max(largest, f.size);
    }, 10);
    req.end(Buffer.concat([Buffer.alloc(MAX + 2 * MB, 7), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]));
    const res = await response.finally(() => clearInterval(watch));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).message).toBe('file is larger than the 4 MB limit');
    expect(largest).toBeLessThanOrEqual(MAX + 1);
    await until('no scratch file', () => (files(scratchDir).length === 0 ? true : undefined));
    expect(await rows()).toBe(beforeRows);
    expect(stored()).toHaveLength(beforeBlobs);
  });

  it('still stores a file of exactly the limit', async () => {
    const { req, response } = openUpload(t, w.a1.auth, ticketId, 'exact.png');
    req.end(
      Buffer.concat([Buffer.alloc(MAX - PNG_SIGNATURE.length, 7), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    );
    const res = await response;
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toMatchObject({ contentType: 'image/png', sizeBytes: MAX });
    expect(files(scratchDir)).toHaveLength(0);
  });
});
