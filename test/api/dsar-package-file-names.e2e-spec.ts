import type { DsarItem } from '@hushdesk/api-client';
import { unzipSync } from 'fflate';
import { asBuffer } from '../support/files';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';
import { waitForDsar } from '../support/dsar';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(200, 7),
]);
// Names other people gave their files: each tells something about someone else.
const STAFF_TEXT = 'Alex-Morgan-disciplinary-notes.txt';
const STAFF_PICTURE = 'Alex-Morgan-appraisal-scan.png';
const OTHER_CUSTOMER = 'Arthur-Ames-payslip-march.txt';
const TELLING = /alex|morgan|disciplinary|appraisal|arthur|payslip/i;
// The subject's own files keep the names they gave them.
const OWN_TEXT = 'my-router-syslog.txt';
const OWN_PICTURE = 'my-line-test.png';

/**
 * A DSAR package leaves Hushdesk, so the `attachment.fileName` policy applies to it as the
 * subject (a customer) sees it: files uploaded by staff or by other people on the subject's
 * tickets, or on tickets that mention them, travel under a neutral name in every part of the
 * package (ZIP entry names, data.json, report.html); the subject's own uploads keep theirs.
 */
describe('DSAR package file names follow the attachment.fileName policy', () => {
  let t: TestApp;
  let w: World;
  let requestId: string;

  const as = (auth: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('authorization', auth).send(body),
  });
  const dpo = () => as(w.dpo.auth);
  const upload = (auth: string, ticketId: string, name: string, bytes: Buffer) =>
    t
      .http()
      .post(`/api/tickets/${ticketId}/attachments`)
      .set('authorization', auth)
      .attach('file', bytes, name)
      .expect(201);
  const zipOf = (body: Buffer) => unzipSync(new Uint8Array(body));
  const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const own = await as(w.a1.auth)
      .post('/api/tickets', { type: 'fault', subject: 'Router reboots', description: 'Every night.' })
      .expect(201);
    await upload(w.a1.auth, own.body.id, OWN_TEXT, Buffer.from('reboot at 02:00\n'));
    await upload(w.a1.auth, own.body.id, OWN_PICTURE, PNG);
    await upload(w.engineer.auth, own.body.id, STAFF_TEXT, Buffer.from('router checked\n'));
    await upload(w.engineer.auth, own.body.id, STAFF_PICTURE, PNG);
    // Another customer's ticket whose file mentions the subject: found by the mention.
    const theirs = await as(w.a2.auth)
      .post('/api/tickets', {
        type: 'service_request',
        subject: 'New mailbox',
        description: 'For a starter.',
      })
      .expect(201);
    await upload(
      w.a2.auth,
      theirs.body.id,
      OTHER_CUSTOMER,
      Buffer.from(`Please copy ${w.a1.email} on this.\n`),
    );

    requestId = (await as(w.a1.auth).post('/api/dsar', { kind: 'access' }).expect(201)).body.id;
    await dpo().post(`/api/dsar/${requestId}/collect`).expect(202);
    await waitForDsar(t, w.dpo.auth, requestId, (d) => d.status === 'in_review');
  });
  afterAll(() => t.close());

  it('the DPO reviews every file, named as her own policy lets her see it', async () => {
    const items = (await dpo().get(`/api/dsar/${requestId}/items?limit=100`).expect(200)).body
      .items as DsarItem[];
    const titles = items.filter((i) => i.type === 'attachment').map((i) => i.title);
    expect(titles).toHaveLength(5);
    // Staff see file names in clear by default, so the review is unchanged for her.
    for (const name of [STAFF_TEXT, STAFF_PICTURE, OTHER_CUSTOMER, OWN_TEXT, OWN_PICTURE]) {
      expect(titles.some((title) => title.endsWith(`: ${name}`))).toBe(true);
    }
  });

  it('the ZIP carries no other person’s file name, in entry names, data.json or report.html', async () => {
    const res = await dpo()
      .get(`/api/dsar/${requestId}/export?format=zip`)
      .buffer(true)
      .parse(asBuffer)
      .expect(200);
    const files = zipOf(res.body as Buffer);
    const names = Object.keys(files);
    expect(names.filter((n) => TELLING.test(n))).toEqual([]);
    for (const [name, bytes] of Object.entries(files)) {
      if (name.endsWith('.png')) continue;
      expect({ name, found: text(bytes).match(TELLING)?.[0] ?? null }).toEqual({ name, found: null });
    }
    // Every file is still there, under a neutral name with its extension.
    const attachments = names.filter((n) => n.startsWith('attachments/'));
    expect(attachments).toHaveLength(5);
    expect(attachments.filter((n) => /attachment-[0-9a-f]{8}\.png$/.test(n))).toHaveLength(1);
    expect(attachments.filter((n) => /attachment-[0-9a-f]{8}\.txt\.redacted\.txt$/.test(n))).toHaveLength(2);
    // The subject's own files keep their names.
    expect(attachments.some((n) => n.endsWith(`-${OWN_PICTURE}`))).toBe(true);
    expect(attachments.some((n) => n.endsWith(`-${OWN_TEXT}.redacted.txt`))).toBe(true);
    const data = JSON.parse(text(files['data.json']));
    const records = (data.items as { type: string; title: string; record: { fileName: string } }[]).filter(
      (i) => i.type === 'attachment',
    );
    const fileNames = records.map((r) => r.record.fileName);
    expect(fileNames).toHaveLength(5);
    expect(fileNames).toEqual(expect.arrayContaining([OWN_PICTURE, OWN_TEXT]));
    expect(fileNames.filter((n) => /^attachment-[0-9a-f]{8}\.txt$/.test(n))).toHaveLength(2);
    expect(fileNames.filter((n) => /^attachment-[0-9a-f]{8}\.png$/.test(n))).toHaveLength(1);
    for (const r of records) expect(r.title.endsWith(`: ${r.record.fileName}`)).toBe(true);
    const report = text(files['report.html']);
    expect(report).toContain(OWN_TEXT);
    expect(report).toContain(OWN_PICTURE);
  });

  it('the JSON export carries none of them either, and the subject’s own names', async () => {
    const json = (await dpo().get(`/api/dsar/${requestId}/export?format=json`).expect(200)).text;
    expect(json.match(TELLING)?.[0] ?? null).toBeNull();
    expect(json).toContain(OWN_TEXT);
    expect(json).toContain(OWN_PICTURE);
  });

  it('the released package the customer downloads is the same', async () => {
    const released = await dpo().post(`/api/dsar/${requestId}/release`).expect(200);
    const res = await as(w.a1.auth).get(released.body.downloadPath).buffer(true).parse(asBuffer).expect(200);
    const files = zipOf(res.body as Buffer);
    expect(Object.keys(files).filter((n) => TELLING.test(n))).toEqual([]);
    expect(text(files['data.json']).match(TELLING)?.[0] ?? null).toBeNull();
    expect(text(files['report.html']).match(TELLING)?.[0] ?? null).toBeNull();
    expect(text(files['data.json'])).toContain(OWN_TEXT);
  });
});
