import type { DsarDetail, DsarItem, ErasureReceipt } from '@hushdesk/api-client';
import { unzipSync } from 'fflate';
import { DateTime } from 'luxon';
import type { Response } from 'superagent';
import { findInDatabase } from '../support/db-scan';
import { connect, Inbox } from '../support/sockets';
import { bearerFor, createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';
import { buildWorld, type Account, type World } from '../support/world';
import { wav, asBuffer } from '../support/files';
import { logCallWithAudio } from '../support/recordings';
import { waitForDsar } from '../support/dsar';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

// The subject, and people who look like them.
const DANA = { name: 'Dana Whitfield', email: 'dana.whitfield@acme-telecom.test', phone: '07700 900456' };
const DANA_E164 = '+447700900456';
const DIANA = { name: 'Diana Whitfield', email: 'dana.whitfield@globex.test', phone: '07700 900457' };
const DANNY = { name: 'Dana Whitfeld', email: 'dana.whitfeld@acme-telecom.test' };

describe('data-subject requests', () => {
  let t: TestApp;
  let w: World;
  let dana: Account;
  let diana: Account;
  let danny: Account;
  let ticketT1: string;
  let ticketT2: string;
  let ticketT3: string;
  let arthurEmail: string;

  const as = (auth: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('authorization', auth).send(body),
    put: (url: string, body: object) => t.http().put(url).set('authorization', auth).send(body),
    patch: (url: string, body: object) => t.http().patch(url).set('authorization', auth).send(body),
  });
  const dpo = () => as(w.dpo.auth);

  async function customer(fullName: string, email: string, organisationId: string, phone?: string) {
    const user = await createUser(t, 'customer', { fullName, email, organisationId });
    const auth = await bearerFor(t, email);
    if (phone) await as(auth).patch(`/api/people/${user.personId}`, { phone }).expect(200);
    return { ...user, auth };
  }

  const until = (id: string, done: (d: DsarDetail) => boolean) => waitForDsar(t, w.dpo.auth, id, done);

  async function verifiedRequest(body: object): Promise<string> {
    const created = await dpo().post('/api/dsar', body).expect(201);
    await dpo().post(`/api/dsar/${created.body.id}/verify`, { method: 'id_document' }).expect(200);
    return created.body.id;
  }

  async function collected(id: string): Promise<DsarDetail> {
    await dpo().post(`/api/dsar/${id}/collect`).expect(202);
    return until(id, (d) => d.status !== 'collecting');
  }

  async function allItems(id: string): Promise<DsarItem[]> {
    const items: DsarItem[] = [];
    let cursor: string | null = null;
    do {
      const res: Response = await dpo()
        .get(`/api/dsar/${id}/items?limit=20${cursor ? `&cursor=${cursor}` : ''}`)
        .expect(200);
      items.push(...(res.body.items as DsarItem[]));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    return items;
  }

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    w = await buildWorld(t);
    dana = await customer(DANA.name, DANA.email, w.orgA, DANA.phone);
    diana = await customer(DIANA.name, DIANA.email, w.orgB, DIANA.phone);
    danny = await customer(DANNY.name, DANNY.email, w.orgA);
    arthurEmail = w.a2.email;

    // Dana's own ticket, naming a colleague (a third party).
    const t1 = await as(dana.auth)
      .post('/api/tickets', {
        type: 'fault',
        subject: 'Desk phone on desk 4 is dead',
        description: `No dial tone since Monday. Call me on ${DANA.phone}. My manager Arthur Ames (${arthurEmail}) knows.`,
      })
      .expect(201);
    ticketT1 = t1.body.id;
    await as(w.engineer.auth)
      .post(`/api/tickets/${ticketT1}/messages`, {
        body: `Hi ${DANA.name}, this is Sam Patel. I will ring you on +44 7700 900456 this afternoon.`,
        visibility: 'public',
      })
      .expect(201);
    await as(w.engineer.auth)
      .post(`/api/tickets/${ticketT1}/messages`, {
        body: `Careful: ${DIANA.name} in Globex is a different person.`,
        visibility: 'internal',
      })
      .expect(201);
    await t
      .http()
      .post(`/api/tickets/${ticketT1}/attachments`)
      .set('authorization', dana.auth)
      .attach('file', Buffer.from(`owner: ${DANA.email}\nbackup contact: ${w.b1.email}\n`), 'contacts.txt')
      .expect(201);

    // Another organisation's ticket mentions Dana in free text, in other formats.
    const t2 = await as(w.b1.auth)
      .post('/api/tickets', {
        type: 'service_request',
        subject: 'Router config from a supplier',
        description: `The config was sent by Dana Whitfield (${DANA.email.toUpperCase()}, 07700-900-456) from Acme.`,
      })
      .expect(201);
    ticketT2 = t2.body.id;

    // The lookalike's own ticket must not be found.
    const t3 = await as(diana.auth)
      .post('/api/tickets', {
        type: 'fault',
        subject: 'Headset crackles',
        description: `${DIANA.name} here, reach me at ${DIANA.email} or ${DIANA.phone}.`,
      })
      .expect(201);
    ticketT3 = t3.body.id;

    // Calls: Dana's (matched by number, with audio) and the lookalike's.
    await logCallWithAudio(
      t,
      w.engineer.auth,
      {
        callerNumber: '+44 (0)7700 900456',
        direction: 'inbound',
        startedAt: daysAgo(1),
        durationSeconds: 120,
      },
      wav(),
    );
    await as(w.engineer.auth)
      .post('/api/recordings', {
        callerNumber: DIANA.phone,
        direction: 'inbound',
        startedAt: daysAgo(1),
        durationSeconds: 60,
      })
      .expect(201);

    // An engineer reads Dana's record: the audit trail now holds an entry about her.
    await as(w.engineer.auth).get(`/api/people/${dana.personId}`).expect(200);
  });
  afterAll(() => t.close());

  describe('intake, verification and the clock', () => {
    it('records a request made by email with the date it arrived, due one calendar month later', async () => {
      const res = await dpo()
        .post('/api/dsar', {
          kind: 'access',
          subject: { email: DANA.email },
          channel: 'post',
          receivedAt: '2026-01-31T10:00:00Z',
        })
        .expect(201);
      expect(res.body).toMatchObject({
        status: 'received',
        reference: expect.stringMatching(/^DSAR-\d{6}$/),
      });
      // 31 January is due on the last day of February (end of the day, London time).
      expect(res.body.dueAt).toBe('2026-02-28T23:59:59.999Z');
      const detail = await dpo().get(`/api/dsar/${res.body.id}`).expect(200);
      expect(detail.body).toMatchObject({
        channel: 'post',
        subjectPersonId: dana.personId,
        deadlineState: 'overdue',
        allowedActions: expect.arrayContaining(['verify', 'request_information', 'reject']),
      });
      // Extending is possible only within the first month.
      const late = await dpo()
        .post(`/api/dsar/${res.body.id}/extend`, { months: 1, reason: 'Complex' })
        .expect(409);
      expect(late.body.message).toMatch(/extension/);
    });

    it('extends by up to two months within the first month, with a reason, once', async () => {
      // Received two days ago (a day of the month that every month has), so still in its first month.
      const received = DateTime.now().setZone('Europe/London').minus({ days: 2 }).startOf('day');
      const receivedOn = received.set({ day: Math.min(received.day, 28) });
      const created = await dpo()
        .post('/api/dsar', {
          kind: 'access',
          subject: { email: DANA.email },
          receivedAt: receivedOn.toISODate(),
        })
        .expect(201);
      const extended = await dpo()
        .post(`/api/dsar/${created.body.id}/extend`, {
          months: 2,
          reason: 'Numerous requests from the same person',
        })
        .expect(200);
      // One month plus two, to the end of that day in London.
      expect(extended.body.dueAt).toBe(receivedOn.plus({ months: 3 }).endOf('day').toUTC().toISO());
      expect(extended.body.extension).toMatchObject({
        months: 2,
        reason: 'Numerous requests from the same person',
      });
      await dpo().post(`/api/dsar/${created.body.id}/extend`, { months: 1, reason: 'again' }).expect(409);
      const bad = await dpo()
        .post(`/api/dsar/${created.body.id}/extend`, { months: 3, reason: 'x' })
        .expect(400);
      expect(bad.body.fields).toHaveProperty('months');
    });

    it('pauses the clock while waiting for ID, and resumes it', async () => {
      const created = await dpo()
        .post('/api/dsar', { kind: 'access', subject: { phone: DANA.phone }, channel: 'phone' })
        .expect(201);
      const paused = await dpo()
        .post(`/api/dsar/${created.body.id}/request-information`, { reason: 'Please send photo ID' })
        .expect(200);
      expect(paused.body).toMatchObject({ status: 'awaiting_information', deadlineState: 'paused' });
      expect(paused.body.pauses).toEqual([
        expect.objectContaining({ reason: 'Please send photo ID', to: null }),
      ]);
      const resumed = await dpo()
        .post(`/api/dsar/${created.body.id}/resume`, { reason: 'ID received' })
        .expect(200);
      expect(resumed.body.status).toBe('received');
      expect(resumed.body.pauses[0].to).not.toBeNull();
    });

    it('rejects with a reason, and tells the requester of the right to complain', async () => {
      const created = await dpo().post('/api/dsar', {
        kind: 'access',
        subject: { fullName: 'Nobody Known' },
      });
      await dpo().post(`/api/dsar/${created.body.id}/reject`, {}).expect(400);
      const rejected = await dpo()
        .post(`/api/dsar/${created.body.id}/reject`, { reason: 'Manifestly unfounded' })
        .expect(200);
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        rejection: { reason: 'Manifestly unfounded' },
      });
      expect(rejected.body.outcome).toMatch(/Information Commissioner/);
      await dpo().post(`/api/dsar/${created.body.id}/verify`, { method: 'other' }).expect(409);
    });

    it('needs evidence before verifying a third party’s request', async () => {
      const created = await dpo()
        .post('/api/dsar', {
          kind: 'access',
          subject: { email: DANA.email },
          requester: { relation: 'third_party', name: 'Solicitor acting for the subject' },
        })
        .expect(201);
      const refused = await dpo()
        .post(`/api/dsar/${created.body.id}/verify`, { method: 'other' })
        .expect(409);
      expect(refused.body.message).toMatch(/evidence/);
      await t
        .http()
        .put(`/api/dsar/${created.body.id}/evidence`)
        .set('authorization', w.dpo.auth)
        .set('content-type', 'application/pdf')
        .set('x-file-name', 'authority.pdf')
        .send(Buffer.from('%PDF-1.4 signed letter of authority'))
        .expect(200);
      const verified = await dpo()
        .post(`/api/dsar/${created.body.id}/verify`, {
          method: 'id_document',
          note: 'Letter of authority checked',
        })
        .expect(200);
      expect(verified.body).toMatchObject({ status: 'verified', evidence: { fileName: 'authority.pdf' } });
    });

    it('refuses bad intake with the field named', async () => {
      const noSubject = await dpo().post('/api/dsar', { kind: 'access', subject: {} }).expect(400);
      expect(noSubject.body.fields).toHaveProperty('subject');
      const future = await dpo()
        .post('/api/dsar', { kind: 'access', subject: { email: DANA.email }, receivedAt: '2099-01-01' })
        .expect(400);
      expect(future.body.fields).toHaveProperty('receivedAt');
      const kind = await dpo()
        .post('/api/dsar', { kind: 'gossip', subject: { email: DANA.email } })
        .expect(400);
      expect(kind.body.fields).toHaveProperty('kind');
      await as(w.engineer.auth)
        .post('/api/dsar', { kind: 'access', subject: { email: DANA.email } })
        .expect(403);
      await as(w.engineer.auth).get('/api/dsar').expect(403);
    });
  });

  describe('from the portal', () => {
    it('a customer asks for their own data: verified by their session', async () => {
      const res = await as(w.a1.auth).post('/api/dsar', { kind: 'access' }).expect(201);
      expect(res.body.status).toBe('verified');
      const mine = await as(w.a1.auth).get('/api/dsar').expect(200);
      expect(mine.body.items.map((d: { id: string }) => d.id)).toEqual([res.body.id]);
      const detail = await as(w.a1.auth).get(`/api/dsar/${res.body.id}`).expect(200);
      expect(detail.body).toMatchObject({
        channel: 'portal',
        verification: { method: 'signed_in' },
        allowedActions: [],
      });
      // Another customer cannot see it, and the answer is not ready yet.
      await as(w.a2.auth).get(`/api/dsar/${res.body.id}`).expect(404);
      await as(w.a1.auth).get(`/api/dsar/${res.body.id}/export?format=zip`).expect(409);
      await as(w.a1.auth).post(`/api/dsar/${res.body.id}/collect`).expect(403);
      // A second open request of the same kind is refused, naming the first.
      const again = await as(w.a1.auth).post('/api/dsar', { kind: 'access' }).expect(409);
      expect(again.body.message).toMatch(/DSAR-\d{6}/);
    });

    it('a customer asking about someone else gets 403', async () => {
      const res = await as(w.a1.auth)
        .post('/api/dsar', { kind: 'erasure', subject: { email: DANA.email } })
        .expect(403);
      expect(res.body.message).toMatch(/subject/);
      await as(w.a1.auth)
        .post('/api/dsar', { kind: 'access', subject: { personId: dana.personId } })
        .expect(403);
    });
  });

  describe('access', () => {
    let id: string;
    let items: DsarItem[];

    beforeAll(async () => {
      id = await verifiedRequest({
        kind: 'access',
        subject: { email: DANA.email.toUpperCase() },
        channel: 'email',
      });
    });

    it('collects as a job, with live progress to the DPO console', async () => {
      const socket = await connect(t.baseUrl as string, { bearer: w.dpo.auth });
      const inbox = new Inbox(socket);
      try {
        const detail = await collected(id);
        expect(detail.status).toBe('in_review');
        await inbox.waitFor<{ id: string; status: string }>(
          'dsar.progress',
          (e) => e.id === id && e.status === 'in_review',
        );
        expect(
          inbox.of<{ progress: { phase: string } | null }>('dsar.progress').map((e) => e.progress?.phase),
        ).toEqual(expect.arrayContaining(['tickets', 'mentions', 'done']));
        expect(detail.counts).toMatchObject({
          contact: 1,
          accounts: 1,
          tickets: 2,
          messages: 2,
          attachments: 1,
          recordings: 1,
        });
        expect(detail.counts?.auditEntries).toBeGreaterThan(0);
        expect(detail.counts?.mentions).toBeGreaterThanOrEqual(1);
        expect(detail.subjectPersonId).toBe(dana.personId);
      } finally {
        socket.close();
      }
      items = await allItems(id);
    });

    it('finds everything about the subject, including the mention in another organisation', () => {
      const tickets = items.filter((i) => i.type === 'ticket').map((i) => i.sourceId);
      expect(tickets.sort()).toEqual([ticketT1, ticketT2].sort());
      expect(tickets).not.toContain(ticketT3);
      const mention = items.find((i) => i.sourceId === ticketT2) as DsarItem;
      expect(mention.foundBy).toEqual(expect.arrayContaining(['mention:email', 'mention:phone']));
      expect(items.some((i) => i.type === 'recording')).toBe(true);
      expect(items.some((i) => i.type === 'audit')).toBe(true);
    });

    it('redacts other people’s names, emails and phones by default', () => {
      const redactedOriginals = items.flatMap((i) =>
        i.segments
          .filter((s) => 'redactionId' in s && s.redacted)
          .map((s) => ('original' in s ? s.original : '')),
      );
      expect(redactedOriginals).toEqual(
        expect.arrayContaining(['Arthur Ames', arthurEmail, 'Sam Patel', DIANA.name, w.b1.email]),
      );
      const own = items.flatMap((i) =>
        i.segments.filter((s) => 'text' in s).map((s) => ('text' in s ? s.text : '')),
      );
      expect(own.join(' ')).toContain(DANA.phone);
    });

    it('exports everything about the subject and nothing identifying anyone else', async () => {
      const res = await dpo().get(`/api/dsar/${id}/export?format=json`).expect(200);
      const text = res.text;
      const data = JSON.parse(text);
      expect(data.subject.contact).toMatchObject({
        fullName: DANA.name,
        email: DANA.email,
        phone: DANA_E164,
      });
      expect(text).toContain('Desk phone on desk 4 is dead');
      expect(text).toContain('The config was sent by Dana Whitfield');
      expect(text).toContain('I will ring you on +44 7700 900456');
      for (const other of [
        'Arthur Ames',
        arthurEmail,
        'Sam Patel',
        DIANA.name,
        DIANA.email,
        '900457',
        DANNY.email,
        DANNY.name,
        w.b1.email,
        'Bella Brook',
        'Headset crackles',
      ]) {
        expect(text.toLowerCase()).not.toContain(other.toLowerCase());
      }
      const info = data.supplementaryInformation;
      for (const key of ['purposes', 'categoriesOfData', 'recipients', 'retention', 'source', 'rights']) {
        expect(info[key]).toBeTruthy();
      }
      expect(info.complaint).toMatch(/Information Commissioner/);
      expect(info.automatedDecisionMaking).toMatch(/no decisions/i);
      const audit = await dpo().get(`/api/audit?action=dsar.export`).expect(200);
      expect(audit.body.items[0]).toMatchObject({ targetId: id, details: { format: 'json' } });
    });

    it('lets the DPO undo a redaction and exclude an item, each with a reason', async () => {
      const withSam = items.find((i) =>
        i.segments.some((s) => 'original' in s && s.original === 'Sam Patel'),
      );
      const segment = withSam?.segments.find((s) => 'original' in s && s.original === 'Sam Patel');
      const redactionId = segment && 'redactionId' in segment ? segment.redactionId : '';
      await dpo().put(`/api/dsar/${id}/redactions/${redactionId}`, { redacted: false }).expect(400);
      await dpo()
        .put(`/api/dsar/${id}/redactions/${redactionId}`, {
          redacted: false,
          reason: 'Staff name: disclosed by policy',
        })
        .expect(204);
      const internal = items.find((i) => i.title.startsWith('Internal note')) as DsarItem;
      await dpo()
        .put(`/api/dsar/${id}/items/${internal.id}/exclusion`, { excluded: true, reason: 'Legal privilege' })
        .expect(204);
      const res = await dpo().get(`/api/dsar/${id}/export?format=json`).expect(200);
      expect(res.text).toContain('Sam Patel');
      expect(res.text).not.toContain('is a different person');
      expect(JSON.parse(res.text).withheld.count).toBe(1);
      const trail = await dpo().get(`/api/audit?action=dsar.exclude`).expect(200);
      expect(trail.body.items[0]).toMatchObject({ reason: 'Legal privilege', targetId: internal.id });
    });

    it('builds the ZIP: data.json with its schema, report.html, audio and attachments', async () => {
      const res = await dpo()
        .get(`/api/dsar/${id}/export?format=zip`)
        .buffer(true)
        .parse(asBuffer)
        .expect(200)
        .expect('content-type', 'application/zip');
      const files = unzipSync(new Uint8Array(res.body as Buffer));
      const names = Object.keys(files);
      expect(names).toEqual(expect.arrayContaining(['data.json', 'schema.json', 'report.html']));
      expect(names.some((n) => n.startsWith('audio/') && n.endsWith('.wav'))).toBe(true);
      const attachment = names.find((n) => n.startsWith('attachments/')) as string;
      const attachmentText = Buffer.from(files[attachment]).toString('utf8');
      expect(attachmentText).toContain(DANA.email);
      expect(attachmentText).not.toContain(w.b1.email);
      const report = Buffer.from(files['report.html']).toString('utf8');
      expect(report).toContain('Your personal data');
      expect(report).toContain('Information Commissioner');
      expect(report).not.toContain('<script');
      const schema = JSON.parse(Buffer.from(files['schema.json']).toString('utf8'));
      expect(schema.required).toEqual(expect.arrayContaining(['items', 'supplementaryInformation']));
    });

    it('releases through a 7-day link the requester opens with a one-time code; the download is audited', async () => {
      const released = await dpo().post(`/api/dsar/${id}/release`).expect(200);
      const days = (new Date(released.body.expiresAt).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
      // Recorded by the DPO, so the requester has no account that asked: the link needs the code.
      expect(released.body.access).toBe('one_time_code');
      await t.http().get(released.body.downloadPath).expect(401);
      const zip = await t
        .http()
        .get(released.body.downloadPath)
        .set('x-download-code', released.body.oneTimeCode)
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      expect(Object.keys(unzipSync(new Uint8Array(zip.body as Buffer)))).toContain('data.json');
      await t.http().get('/api/dsar/downloads/not-a-real-token-0123456789').expect(404);
      const detail = await dpo().get(`/api/dsar/${id}`).expect(200);
      expect(detail.body).toMatchObject({
        status: 'completed',
        release: { downloadedAt: expect.any(String) },
      });
      const trail = await dpo().get(`/api/audit?action=dsar.download`).expect(200);
      expect(trail.body.items[0]).toMatchObject({ targetId: id, actorId: null });
      const spent = await t
        .http()
        .get(released.body.downloadPath)
        .set('x-download-code', released.body.oneTimeCode)
        .expect(410);
      expect(spent.body.message).toMatch(/has been used/);
      // Retention deletes the package 30 days after it was built.
      await t.db.query(
        "UPDATE dsar_releases SET created_at = now() - interval '31 days' WHERE dsar_id = $1",
        [id],
      );
      const run = await dpo().post('/api/retention/runs', { dryRun: false }).expect(201);
      let report: { dsarPackages?: { deleted: number } } | null = null;
      for (let i = 0; i < 100 && !report; i++) {
        const r = await dpo().get(`/api/retention/runs/${run.body.id}`).expect(200);
        if (r.body.status === 'completed') report = r.body.report;
        else await new Promise((res) => setTimeout(res, 50));
      }
      expect(report?.dsarPackages?.deleted).toBe(1);
      const gone = await t
        .http()
        .get(released.body.downloadPath)
        .set('x-download-code', 'ANYC-ODE2')
        .expect(410);
      expect(gone.body.message).toMatch(/has expired/);
      const status = await t.http().get(`${released.body.downloadPath}/status`).expect(200);
      expect(status.body.state).toBe('expired');
    });

    it('portability gives only what the person provided, as JSON and CSV', async () => {
      const portable = await verifiedRequest({ kind: 'portability', subject: { email: w.b1.email } });
      await collected(portable);
      const json = await dpo().get(`/api/dsar/${portable}/export?format=json`).expect(200);
      const data = JSON.parse(json.text);
      expect(data.subject.contact.email).toBe(w.b1.email);
      expect(data.items.map((i: { type: string }) => i.type).sort()).toEqual([
        'account',
        'contact',
        'ticket',
      ]);
      // Dana's attachment named Bella, but Bella did not provide it: it is not part of her portable data.
      expect(json.text).not.toContain('contacts.txt');
      const csv = await dpo()
        .get(`/api/dsar/${portable}/export?format=csv`)
        .expect(200)
        .expect('content-type', /text\/csv/);
      expect(csv.text.split('\r\n')[0]).toBe('record,reference,at,field,value');
      expect(csv.text).toContain('Router config from a supplier');
      const zip = await dpo()
        .get(`/api/dsar/${portable}/export?format=zip`)
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      expect(Object.keys(unzipSync(new Uint8Array(zip.body as Buffer)))).toContain('provided.csv');
    });

    it('a subject with no data is a valid answer: "no personal data found"', async () => {
      const none = await verifiedRequest({ kind: 'access', subject: { email: 'never.seen@nowhere.test' } });
      const detail = await collected(none);
      expect(detail).toMatchObject({ status: 'in_review', noDataFound: true });
      await dpo()
        .post(`/api/dsar/${none}/complete`, { reason: 'No personal data found; requester told' })
        .expect(200);
    });

    it('stops and asks the DPO when the identifiers match several people', async () => {
      const one = await createUser(t, 'customer', { fullName: 'Chris Lane', organisationId: w.orgA });
      await createUser(t, 'customer', { fullName: 'Chris Lane', organisationId: w.orgB });
      const ambiguous = await verifiedRequest({ kind: 'access', subject: { fullName: 'chris lane' } });
      const detail = await collected(ambiguous);
      expect(detail.status).toBe('needs_subject');
      expect(detail.candidates).toHaveLength(2);
      expect(detail.candidates.map((c) => c.organisationName).sort()).toEqual([
        'Acme Telecom',
        'Globex Networks',
      ]);
      await dpo().post(`/api/dsar/${ambiguous}/subject`, { personId: dana.personId }).expect(400);
      await dpo().post(`/api/dsar/${ambiguous}/subject`, { personId: one.personId }).expect(202);
      const chosen = await until(ambiguous, (d) => d.status !== 'collecting');
      expect(chosen).toMatchObject({ status: 'in_review', subjectPersonId: one.personId });
    });
  });

  describe('the other rights', () => {
    it('rectification edits the person’s fields, audited', async () => {
      const id = await verifiedRequest({ kind: 'rectification', subject: { personId: danny.personId } });
      const done = await dpo()
        .post(`/api/dsar/${id}/rectify`, { changes: { fullName: 'Danny Whitfeld' }, note: 'Name misspelt' })
        .expect(200);
      expect(done.body.status).toBe('completed');
      const person = await dpo().get(`/api/people/${danny.personId}`).expect(200);
      expect(person.body.fullName).toBe('Danny Whitfeld');
      const trail = await dpo()
        .get(`/api/audit?action=person.update&subjectPersonId=${danny.personId}`)
        .expect(200);
      expect(trail.body.items[0].fields).toContain('person.fullName');
    });

    it('restriction freezes the person’s tickets for all but the DPO until lifted', async () => {
      const id = await verifiedRequest({ kind: 'restriction', subject: { email: DIANA.email } });
      const restricted = await dpo()
        .post(`/api/dsar/${id}/restrict`, { reason: 'Accuracy contested' })
        .expect(200);
      expect(restricted.body).toMatchObject({ status: 'completed', restrictionActive: true });
      const ticket = await as(w.engineer.auth).get(`/api/tickets/${ticketT3}`).expect(200);
      expect(ticket.body.processingRestricted).toBe(true);
      const frozen = await as(w.engineer.auth)
        .patch(`/api/tickets/${ticketT3}`, { priority: 'P1' })
        .expect(409);
      expect(frozen.body.message).toMatch(/restricted/);
      await as(w.engineer.auth)
        .post(`/api/tickets/${ticketT3}/messages`, { body: 'Any update?', visibility: 'public' })
        .expect(409);
      await as(diana.auth)
        .post(`/api/tickets/${ticketT3}/messages`, { body: 'Any update?', visibility: 'public' })
        .expect(409);
      const lifted = await dpo()
        .post(`/api/dsar/${id}/lift-restriction`, { reason: 'Accuracy confirmed' })
        .expect(200);
      expect(lifted.body.restrictionActive).toBe(false);
      expect(lifted.body.outcome).toMatch(/lifted/);
      await as(w.engineer.auth).patch(`/api/tickets/${ticketT3}`, { priority: 'P1' }).expect(200);
    });

    it('objection puts the person on the do-not-contact list', async () => {
      const id = await verifiedRequest({ kind: 'objection', subject: { email: w.a2.email } });
      await dpo().post(`/api/dsar/${id}/object`, { reason: 'Asked not to be contacted' }).expect(200);
      const person = await dpo().get(`/api/people/${w.a2.personId}`).expect(200);
      expect(person.body.doNotContact).toBe(true);
    });
  });

  describe('erasure', () => {
    let id: string;
    let receipt: ErasureReceipt;

    it('refuses to erase an unverified request, or without the typed confirmation', async () => {
      const created = await dpo()
        .post('/api/dsar', { kind: 'erasure', subject: { phone: '+44 7700 900456' }, channel: 'phone' })
        .expect(201);
      id = created.body.id;
      const early = await dpo().post(`/api/dsar/${id}/erase`, { confirmation: 'ERASE' }).expect(409);
      expect(early.body.message).toMatch(/status: the request is received/);
      await dpo().post(`/api/dsar/${id}/verify`, { method: 'known_contact_details' }).expect(200);
      const preview = await dpo().get(`/api/dsar/${id}/erasure-preview`).expect(200);
      expect(preview.body.confirmationPhrase).toMatch(/^ERASE DSAR-\d{6}$/);
      expect(preview.body.keep.map((k: { why: string }) => k.why).join(' ')).toMatch(/Legal obligation/);
      const wrong = await dpo()
        .post(`/api/dsar/${id}/erase`, { confirmation: 'ERASE everything' })
        .expect(400);
      expect(wrong.body.fields).toHaveProperty('confirmation');
      const socket = await connect(t.baseUrl as string, { bearer: dana.auth });
      const closed = new Promise<string>((resolve) => socket.on('disconnect', (why) => resolve(why)));
      const res = await dpo()
        .post(`/api/dsar/${id}/erase`, { confirmation: preview.body.confirmationPhrase })
        .expect(200);
      receipt = res.body;
      // Their live connection is closed too, not only their sessions.
      expect(await closed).toBe('io server disconnect');
    });

    it('gives a receipt of each action, what was kept and why, and a re-scan that finds nothing', () => {
      expect(receipt.rescan.remaining).toBe(0);
      expect(receipt.actions.find((a) => a.action.startsWith('Call recordings'))?.count).toBe(1);
      expect(receipt.actions.find((a) => a.action.startsWith('Attachments deleted'))?.count).toBe(1);
      expect(receipt.kept.map((k) => k.why).join(' ')).toMatch(/accountability/);
    });

    it('leaves no plaintext of the subject’s email, phone or name anywhere in the database', async () => {
      for (const needle of [DANA.email, DANA_E164, '7700 900456', '07700-900-456', DANA.name]) {
        expect({ needle, hits: await findInDatabase(t.db, needle) }).toEqual({ needle, hits: [] });
      }
      // Not in job payloads either (pg-boss keeps its own schema).
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'pgboss' AND table_name = 'job'`,
      );
      if (rows[0].n) {
        const jobs = await t.db.query('SELECT data::text AS d FROM pgboss.job WHERE data::text ILIKE $1', [
          `%${DANA.email}%`,
        ]);
        expect(jobs.rows).toEqual([]);
      }
    });

    it('keeps the tickets as "Former customer", scrubs other people’s tickets, and leaves lookalikes alone', async () => {
      const t1 = await dpo().get(`/api/tickets/${ticketT1}`).expect(200);
      expect(t1.body.requester.name).toMatch(/^Former customer #\d+$/);
      expect(t1.body.contactPhone).toBeNull();
      const t2 = await dpo().get(`/api/tickets/${ticketT2}`).expect(200);
      expect(t2.body.description).toBe('The config was sent by [name] ([email], [phone]) from Acme.');
      const t3 = await dpo().get(`/api/tickets/${ticketT3}`).expect(200);
      expect(t3.body.description).toContain(DIANA.email);
      const diana = await findInDatabase(t.db, DIANA.email);
      expect(diana.length).toBeGreaterThan(0);
      const arthur = await dpo().get(`/api/people/${w.a2.personId}`).expect(200);
      expect(arthur.body.fullName).toBe('Arthur Ames');
    });

    it('disables the account, ends its sessions, and adds the subject to the do-not-contact list', async () => {
      await as(dana.auth).get('/api/auth/me').expect(401);
      await t.http().post('/api/auth/login').send({ email: DANA.email, password: TEST_PASSWORD }).expect(401);
      const { rows } = await t.db.query(
        "SELECT count(*)::int AS n FROM suppressions WHERE reason = 'erasure'",
      );
      expect(rows[0].n).toBe(2);
      const detail = await dpo().get(`/api/dsar/${id}`).expect(200);
      expect(detail.body).toMatchObject({
        status: 'completed',
        subject: {},
        subjectLabel: expect.stringMatching(/^Former customer/),
      });
      const trail = await dpo().get('/api/audit?action=dsar.erase').expect(200);
      expect(trail.body.items[0]).toMatchObject({
        targetId: id,
        details: expect.objectContaining({ remaining: 0 }),
      });
      const chain = await dpo().get('/api/audit/verify').expect(200);
      expect(chain.body.ok).toBe(true);
    });

    it('an erasure request for an access request is refused, naming the kind', async () => {
      const access = await verifiedRequest({ kind: 'access', subject: { email: DIANA.email } });
      const res = await dpo().get(`/api/dsar/${access}/erasure-preview`).expect(400);
      expect(res.body.fields).toHaveProperty('kind');
    });
  });
});
