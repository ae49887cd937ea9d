import { TICKET_STATUSES } from '@hushdesk/ticketing';
import { DEMO_ACCOUNTS, DemoSeed } from '../../apps/api/src/demo/demo-seed.service';
import { asBuffer } from '../support/files';
import { startTestApp, type TestApp } from '../support/test-app';

const signIn = async (t: TestApp, email: string) => {
  const res = await t.http().post('/api/auth/login').send({ email, password: 'hushdesk' }).expect(200);
  return `Bearer ${res.body.accessToken as string}`;
};

/** Every row count the seed touches, to prove a second run adds nothing. */
const COUNTS = `SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM tickets)::int AS tickets,
  (SELECT count(*) FROM ticket_messages)::int AS messages, (SELECT count(*) FROM attachments)::int AS attachments,
  (SELECT count(*) FROM recordings)::int AS recordings, (SELECT count(*) FROM dsar_requests)::int AS dsars,
  (SELECT count(*) FROM audit_log)::int AS audit, (SELECT count(*) FROM organisations)::int AS organisations`;

describe('demo mode', () => {
  describe('on, logins only (HUSHDESK_DEMO_DATA=0)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ demo: true });
    });
    afterAll(() => t.close());

    it('seeds Acme Ltd and one account per role, each able to sign in', async () => {
      const { rows } = await t.db.query(
        `SELECT p.email, u.role, o.name AS organisation FROM users u
           JOIN people p ON p.id = u.person_id LEFT JOIN organisations o ON o.id = u.organisation_id
          ORDER BY p.email`,
      );
      expect(rows).toEqual(
        [...DEMO_ACCOUNTS]
          .sort((a, b) => a.email.localeCompare(b.email))
          .map((a) => ({
            email: a.email,
            role: a.role,
            organisation: a.role === 'customer' ? 'Acme Ltd' : null,
          })),
      );
      for (const account of DEMO_ACCOUNTS) {
        const res = await t
          .http()
          .post('/api/auth/login')
          .send({ email: account.email, password: 'hushdesk' })
          .expect(200);
        expect(res.body.user.role).toBe(account.role);
      }
      const { rows: tickets } = await t.db.query('SELECT count(*)::int AS n FROM tickets');
      expect(tickets[0].n).toBe(0);
    });

    it('does not seed again into a database that has accounts', async () => {
      await expect(t.app.get(DemoSeed).seedIfEmpty()).resolves.toBe(false);
      const { rows } = await t.db.query('SELECT count(*)::int AS n FROM users');
      expect(rows[0].n).toBe(DEMO_ACCOUNTS.length);
    });

    it('offers the demo logins to the sign-in page', async () => {
      const res = await t.http().get('/api/demo').expect(200);
      expect(res.body).toEqual({
        accounts: DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })),
        password: 'hushdesk',
      });
    });
  });

  describe('on, with the living helpdesk (the default for npm start)', () => {
    let t: TestApp;
    let engineer: string;
    let customer: string;
    let dpo: string;
    beforeAll(async () => {
      t = await startTestApp({ demo: true, demoData: true });
      [engineer, customer, dpo] = await Promise.all(
        ['engineer', 'customer', 'dpo'].map((role) => signIn(t, `${role}@hushdesk.local`)),
      );
    });
    afterAll(() => t.close());

    it('fills the engineer’s queue with a ticket in every state, each with its SLA clock', async () => {
      const res = await t.http().get('/api/tickets?limit=100').set('authorization', engineer).expect(200);
      const statuses = new Set(res.body.items.map((i: { status: string }) => i.status));
      for (const status of TICKET_STATUSES) expect(statuses).toContain(status);
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM tickets WHERE first_response_due_at IS NULL OR resolution_due_at IS NULL`,
      );
      expect(rows[0].n).toBe(0);
      // Written through the ticket service, so the identifier index knows their text.
      const { rows: indexed } = await t.db.query(
        `SELECT count(DISTINCT source_id)::int AS n FROM identifier_mentions WHERE source_type = 'ticket'`,
      );
      expect(indexed[0].n).toBeGreaterThan(0);
    });

    it('gives tickets public replies, internal notes and attachments, and hides the notes from customers', async () => {
      const { rows } = await t.db.query(
        `SELECT m.ticket_id, m.visibility FROM ticket_messages m
           JOIN tickets t ON t.id = m.ticket_id JOIN users u ON u.id = t.requester_id JOIN people p ON p.id = u.person_id
          WHERE p.email = 'customer@hushdesk.local'`,
      );
      expect(rows.some((r) => r.visibility === 'internal')).toBe(true);
      expect(rows.some((r) => r.visibility === 'public')).toBe(true);
      const withNote = rows.find((r) => r.visibility === 'internal').ticket_id as string;
      const thread = await t
        .http()
        .get(`/api/tickets/${withNote}/messages`)
        .set('authorization', customer)
        .expect(200);
      expect(thread.body.items.length).toBeGreaterThan(0);
      expect(thread.body.items.every((m: { visibility: string }) => m.visibility === 'public')).toBe(true);

      const { rows: files } = await t.db.query('SELECT id, ticket_id FROM attachments');
      expect(files.length).toBeGreaterThan(0);
      const file = await t
        .http()
        .get(`/api/tickets/${files[0].ticket_id}/attachments/${files[0].id}`)
        .set('authorization', engineer)
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      expect((file.body as Buffer).length).toBeGreaterThan(0);
    });

    it('logs calls with playable audio, matched to the caller by number', async () => {
      // The DPO sees the match; an engineer, who sees phones masked, is not told it (no oracle).
      const res = await t.http().get('/api/recordings').set('authorization', dpo).expect(200);
      expect(res.body.items.length).toBeGreaterThanOrEqual(2);
      const matched = res.body.items.filter((r: { personMatch: string }) => r.personMatch === 'matched');
      expect(matched.length).toBeGreaterThan(0);
      const asEngineer = await t.http().get('/api/recordings').set('authorization', engineer).expect(200);
      expect(asEngineer.body.items.map((r: { personMatch: string }) => r.personMatch)).not.toContain(
        'matched',
      );
      const audio = await t
        .http()
        .get(`/api/recordings/${matched[0].id}/audio`)
        .set('authorization', engineer)
        .buffer(true)
        .parse(asBuffer)
        .expect(200);
      expect(audio.headers['content-type']).toBe('audio/wav');
      const wav = audio.body as Buffer;
      expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(wav.subarray(8, 12).toString('latin1')).toBe('WAVE');
    });

    it('has a data-subject request under review and one waiting to be verified', async () => {
      const res = await t.http().get('/api/dsar').set('authorization', dpo).expect(200);
      const statuses = res.body.items.map((d: { status: string }) => d.status).sort();
      expect(statuses).toEqual(['in_review', 'received']);
      const review = res.body.items.find((d: { status: string }) => d.status === 'in_review');
      const items = await t.http().get(`/api/dsar/${review.id}/items`).set('authorization', dpo).expect(200);
      const types = new Set(items.body.items.map((i: { type: string }) => i.type));
      for (const type of ['account', 'ticket', 'message', 'recording']) expect(types).toContain(type);
      // The customer sees their own request in the portal.
      const mine = await t.http().get('/api/dsar').set('authorization', customer).expect(200);
      expect(mine.body.items.map((d: { id: string }) => d.id)).toEqual([review.id]);
    });

    it('records what was done in the audit trail and names a controller', async () => {
      const { rows } = await t.db.query('SELECT DISTINCT action FROM audit_log ORDER BY action');
      expect(rows.map((r) => r.action)).toEqual(
        expect.arrayContaining(['dsar.create', 'dsar.collect', 'settings.controller']),
      );
      const ropa = await t.http().get('/api/privacy/ropa').set('authorization', dpo).expect(200);
      expect(ropa.body.controllerContact?.name).toBeTruthy();
      const verify = await t.http().get('/api/audit/verify').set('authorization', dpo).expect(200);
      expect(verify.body.ok).toBe(true);
    });

    it('uses only fictional contact data: reserved example domains and drama numbers', async () => {
      const { rows } = await t.db.query('SELECT email, phone FROM people');
      for (const { email, phone } of rows) {
        expect(email).toMatch(/@(hushdesk\.local|example\.com)$/);
        if (phone) expect(phone).toMatch(/^\+44(7700900\d{3}|207946\d{4})$/);
      }
      const { rows: calls } = await t.db.query('SELECT caller_number FROM recordings');
      for (const { caller_number } of calls) expect(caller_number).toMatch(/^\+447700900\d{3}$/);
    });

    it('seeds nothing twice', async () => {
      const before = (await t.db.query(COUNTS)).rows[0];
      await expect(t.app.get(DemoSeed).seedIfEmpty()).resolves.toBe(false);
      expect((await t.db.query(COUNTS)).rows[0]).toEqual(before);
    });
  });

  describe('off', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ demo: false, demoData: true });
    });
    afterAll(() => t.close());

    it('seeds nothing and offers no logins', async () => {
      const { rows } = await t.db.query(COUNTS);
      expect(rows[0]).toMatchObject({ users: 0, tickets: 0, recordings: 0, dsars: 0, organisations: 0 });
      // No logins, and a 200 rather than a 404 the sign-in page would log as a console error.
      const res = await t.http().get('/api/demo').expect(200);
      expect(res.body).toEqual({ accounts: [], password: null });
    });
  });

  it('never reveals a password the operator changed', async () => {
    const t = await startTestApp({ demo: true, env: { HUSHDESK_DEMO_PASSWORD: 'operator-chosen-secret' } });
    try {
      const res = await t.http().get('/api/demo').expect(200);
      expect(res.body.password).toBeNull();
      expect(JSON.stringify(res.body)).not.toContain('operator-chosen-secret');
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'admin@hushdesk.local', password: 'operator-chosen-secret' })
        .expect(200);
    } finally {
      await t.close();
    }
  });
});
