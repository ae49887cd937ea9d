import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { unzipSync } from 'fflate';
import { createHash, randomFillSync } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobStore } from '../../apps/api/src/blobs/blob-store';
import { OwnedBlobs } from '../../apps/api/src/blobs/owned-blobs.service';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { BlobOutbox } from '../../apps/api/src/retention/blob-outbox.service';
import { waitForDsar } from '../support/dsar';
import { asBuffer, wav } from '../support/files';
import { logCallWithAudio } from '../support/recordings';
import { OpenApiConformance } from '../support/openapi-conformance';
import { S3Server } from '../support/s3-server';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(5000, 7),
]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const ROWAN = { name: 'Rowan Tremaine', email: 'rowan.tremaine@acme-telecom.test', phone: '07700 900321' };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

/**
 * The API with BLOB_STORE=s3 against a real S3-compatible server (s3rver, its own process), with
 * what is in the bucket checked through the AWS SDK directly: every blob feature, and the faults.
 */
describe('blobs in an S3-compatible store', () => {
  let s3: S3Server;
  let sdk: S3Client;
  let t: TestApp;
  let w: World;
  let ticketId: string;

  beforeAll(async () => {
    s3 = await S3Server.start();
    sdk = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    t = await startTestApp({ listen: true, env: s3.env() });
    w = await buildWorld(t);
    ticketId = (
      await as(w.a1.auth).post('/api/tickets', {
        type: 'fault',
        subject: 'No dial tone',
        description: 'Since this morning.',
      })
    ).body.id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    sdk?.destroy();
    await s3?.close();
  });
  afterEach(() => s3.resume());

  const as = (auth: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('authorization', auth).send(body),
  });
  const upload = (bytes: Buffer, name: string, auth = w.a1.auth, id = ticketId) =>
    t.http().post(`/api/tickets/${id}/attachments`).set('authorization', auth).attach('file', bytes, name);
  const download = (url: string, auth: string) => as(auth).get(url).buffer(true).parse(asBuffer);

  /** Every key in the bucket, asked of the server itself. */
  async function objects(): Promise<string[]> {
    const res = await sdk.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
    return (res.Contents ?? []).map((o) => o.Key as string).sort();
  }
  async function object(key: string): Promise<Buffer> {
    const res = await sdk.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    return Buffer.from(
      await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
  }
  /** Files on this host's disk under the blob directory, scratch files included. */
  const localFiles = () => {
    try {
      return readdirSync(t.app.get(AppConfig).blobDir, { withFileTypes: true, recursive: true }).filter((e) =>
        e.isFile(),
      ).length;
    } catch {
      return 0; // not even created
    }
  };
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.db.query(sql, params)).rows[0].n as number;
  const attachmentKey = async (id: string) =>
    (await t.db.query('SELECT blob_key FROM attachments WHERE id = $1', [id])).rows[0].blob_key as string;
  const audioKey = async (id: string) =>
    (await t.db.query('SELECT audio_blob_key FROM recordings WHERE id = $1', [id])).rows[0]
      .audio_blob_key as string;
  async function retentionRun(): Promise<{ status: string; report: Record<string, unknown> }> {
    const started = await as(w.dpo.auth).post('/api/retention/runs', { dryRun: false }).expect(201);
    for (let i = 0; i < 200; i++) {
      const res = await as(w.dpo.auth).get(`/api/retention/runs/${started.body.id}`).expect(200);
      if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('retention run did not finish');
  }
  const call = (startedAt = daysAgo(1), callerNumber = '+44 7700 900999') => ({
    callerNumber,
    direction: 'inbound' as const,
    startedAt,
    durationSeconds: 60,
  });

  it('stores an attachment in the bucket, not on disk, and serves it back byte for byte', async () => {
    const res = await upload(PNG, 'router-lights.png').expect(201);
    expect(res.body).toMatchObject({ contentType: 'image/png', sizeBytes: PNG.length });
    const key = await attachmentKey(res.body.id);
    expect(await objects()).toContain(key);
    expect((await object(key)).equals(PNG)).toBe(true);
    expect(localFiles()).toBe(0);
    for (const who of [w.a1, w.engineer]) {
      const dl = await download(`/api/tickets/${ticketId}/attachments/${res.body.id}`, who.auth).expect(200);
      expect((dl.body as Buffer).equals(PNG)).toBe(true);
      expect(dl.headers['content-type']).toBe('image/png');
    }
    // The same checks as on the file store: a lying file is refused, and leaves nothing.
    const before = [await objects(), await count('SELECT count(*)::int AS n FROM attachments')];
    const refused = await upload(EXE, 'photo.png').expect(400);
    expect(refused.body.fields).toHaveProperty('file');
    expect([await objects(), await count('SELECT count(*)::int AS n FROM attachments')]).toEqual(before);
  });

  it('streams call audio from the bucket with Range requests for seeking', async () => {
    const audio = wav(100_000);
    const id = await logCallWithAudio(t, w.engineer.auth, call(), audio);
    expect((await object(await audioKey(id))).equals(audio)).toBe(true);
    const url = `/api/recordings/${id}/audio`;
    const whole = await download(url, w.engineer.auth).expect(200).expect('accept-ranges', 'bytes');
    expect((whole.body as Buffer).equals(audio)).toBe(true);
    const part = await download(url, w.engineer.auth)
      .set('range', 'bytes=1000-1999')
      .expect(206)
      .expect('content-range', `bytes 1000-1999/${audio.length}`)
      .expect('content-length', '1000');
    expect((part.body as Buffer).equals(audio.subarray(1000, 2000))).toBe(true);
    const tail = await download(url, w.engineer.auth).set('range', 'bytes=-100').expect(206);
    expect((tail.body as Buffer).equals(audio.subarray(audio.length - 100))).toBe(true);
    await download(url, w.engineer.auth).set('range', `bytes=${audio.length}-`).expect(416);
  });

  it('builds a DSAR package from the bucket as a stream, stores the release there, and downloads it', async () => {
    const user = await createUser(t, 'customer', {
      fullName: ROWAN.name,
      email: ROWAN.email,
      organisationId: w.orgA,
    });
    const rowan = await bearerFor(t, ROWAN.email);
    await t
      .http()
      .patch(`/api/people/${user.personId}`)
      .set('authorization', rowan)
      .send({ phone: ROWAN.phone })
      .expect(200);
    const ticket = await as(rowan)
      .post('/api/tickets', { type: 'fault', subject: 'Line drops', description: 'Since Friday.' })
      .expect(201);
    await upload(PNG, 'line-test.png', rowan, ticket.body.id).expect(201);
    // Larger than one multipart part once packaged, so the release goes up in parts.
    const audio = [wav(2_500_000), wav(2_000_000)];
    for (const [i, bytes] of audio.entries()) {
      randomFillSync(bytes, 44);
      await logCallWithAudio(t, w.engineer.auth, call(daysAgo(i + 1), '+44 7700 900321'), bytes);
    }
    const id = (await as(rowan).post('/api/dsar', { kind: 'access' }).expect(201)).body.id;
    await as(w.dpo.auth).post(`/api/dsar/${id}/collect`).expect(202);
    expect((await waitForDsar(t, w.dpo.auth, id)).status).toBe('in_review');

    const exported = await download(`/api/dsar/${id}/export?format=zip`, w.dpo.auth).expect(200);
    const files = unzipSync(new Uint8Array(exported.body as Buffer));
    const recordings = Object.keys(files).filter((n) => n.startsWith('audio/'));
    expect(recordings.map((n) => sha(files[n])).sort()).toEqual(audio.map(sha).sort());
    expect(Object.keys(files).some((n) => n.endsWith('.png'))).toBe(true);

    const released = await as(w.dpo.auth).post(`/api/dsar/${id}/release`).expect(200);
    const [row] = (
      await t.db.query('SELECT blob_key, size_bytes FROM dsar_releases WHERE dsar_id = $1', [id])
    ).rows;
    const stored = await object(row.blob_key);
    expect(stored.length).toBe(Number(row.size_bytes));
    const link = await download(released.body.downloadPath, rowan).expect(200);
    expect(Number(link.headers['content-length'])).toBe(stored.length);
    expect((link.body as Buffer).equals(stored)).toBe(true);
    const json = await as(rowan).get(`/api/dsar/${id}/export?format=json`).expect(200);
    expect(json.text).toBe(Buffer.from(unzipSync(new Uint8Array(stored))['data.json']).toString('utf8'));
    expect(localFiles()).toBe(0); // scratch files gone, nothing kept on this host
    expect(await count('SELECT count(*)::int AS n FROM blob_deletions WHERE not_before > now()')).toBe(0);
  }, 60_000);

  it('deletes from the bucket through the outbox: replaced audio, expired recordings, anonymised tickets', async () => {
    const id = await logCallWithAudio(t, w.engineer.auth, call(daysAgo(61)), wav(1000));
    const expiredKey = await audioKey(id);
    // Replacing audio retires the old object.
    const replaced = await logCallWithAudio(t, w.engineer.auth, call(), wav(2000));
    const oldKey = await audioKey(replaced);
    await t
      .http()
      .put(`/api/recordings/${replaced}/audio`)
      .set('authorization', w.engineer.auth)
      .set('content-type', 'audio/wav')
      .send(wav(3000))
      .expect(200);
    const newKey = await audioKey(replaced);
    // A ticket closed over six years ago is anonymised, its attachments deleted.
    const old = await as(w.a2.auth)
      .post('/api/tickets', { type: 'fault', subject: 'Old fault', description: 'Years ago.' })
      .expect(201);
    const file = await upload(Buffer.from('an old log\n'), 'old.txt', w.a2.auth, old.body.id).expect(201);
    const fileKey = await attachmentKey(file.body.id);
    await t.db.query(
      "UPDATE tickets SET status = 'closed', closed_at = now() - interval '2191 days' WHERE id = $1",
      [old.body.id],
    );
    expect(await objects()).toEqual(expect.arrayContaining([expiredKey, oldKey, newKey, fileKey]));

    const run = await retentionRun();
    expect(run.status).toBe('completed');
    const left = await objects();
    for (const gone of [expiredKey, oldKey, fileKey]) expect(left).not.toContain(gone);
    expect(left).toContain(newKey);
    expect(await count('SELECT count(*)::int AS n FROM blob_deletions WHERE not_before <= now()')).toBe(0);
  });

  it('an object whose row was never written (the API died in between) is deleted by the drain after the hour', async () => {
    const outbox = t.app.get(BlobOutbox);
    const key = await t.app.get(OwnedBlobs).write(Buffer.from('router log of a customer'));
    expect(await objects()).toContain(key);
    await outbox.drain();
    expect(await objects()).toContain(key); // an upload may still be finishing
    await t.db.query(
      "UPDATE blob_deletions SET not_before = now() - interval '1 second' WHERE blob_key = $1",
      [key],
    );
    await outbox.drain();
    expect(await objects()).not.toContain(key);
    expect(await count('SELECT count(*)::int AS n FROM blob_deletions')).toBe(0);
  });

  it('the drain deletes a batch larger than one DeleteObjects request; a bad key is counted, not the rest', async () => {
    const store = t.app.get(BlobStore);
    const present = Array.from({ length: 2100 }, (_, i) => `drainbatch${String(i).padStart(6, '0')}`);
    for (let i = 0; i < present.length; i += 50)
      await Promise.all(present.slice(i, i + 50).map((k) => store.put(k, Buffer.from(k))));
    const missing = Array.from({ length: 50 }, (_, i) => `drainmissing${String(i).padStart(4, '0')}`);
    await t.db.query(
      `INSERT INTO blob_deletions (blob_key) SELECT unnest($1::text[]) UNION ALL SELECT 'Not A Key'`,
      [[...present, ...missing]],
    );

    expect(await t.app.get(BlobOutbox).drain(2500)).toEqual({ deleted: 2150, failed: 1 });

    const left = await objects(); // fewer than 1,000 now: one page
    expect(left.filter((k) => k.startsWith('drain'))).toEqual([]);
    const rows = await t.db.query('SELECT blob_key, attempts FROM blob_deletions');
    expect(rows.rows).toEqual([{ blob_key: 'Not A Key', attempts: 1 }]);
    await t.db.query('DELETE FROM blob_deletions');
  }, 120_000);

  it('an object deleted behind our back: 404 saying so, and an entry in the audit trail for the operator', async () => {
    const res = await upload(PNG, 'evidence.png').expect(201);
    const key = await attachmentKey(res.body.id);
    const rec = await logCallWithAudio(t, w.engineer.auth, call(), wav(5000));
    const recKey = await audioKey(rec);
    for (const k of [key, recKey]) await sdk.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: k }));

    const conformance = new OpenApiConformance((await t.http().get('/api/docs-json').expect(200)).body);
    const missing = await as(w.a1.auth)
      .get(`/api/tickets/${ticketId}/attachments/${res.body.id}`)
      .expect(404);
    conformance.check('GET /api/tickets/{id}/attachments/{attachmentId}', missing);
    expect(missing.body.message).toBe(
      "The attachment's file is missing from storage; an administrator has been told",
    );
    const audio = await as(w.engineer.auth)
      .get(`/api/recordings/${rec}/audio`)
      .set('range', 'bytes=0-99')
      .expect(404)
      .expect('content-type', /application\/json/);
    expect(audio.body.message).toMatch(/recording's audio is missing from storage/);
    conformance.check('GET /api/recordings/{id}/audio', audio);
    expect(conformance.problems).toEqual([]);
    await as(w.engineer.auth).get(`/api/recordings/${rec}/audio`).expect(404); // asked again: one entry

    const trail = await as(w.admin.auth).get('/api/audit?action=blob.missing').expect(200);
    const entries = trail.body.items.map((e: { targetType: string; targetId: string; details: object }) => [
      e.targetType,
      e.targetId,
      e.details,
    ]);
    expect(entries.sort()).toEqual(
      [
        ['attachment', res.body.id, { store: 's3', blobKey: key }],
        ['recording', rec, { store: 's3', blobKey: recKey }],
      ].sort(),
    );
    expect(t.logs.text).toContain('blob missing from the store');
  });

  it('the store unreachable: uploads and downloads answer 503, nothing is half-written, deletions wait', async () => {
    const kept = await upload(PNG, 'kept.png').expect(201);
    const rec = await logCallWithAudio(t, w.engineer.auth, call(daysAgo(61)), wav(4000));
    const recKey = await audioKey(rec);
    const before = await objects();
    const rows = await count('SELECT count(*)::int AS n FROM attachments');
    await s3.stop();

    const conformance = new OpenApiConformance((await t.http().get('/api/docs-json').expect(200)).body);
    const routes = [
      'POST /api/tickets/{id}/attachments',
      'GET /api/tickets/{id}/attachments/{attachmentId}',
      'GET /api/recordings/{id}/audio',
      'PUT /api/recordings/{id}/audio',
    ];
    for (const [i, res] of [
      await upload(PNG, 'while-down.png'),
      await as(w.a1.auth).get(`/api/tickets/${ticketId}/attachments/${kept.body.id}`),
      await as(w.engineer.auth).get(`/api/recordings/${rec}/audio`).set('range', 'bytes=0-9'),
      await t
        .http()
        .put(`/api/recordings/${rec}/audio`)
        .set('authorization', w.engineer.auth)
        .set('content-type', 'audio/wav')
        .send(wav(4000)),
    ].entries()) {
      expect([res.status, res.body.message]).toEqual([503, 'File storage is unavailable; try again shortly']);
      expect(res.headers['retry-after']).toBe('5');
      conformance.check(routes[i], res);
    }
    expect(conformance.problems).toEqual([]);
    expect(await count('SELECT count(*)::int AS n FROM attachments')).toBe(rows);
    expect(await audioKey(rec)).toBe(recKey); // the recording still points at its audio

    // Retention deletes the expired recording's row; its object waits in the outbox, not given up on.
    const run = await retentionRun();
    expect(run.status).toBe('completed');
    const waiting = await t.db.query('SELECT attempts FROM blob_deletions WHERE blob_key = $1', [recKey]);
    expect(waiting.rows).toEqual([{ attempts: 0 }]);

    await s3.resume();
    expect(await objects()).toEqual(before); // nothing was written while it was down
    await t.app.get(BlobOutbox).drain();
    expect(await objects()).not.toContain(recKey);
    expect(await count('SELECT count(*)::int AS n FROM blob_deletions WHERE blob_key = $1', [recKey])).toBe(
      0,
    );
    await download(`/api/tickets/${ticketId}/attachments/${kept.body.id}`, w.a1.auth).expect(200);
  }, 60_000);

  it('an upload cut off mid-stream leaves no object and no row', async () => {
    const state = async () => [
      await objects(),
      await count('SELECT count(*)::int AS n FROM attachments'),
      await count('SELECT count(*)::int AS n FROM blob_deletions'),
    ];
    const before = await state();
    const boundary = 'cutoff';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n` +
        'Content-Type: image/png\r\n\r\n',
    );
    const address = new URL(t.baseUrl as string);
    const socket = connect(Number(address.port), address.hostname);
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      `POST /api/tickets/${ticketId}/attachments HTTP/1.1\r\nHost: ${address.host}\r\n` +
        `Authorization: ${w.a1.auth}\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
        `Content-Length: ${head.length + 60_000}\r\n\r\n`,
    );
    socket.write(head);
    socket.write(PNG.subarray(0, 2000)); // and then the line drops
    await new Promise((r) => setTimeout(r, 200));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(await state()).toEqual(before);
    expect(localFiles()).toBe(0);
  });

  it('keeps personal data out of the log', () => {
    for (const needle of [ROWAN.email, ROWAN.name, 'Alice Archer']) expect(t.logs.text).not.toContain(needle);
  });
});

/** The API as `npm start` runs it, refusing to start on a bucket or key the store does not accept. */
describe('starting against a misconfigured S3 store', () => {
  let s3: S3Server;
  let databaseUrl: string;

  beforeAll(async () => {
    s3 = await S3Server.start();
    const t = await startTestApp();
    databaseUrl = t.databaseUrl;
    await t.close();
  });
  afterAll(() => s3.close());

  it.each([
    [
      'a bucket that does not exist',
      { S3_BUCKET: 'no-such-bucket' },
      /S3_BUCKET: the store has no bucket named "no-such-bucket"/,
    ],
    [
      'an unknown access key',
      { S3_ACCESS_KEY_ID: 'NOT-A-KEY' },
      /S3_ACCESS_KEY_ID: the store does not know this access key/,
    ],
  ])(
    '%s: exits 78 naming the variable',
    async (_what, wrong, message) => {
      const { code, output } = await startApi(databaseUrl, s3.env(wrong));
      expect(code).toBe(78);
      expect(output).toMatch(message);
      expect(output).not.toContain(s3.secretAccessKey);
    },
    60_000,
  );
});

async function startApi(databaseUrl: string, env: Record<string, string>) {
  const root = join(__dirname, '../..');
  const api = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      SWC_NODE_PROJECT: 'apps/api/tsconfig.spec.json',
      DATABASE_URL: databaseUrl,
      HUSHDESK_DEMO: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'hushdesk-s3-start-')),
      JOBS_ENABLED: '0',
      WEB_DIST_DIR: join(root, 'dist/apps/web'),
      ...env,
    },
  });
  let output = '';
  api.stdout?.on('data', (d) => (output += String(d)));
  api.stderr?.on('data', (d) => (output += String(d)));
  const timer = setTimeout(() => api.kill('SIGKILL'), 50_000);
  const code = await new Promise<number | null>((resolve) => api.once('exit', resolve));
  clearTimeout(timer);
  return { code, output };
}
