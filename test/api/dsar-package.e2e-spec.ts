import type { DsarDetail } from '@hushdesk/api-client';
import { unzipSync } from 'fflate';
import { createHash, randomFillSync } from 'node:crypto';
import { mkdirSync, readdirSync, readlinkSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { asBuffer, wav } from '../support/files';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';
import { logCallWithAudio } from '../support/recordings';

// The subject: three calls with audio, a picture and a text file on her own ticket.
const ROWAN = { name: 'Rowan Tremaine', email: 'rowan.tremaine@acme-telecom.test', phone: '07700 900321' };
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(5000, 3),
]);
const CALLS = 3;

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const hour = 3_600_000;

describe('DSAR packages, built and sent as streams', () => {
  let t: TestApp;
  let w: World;
  let rowan: { auth: string; personId: string };
  let scratchDir: string;
  let dataDir: string;
  let requestId: string;
  const audio: Buffer[] = [];

  const as = (auth: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('authorization', auth).send(body),
  });
  const dpo = () => as(w.dpo.auth);

  /** Every file under DATA_DIR that is a scratch or half-written file. */
  const leftovers = (dir = dataDir): string[] =>
    readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && (e.name.endsWith('.part') || e.parentPath === scratchDir))
      .map((e) => join(e.parentPath, e.name));
  /** This process's open descriptors on files under DATA_DIR. */
  const openFiles = (): string[] =>
    readdirSync('/proc/self/fd')
      .map((fd) => {
        try {
          return readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return '';
        }
      })
      .filter((target) => target.startsWith(scratchDir));
  const blobFiles = () =>
    readdirSync(join(dataDir, 'blobs'), { withFileTypes: true, recursive: true }).filter((e) => e.isFile())
      .length;

  async function collected(id: string): Promise<DsarDetail> {
    await dpo().post(`/api/dsar/${id}/collect`).expect(202);
    for (let i = 0; i < 200; i++) {
      const res = await dpo().get(`/api/dsar/${id}`).expect(200);
      if (res.body.status !== 'collecting') return res.body;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('collection did not finish');
  }

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    w = await buildWorld(t);
    dataDir = t.app.get(AppConfig).dataDir;
    scratchDir = join(t.app.get(AppConfig).blobDir, 'tmp');
    const user = await createUser(t, 'customer', {
      fullName: ROWAN.name,
      email: ROWAN.email,
      organisationId: w.orgA,
    });
    rowan = { auth: await bearerFor(t, ROWAN.email), personId: user.personId };
    await t
      .http()
      .patch(`/api/people/${user.personId}`)
      .set('authorization', rowan.auth)
      .send({ phone: ROWAN.phone })
      .expect(200);
    const ticket = await as(rowan.auth)
      .post('/api/tickets', { type: 'fault', subject: 'Line drops calls', description: 'Since Friday.' })
      .expect(201);
    for (const [bytes, name] of [
      [PNG, 'line-test.png'],
      [Buffer.from(`line test by ${ROWAN.email}\n`), 'notes.txt'],
    ] as const) {
      await t
        .http()
        .post(`/api/tickets/${ticket.body.id}/attachments`)
        .set('authorization', rowan.auth)
        .attach('file', bytes, name)
        .expect(201);
    }
    for (let i = 0; i < CALLS; i++) {
      // 5 MB each, so a package is larger than what the sockets between server and client buffer.
      const bytes = wav(2_500_000);
      randomFillSync(bytes, 44);
      audio.push(bytes);
      const call = {
        callerNumber: '+44 7700 900321',
        direction: 'inbound' as const,
        startedAt: new Date(Date.now() - (i + 1) * hour).toISOString(),
        durationSeconds: 300,
      };
      await logCallWithAudio(t, w.engineer.auth, call, bytes);
    }
    // Asked from the portal, so Rowan can fetch the released package signed in.
    requestId = (await as(rowan.auth).post('/api/dsar', { kind: 'access' }).expect(201)).body.id;
    expect((await collected(requestId)).status).toBe('in_review');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true }); // 15 MB of audio
  });

  it('exports every entry, each recording byte for byte, and leaves no scratch file', async () => {
    const res = await dpo()
      .get(`/api/dsar/${requestId}/export?format=zip`)
      .buffer(true)
      .parse(asBuffer)
      .expect(200)
      .expect('content-type', 'application/zip')
      .expect(
        'content-disposition',
        /^attachment; filename="DSAR-\d{6}\.zip"; filename\*=UTF-8''DSAR-\d{6}\.zip$/,
      );
    const body = res.body as Buffer;
    expect(Number(res.headers['content-length'])).toBe(body.length);
    const files = unzipSync(new Uint8Array(body));
    const names = Object.keys(files);
    const data = JSON.parse(Buffer.from(files['data.json']).toString('utf8'));
    const listed = (data.items as { file: string | null }[]).flatMap((i) => (i.file ? [i.file] : []));
    expect(names.slice(0, 3)).toEqual(['data.json', 'schema.json', 'report.html']);
    expect([...names].sort()).toEqual(['data.json', 'schema.json', 'report.html', ...listed].sort());
    const recordings = names.filter((n) => n.startsWith('audio/'));
    expect(recordings.map((n) => sha(files[n])).sort()).toEqual(audio.map(sha).sort());
    const png = names.find((n) => n.endsWith('.png')) as string;
    expect(Buffer.from(files[png]).equals(PNG)).toBe(true);
    const text = names.find((n) => n.endsWith('.redacted.txt')) as string;
    expect(Buffer.from(files[text]).toString('utf8')).toContain(ROWAN.email);

    // The same data as the JSON export, apart from when it was generated.
    const json = await dpo().get(`/api/dsar/${requestId}/export?format=json`).expect(200);
    const fresh = JSON.parse(json.text);
    delete fresh.request.generatedAt;
    delete data.request.generatedAt;
    expect(data).toEqual(fresh);
    expect(leftovers()).toEqual([]);
    expect(openFiles()).toEqual([]);
  });

  it('a client that hangs up mid-download leaves no file behind and none open', async () => {
    const url = `${t.baseUrl}/api/dsar/${requestId}/export?format=zip`;
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      httpGet(url, { headers: { authorization: w.dpo.auth } }, resolve).on('error', reject),
    );
    expect(res.statusCode).toBe(200);
    // Not reading: the server is held mid-file, reading a file whose name is already gone.
    await new Promise((r) => setTimeout(r, 200));
    expect(leftovers()).toEqual([]);
    expect(openFiles()).toEqual([expect.stringMatching(/\.part \(deleted\)$/)]);
    res.destroy();
    for (let i = 0; i < 100 && openFiles().length; i++) await new Promise((r) => setTimeout(r, 20));
    expect(openFiles()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('sweeps scratch files a crashed build left an hour ago, and not younger ones', async () => {
    mkdirSync(scratchDir, { recursive: true });
    const crashed = join(scratchDir, 'crashed.part');
    const young = join(scratchDir, 'another-instance.part');
    writeFileSync(crashed, 'half a package');
    writeFileSync(young, 'half a package');
    const then = new Date(Date.now() - 2 * hour);
    utimesSync(crashed, then, then);
    await dpo().get(`/api/dsar/${requestId}/export?format=zip`).buffer(true).parse(asBuffer).expect(200);
    expect(leftovers()).toEqual([young]);
    rmSync(young);
  });

  it('releases from the scratch file: the size stored is the file’s, and every way out gives its bytes', async () => {
    const released = await dpo().post(`/api/dsar/${requestId}/release`).expect(200);
    expect(leftovers()).toEqual([]);
    const [row] = (
      await t.db.query('SELECT blob_key, size_bytes FROM dsar_releases WHERE dsar_id = $1', [requestId])
    ).rows;
    const link = await as(rowan.auth)
      .get(released.body.downloadPath)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    const zip = link.body as Buffer;
    expect(Number(row.size_bytes)).toBe(zip.length);
    expect(Number(link.headers['content-length'])).toBe(zip.length);
    const files = unzipSync(new Uint8Array(zip));
    expect(
      Object.keys(files)
        .filter((n) => n.startsWith('audio/'))
        .map((n) => sha(files[n]))
        .sort(),
    ).toEqual(audio.map(sha).sort());

    // Signed in, Rowan gets the very same package, and its data.json read out of it.
    const portal = await as(rowan.auth)
      .get(`/api/dsar/${requestId}/export?format=zip`)
      .buffer(true)
      .parse(asBuffer)
      .expect(200)
      .expect('content-type', 'application/zip');
    expect((portal.body as Buffer).equals(zip)).toBe(true);
    const json = await as(rowan.auth)
      .get(`/api/dsar/${requestId}/export?format=json`)
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(json.text).toBe(Buffer.from(files['data.json']).toString('utf8'));
    await as(rowan.auth).get(`/api/dsar/${requestId}/export?format=csv`).expect(400);
    const trail = await dpo().get(`/api/audit?action=dsar.download`).expect(200);
    expect(trail.body.items.filter((e: { targetId: string }) => e.targetId === requestId)).toHaveLength(4);
    expect(openFiles()).toEqual([]);
  });

  it('a build that fails part-way leaves no scratch file, no package and no release', async () => {
    const again = await dpo()
      .post('/api/dsar', { kind: 'access', subject: { email: ROWAN.email }, channel: 'email' })
      .expect(201);
    const id = again.body.id;
    await dpo().post(`/api/dsar/${id}/verify`, { method: 'id_document' }).expect(200);
    expect((await collected(id)).status).toBe('in_review');
    // One recording's audio has gone from the disk under the request.
    const [{ audio_blob_key: key }] = (
      await t.db.query('SELECT audio_blob_key FROM recordings WHERE audio_blob_key IS NOT NULL LIMIT 1')
    ).rows;
    rmSync(join(dataDir, 'blobs', key.slice(0, 2), key.slice(2, 4), key));
    const before = blobFiles();

    const failed = await dpo().get(`/api/dsar/${id}/export?format=zip`).expect(404);
    expect(failed.body.message).toMatch(/missing from storage; an administrator has been told/);
    await dpo().post(`/api/dsar/${id}/release`).expect(404);
    expect(leftovers()).toEqual([]);
    expect(openFiles()).toEqual([]);
    expect(blobFiles()).toBe(before);
    expect((await t.db.query('SELECT 1 FROM dsar_releases WHERE dsar_id = $1', [id])).rows).toEqual([]);
    expect((await dpo().get(`/api/dsar/${id}`).expect(200)).body.status).toBe('in_review');
    for (const text of [JSON.stringify(failed.body), t.logs.text]) {
      expect(text).not.toContain(ROWAN.email);
      expect(text).not.toContain(ROWAN.name);
    }
  });
});
