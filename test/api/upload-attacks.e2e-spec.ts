import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { asBuffer, wav } from '../support/files';
import { changedTables, rowCounts } from '../support/fuzz/row-counts';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * Upload attacks (issue 8): a zip bomb, a polyglot, path tricks and control characters in names,
 * lying content types and oversize bodies, against every upload: ticket attachments (multipart),
 * call audio and DSAR evidence (raw bodies) and the call-log import (text/csv). A refusal must be a
 * 4xx naming the problem and leave no row and no blob behind; what is accepted is stored under its
 * sniffed type, with a sanitised name, and served back as a download that no browser will render.
 */

const MAX = 256 * 1024; // ATTACHMENT_MAX_BYTES for this file, so oversize bodies stay cheap

/** A one-entry zip whose entry inflates from a few KB to `inflated` bytes of zeros. */
function zipBomb(inflated: number, name = 'zeros.bin'): Buffer {
  const data = deflateRawSync(Buffer.alloc(inflated), { level: 9 });
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(inflated, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(inflated, 24);
  central.writeUInt16LE(fileName.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + fileName.length, 12);
  end.writeUInt32LE(30 + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HTML = '<html><body><script>fetch("/api/auth/me").then(r=>r.text()).then(alert)</script></body></html>';
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126, 0x90), Buffer.from('PE\0\0')]);

/** Every file under a directory, recursively, with its size. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(`${path}:${statSync(path).size}`);
  }
  return out.sort();
}

describe('upload attacks', () => {
  let t: TestApp;
  let w: World;
  let dataDir: string;
  let ticketId: string;
  let recordingId: string;
  let dsarId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { ATTACHMENT_MAX_BYTES: String(MAX) } });
    w = await buildWorld(t);
    dataDir = t.app.get(AppConfig).dataDir;
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send({ type: 'fault', subject: 'Router logs', description: 'Logs attached' })
      .expect(201);
    ticketId = ticket.body.id;
    const recording = await t
      .http()
      .post('/api/recordings')
      .set('authorization', w.engineer.auth)
      .send({
        callerNumber: '07700 900123',
        direction: 'inbound',
        startedAt: new Date().toISOString(),
        durationSeconds: 30,
      })
      .expect(201);
    recordingId = recording.body.id;
    const dsar = await t
      .http()
      .post('/api/dsar')
      .set('authorization', w.dpo.auth)
      .send({
        kind: 'access',
        subject: { personId: w.a1.personId },
        requester: { relation: 'third_party', name: 'A solicitor' },
      })
      .expect(201);
    dsarId = dsar.body.id ?? dsar.body.request?.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  /** The upload is refused with a 4xx in the error shape, and no row, blob or evidence appears. */
  async function refused(
    send: () => Promise<{ status: number; body: Record<string, unknown> }>,
    statuses: number[],
    problem: RegExp,
  ) {
    const before = await rowCounts(t.db);
    const blobsBefore = filesUnder(dataDir);
    const evidenceBefore = await t.db.query('SELECT evidence_blob_key FROM dsar_requests WHERE id = $1', [
      dsarId,
    ]);
    const audioBefore = await t.db.query('SELECT audio_blob_key FROM recordings WHERE id = $1', [
      recordingId,
    ]);
    const res = await send();
    expect({
      status: res.status,
      statusAllowed: statuses.includes(res.status),
      message: res.body.message,
    }).toEqual({
      status: res.status,
      statusAllowed: true,
      message: expect.stringMatching(problem),
    });
    expect(res.body.correlationId).toEqual(expect.any(String));
    expect(changedTables(before, await rowCounts(t.db))).toEqual([]);
    expect(filesUnder(dataDir)).toEqual(blobsBefore);
    expect(
      (await t.db.query('SELECT evidence_blob_key FROM dsar_requests WHERE id = $1', [dsarId])).rows,
    ).toEqual(evidenceBefore.rows);
    expect(
      (await t.db.query('SELECT audio_blob_key FROM recordings WHERE id = $1', [recordingId])).rows,
    ).toEqual(audioBefore.rows);
  }

  const attach = (bytes: Buffer, filename: string, contentType?: string) =>
    t
      .http()
      .post(`/api/tickets/${ticketId}/attachments`)
      .set('authorization', w.engineer.auth)
      .attach('file', bytes, contentType ? { filename, contentType } : filename);

  const evidence = (bytes: Buffer, contentType: string, fileName = 'authority.pdf') =>
    t
      .http()
      .put(`/api/dsar/${dsarId}/evidence`)
      .set('authorization', w.dpo.auth)
      .set('content-type', contentType)
      .set('x-file-name', fileName)
      .send(bytes);

  describe('a zip bomb', () => {
    // 200 MB of zeros in about 200 KB: the server must never inflate it.
    const bomb = zipBomb(200 * 1024 * 1024);

    it('is refused as an attachment under any name, in bounded time and memory', async () => {
      expect(bomb.length).toBeLessThan(MAX);
      const rss = process.memoryUsage().rss;
      const started = Date.now();
      for (const name of ['logs.zip', 'report.docx', 'sheet.xlsx', 'notes.txt', 'photo.png']) {
        await refused(
          () => attach(bomb, name),
          [400, 415],
          /file (type is not accepted|content does not match)/,
        );
      }
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
    });

    it('is refused as DSAR evidence, as call audio and as a call log', async () => {
      await refused(
        () => evidence(bomb, 'application/pdf'),
        [400, 415],
        /evidence content is not application\/pdf/,
      );
      await refused(
        () =>
          t
            .http()
            .put(`/api/recordings/${recordingId}/audio`)
            .set('authorization', w.engineer.auth)
            .set('content-type', 'audio/wav')
            .send(bomb),
        [400, 415],
        /audio is not audio/,
      );
      await refused(
        () =>
          t
            .http()
            .post('/api/recordings/import')
            .set('authorization', w.engineer.auth)
            .set('content-type', 'text/csv')
            .send(bomb.toString('latin1')),
        [400, 415],
        /./,
      );
    });
  });

  describe('a polyglot', () => {
    it('PNG bytes that are also HTML are stored as image/png and only ever served as a download', async () => {
      const polyglot = Buffer.concat([PNG_SIGNATURE, Buffer.from(HTML)]);
      const up = await attach(polyglot, 'innocent.png', 'text/html').expect(201);
      expect(up.body.contentType).toBe('image/png');
      const down = await t
        .http()
        .get(`/api/tickets/${ticketId}/attachments/${up.body.id}`)
        .set('authorization', w.a1.auth)
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      expect(down.headers['content-type']).toBe('image/png');
      expect(down.headers['content-disposition']).toMatch(/^attachment;/);
      expect(down.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(down.body as Buffer, polyglot)).toBe(0);
    });

    it('HTML in a .txt file is served as text/plain, as a download', async () => {
      const up = await attach(Buffer.from(HTML), 'readme.txt', 'text/html').expect(201);
      expect(up.body.contentType).toBe('text/plain');
      const down = await t
        .http()
        .get(`/api/tickets/${ticketId}/attachments/${up.body.id}`)
        .set('authorization', w.a1.auth)
        .expect(200);
      expect(down.headers['content-type']).not.toMatch(/html/);
      expect(down.headers['content-disposition']).toMatch(/^attachment;/);
      expect(down.headers['x-content-type-options']).toBe('nosniff');
    });

    it('HTML named .html, .svg or .htm is refused', async () => {
      for (const name of ['page.html', 'icon.svg', 'x.htm', 'x.png.html']) {
        await refused(
          () => attach(Buffer.from(HTML), name),
          [400, 415],
          /file content does not match its name/,
        );
      }
    });
  });

  describe('file names', () => {
    const hostileNames = [
      '../../../../etc/passwd.txt',
      '..\\..\\windows\\win.ini.txt',
      '/etc/shadow.txt',
      'C:\\Windows\\system32\\evil.txt',
      'nul\u0000byte.txt',
      'bell\u0007\u001b[31mred\r\nSet-Cookie: x=1.txt',
      '\u202etxt.exe',
      `${'n'.repeat(5000)}.txt`,
      '....txt',
      '"quoted"; filename=evil.txt',
    ];

    it('are sanitised when stored, and nothing lands outside DATA_DIR', async () => {
      const parent = dirname(dataDir);
      const siblingsBefore = readdirSync(parent).filter((n) => /passwd|shadow|win\.ini|evil/.test(n));
      for (const name of hostileNames) {
        const res = await attach(Buffer.from('a harmless log line\n'), name);
        expect([201, 400, 415]).toContain(res.status);
        if (res.status !== 201) continue;
        const stored: string = res.body.fileName;
        // eslint-disable-next-line no-control-regex -- control characters are what must be gone
        expect(stored).not.toMatch(/[/\\]|[\u0000-\u001f\u007f"]/);
        expect(stored.startsWith('.')).toBe(false);
        expect(stored.length).toBeLessThanOrEqual(255);
        const down = await t
          .http()
          .get(`/api/tickets/${ticketId}/attachments/${res.body.id}`)
          .set('authorization', w.engineer.auth)
          .expect(200);
        expect(down.headers['content-disposition']).toMatch(
          /^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''/,
        );
        expect(down.headers['set-cookie']).toBeUndefined();
      }
      // Every blob lies in the blob store's shards; no name the caller chose appears on disk.
      for (const file of filesUnder(dataDir)) {
        expect(file).not.toMatch(/passwd|shadow|win\.ini|evil|\.\./);
      }
      expect(readdirSync(parent).filter((n) => /passwd|shadow|win\.ini|evil/.test(n))).toEqual(
        siblingsBefore,
      );
    });

    it('in DSAR evidence are sanitised too', async () => {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
      await evidence(pdf, 'application/pdf', '../../../../tmp/evil\t.pdf').expect(200);
      const { rows } = await t.db.query('SELECT evidence_file_name FROM dsar_requests WHERE id = $1', [
        dsarId,
      ]);
      // eslint-disable-next-line no-control-regex -- control characters are what must be gone
      expect(rows[0].evidence_file_name).not.toMatch(/[/\\]|[\u0000-\u001f]/);
    });
  });

  describe('a lying Content-Type', () => {
    it('an attachment declared image/png is refused when its bytes are an EXE, an ELF or HTML', async () => {
      for (const [bytes, name] of [
        [EXE, 'photo.png'],
        [ELF, 'photo.png'],
        [EXE, 'setup.exe'],
        [Buffer.from(HTML), 'photo.png'],
      ] as const) {
        await refused(
          () => attach(bytes, name, 'image/png'),
          [400, 415],
          /file (type is not accepted|content does not match)/,
        );
      }
    });

    it('call audio declared audio/mpeg is refused when it is text, HTML or an EXE', async () => {
      for (const bytes of [Buffer.from('just some text, not audio'), Buffer.from(HTML), EXE]) {
        await refused(
          () =>
            t
              .http()
              .put(`/api/recordings/${recordingId}/audio`)
              .set('authorization', w.engineer.auth)
              .set('content-type', 'audio/mpeg')
              .send(bytes),
          [400, 415],
          /audio is not audio/,
        );
      }
    });

    it('DSAR evidence declared image/png, image/jpeg or application/pdf is refused when the bytes disagree', async () => {
      await refused(() => evidence(EXE, 'image/png'), [400], /evidence content is not image\/png/);
      await refused(
        () => evidence(Buffer.from(HTML), 'image/jpeg'),
        [400],
        /evidence content is not image\/jpeg/,
      );
      await refused(
        () => evidence(ELF, 'application/pdf'),
        [400],
        /evidence content is not application\/pdf/,
      );
      await refused(
        () => evidence(Buffer.concat([PNG_SIGNATURE, Buffer.from(HTML)]), 'application/pdf'),
        [400],
        /not application\/pdf/,
      );
    });

    it('a call log with a NUL byte or binary content is refused, not a 500', async () => {
      const header = 'call_id,caller_number,direction,started_at,duration_seconds,ticket_reference,notes\n';
      for (const body of [
        `${header}c1,07700 900123,inbound,2026-01-01T10:00:00Z,30,,note\u0000here\n`,
        ELF.toString('latin1'),
      ]) {
        const before = await rowCounts(t.db);
        const res = await t
          .http()
          .post('/api/recordings/import')
          .set('authorization', w.engineer.auth)
          .set('content-type', 'text/csv')
          .send(body);
        expect(res.status).toBeLessThan(500);
        if (res.status === 200) expect(res.body.imported).toBe(0);
        expect(
          changedTables(before, await rowCounts(t.db)).filter((c) => !c.startsWith('audit_log')),
        ).toEqual([]);
      }
    });
  });

  describe('oversize bodies', () => {
    it('are refused with 413 on every upload', async () => {
      const big = Buffer.alloc(MAX + 1024, 0x61);
      await refused(() => attach(big, 'big.txt'), [413], /larger than/);
      await refused(
        () => evidence(Buffer.concat([Buffer.from('%PDF-1.4\n'), big]), 'application/pdf'),
        [413],
        /too large|larger than/,
      );
      await refused(
        () =>
          t
            .http()
            .post(`/api/tickets/${ticketId}/messages`)
            .set('authorization', w.engineer.auth)
            .set('content-type', 'application/json')
            .send(JSON.stringify({ body: 'x'.repeat(1024 * 1024 + 10), visibility: 'public' })),
        [413],
        /too large|larger than/,
      );
    });

    it('leave the upload routes working afterwards', async () => {
      await attach(Buffer.from('still fine\n'), 'after.txt').expect(201);
      await t
        .http()
        .put(`/api/recordings/${recordingId}/audio`)
        .set('authorization', w.engineer.auth)
        .set('content-type', 'audio/wav')
        .send(wav())
        .expect(200);
    });
  });
});
