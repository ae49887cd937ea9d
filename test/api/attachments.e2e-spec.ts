import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { OwnedBlobs } from '../../apps/api/src/blobs/owned-blobs.service';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { BlobOutbox } from '../../apps/api/src/retention/blob-outbox.service';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from(
    '0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
    'hex',
  ),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const MAX = 64 * 1024;

function blobFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('attachments', () => {
  let t: TestApp;
  let w: World;
  let ticketId: string;
  let blobDir: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ATTACHMENT_MAX_BYTES: String(MAX) } });
    w = await buildWorld(t);
    blobDir = t.app.get(AppConfig).blobDir;
    const res = await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send({ type: 'fault', subject: 'Router dead', description: 'No lights at all.' })
      .expect(201);
    ticketId = res.body.id;
  });
  afterAll(() => t.close());

  const upload = (auth: string, bytes: Buffer, name: string, id = ticketId) =>
    t.http().post(`/api/tickets/${id}/attachments`).set('authorization', auth).attach('file', bytes, name);
  const rows = async () => (await t.db.query('SELECT count(*)::int AS n FROM attachments')).rows[0].n;

  it('stores an upload by its content type and serves it back as a download, to those who can see the ticket', async () => {
    const res = await upload(w.a1.auth, PNG, 'router-lights.png').expect(201);
    expect(res.body).toMatchObject({
      ticketId,
      fileName: 'router-lights.png',
      contentType: 'image/png',
      sizeBytes: PNG.length,
      uploadedBy: { id: w.a1.id, name: 'Alice Archer' },
    });
    const url = `/api/tickets/${ticketId}/attachments/${res.body.id}`;
    for (const who of [w.a1, w.engineer, w.dpo]) {
      const dl = await t
        .http()
        .get(url)
        .set('authorization', who.auth)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(Buffer.compare(dl.body as Buffer, PNG)).toBe(0);
      expect(dl.headers['content-type']).toBe('image/png');
      expect(dl.headers['content-disposition']).toBe(
        `attachment; filename="router-lights.png"; filename*=UTF-8''router-lights.png`,
      );
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
    }
    await t.http().get(url).set('authorization', w.b1.auth).expect(404);
    await t.http().get(url).set('authorization', w.a2.auth).expect(404);
    await t.http().get(url).expect(401);
    const list = await t
      .http()
      .get(`/api/tickets/${ticketId}/attachments`)
      .set('authorization', w.engineer.auth)
      .expect(200);
    expect(list.body.map((a: { id: string }) => a.id)).toContain(res.body.id);
    await t.http().get(`/api/tickets/${ticketId}/attachments`).set('authorization', w.b1.auth).expect(404);
  });

  it('accepts PDFs and plain-text logs', async () => {
    await upload(w.engineer.auth, PDF, 'quote.pdf').expect(201);
    const log = await upload(
      w.engineer.auth,
      Buffer.from('12:00 link down\n12:05 link up\n'),
      'router.log',
    ).expect(201);
    expect(log.body.contentType).toBe('text/plain');
  });

  it.each([
    [EXE, 'setup.exe', /not accepted/],
    [EXE, 'photo.png', /not accepted/],
    [Buffer.from('<script>alert(1)</script>'), 'photo.png', /does not match its name/],
    [PNG, 'notes.txt', /does not match its name/],
    [Buffer.alloc(0), 'empty.txt', /empty/],
  ])(
    'refuses a disallowed or lying file (%#) with 400 naming the file, leaving no row or blob',
    async (bytes, name, message) => {
      const [beforeRows, beforeBlobs] = [await rows(), blobFiles(blobDir).length];
      const res = await upload(w.a1.auth, bytes as Buffer, name as string).expect(400);
      expect(res.body.fields).toHaveProperty('file');
      expect(res.body.message).toMatch(message as RegExp);
      expect(await rows()).toBe(beforeRows);
      expect(blobFiles(blobDir).length).toBe(beforeBlobs);
    },
  );

  it('a file whose row was never written (the API died in between) is deleted by the drain after the hour', async () => {
    const outbox = t.app.get(BlobOutbox);
    const before = blobFiles(blobDir).length;
    // What an upload leaves when the process dies after writing the bytes, before the row.
    const key = await t.app.get(OwnedBlobs).write(Buffer.from('router log of a customer'));
    expect(blobFiles(blobDir)).toHaveLength(before + 1);
    await outbox.drain();
    expect(blobFiles(blobDir)).toHaveLength(before + 1); // an upload may still be finishing
    await t.db.query(
      "UPDATE blob_deletions SET not_before = now() - interval '1 second' WHERE blob_key = $1",
      [key],
    );
    await outbox.drain();
    expect(blobFiles(blobDir)).toHaveLength(before);

    // A completed upload leaves nothing queued.
    const res = await upload(w.a1.auth, Buffer.from('sync lost at 09:14\n'), 'sync.txt').expect(201);
    const [{ blob_key }] = (await t.db.query('SELECT blob_key FROM attachments WHERE id = $1', [res.body.id]))
      .rows;
    const queued = await t.db.query('SELECT 1 FROM blob_deletions WHERE blob_key = $1', [blob_key]);
    expect(queued.rows).toHaveLength(0);
  });

  it('refuses an upload over the size limit with 413, leaving no row or blob', async () => {
    const [beforeRows, beforeBlobs] = [await rows(), blobFiles(blobDir).length];
    const big = Buffer.alloc(MAX + 1, 'a');
    const res = await upload(w.a1.auth, big, 'huge.txt').expect(413);
    expect(res.body.message).toMatch(/larger than/);
    expect(await rows()).toBe(beforeRows);
    expect(blobFiles(blobDir).length).toBe(beforeBlobs);
  });

  it('strips paths and control characters from file names, and keeps unicode', async () => {
    const res = await upload(w.a1.auth, Buffer.from('hello'), '../../etc/\u0007passwd.txt').expect(201);
    expect(res.body.fileName).toBe('passwd.txt');
    const unicode = await upload(w.a1.auth, Buffer.from('hej'), 'Åsa’s notes.txt').expect(201);
    const dl = await t
      .http()
      .get(`/api/tickets/${ticketId}/attachments/${unicode.body.id}`)
      .set('authorization', w.a1.auth)
      .expect(200);
    expect(dl.headers['content-disposition']).toContain("filename*=UTF-8''%C3%85sa%E2%80%99s%20notes.txt");
  });

  it('removes the blob again when the row cannot be written', async () => {
    const [beforeRows, beforeBlobs] = [await rows(), blobFiles(blobDir).length];
    await t.db.query("ALTER TABLE attachments ADD CONSTRAINT ck_test_fail CHECK (file_name <> 'fail.txt')");
    try {
      await upload(w.a1.auth, Buffer.from('x'), 'fail.txt').expect(500);
    } finally {
      await t.db.query('ALTER TABLE attachments DROP CONSTRAINT ck_test_fail');
    }
    expect(await rows()).toBe(beforeRows);
    expect(blobFiles(blobDir).length).toBe(beforeBlobs);
  });

  it('refuses uploads from others and without a file', async () => {
    await upload(w.b1.auth, PNG, 'x.png').expect(404);
    await upload(w.dpo.auth, PNG, 'x.png').expect(403);
    await t.http().post(`/api/tickets/${ticketId}/attachments`).attach('file', PNG, 'x.png').expect(401);
    const none = await t
      .http()
      .post(`/api/tickets/${ticketId}/attachments`)
      .set('authorization', w.a1.auth)
      .send({})
      .expect(400);
    expect(none.body.fields).toHaveProperty('file');
    const wrongField = await t
      .http()
      .post(`/api/tickets/${ticketId}/attachments`)
      .set('authorization', w.a1.auth)
      .attach('upload', PNG, 'x.png')
      .expect(400);
    expect(wrongField.body.fields).toHaveProperty('file');
  });

  it('a file gone from the disk under its row: 404 saying so, and a blob.missing entry in the audit trail', async () => {
    const res = await upload(w.a1.auth, PNG, 'gone.png').expect(201);
    const [{ blob_key: key }] = (
      await t.db.query('SELECT blob_key FROM attachments WHERE id = $1', [res.body.id])
    ).rows;
    rmSync(join(blobDir, key.slice(0, 2), key.slice(2, 4), key));
    const missing = await t
      .http()
      .get(`/api/tickets/${ticketId}/attachments/${res.body.id}`)
      .set('authorization', w.a1.auth)
      .expect(404);
    expect(missing.body.message).toBe(
      "The attachment's file is missing from storage; an administrator has been told",
    );
    const trail = await t
      .http()
      .get('/api/audit?action=blob.missing')
      .set('authorization', w.admin.auth)
      .expect(200);
    expect(trail.body.items).toEqual([
      expect.objectContaining({
        actorId: w.a1.id,
        targetType: 'attachment',
        targetId: res.body.id,
        details: { store: 'fs', blobKey: key },
      }),
    ]);
  });
});
