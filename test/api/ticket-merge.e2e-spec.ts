import type { DsarDetail, DsarItem } from '@hushdesk/api-client';
import { waitForDsar } from '../support/dsar';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type Account, type World } from '../support/world';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * `POST /api/tickets/:id/merge`: a duplicate goes into another ticket. Its thread, files, calls and
 * history move; it closes and points there. Refused when the two requesters may not see each
 * other's tickets. A DSAR and an erasure of the merged ticket's requester still reach what moved.
 */
describe('merging tickets', () => {
  let t: TestApp;
  let w: World;
  let b2: Account;

  const as = (auth: string) => ({
    get: (path: string) => t.http().get(path).set('authorization', auth),
    post: (path: string, body?: object) => t.http().post(path).set('authorization', auth).send(body),
  });
  const newTicket = async (auth: string, subject: string, requesterId?: string): Promise<string> =>
    (
      await as(auth)
        .post('/api/tickets', {
          type: 'fault',
          subject,
          description: 'The desk phone shows no line.',
          requesterId,
        })
        .expect(201)
    ).body.id as string;
  const merge = (auth: string, id: string, intoTicketId: unknown) =>
    as(auth).post(`/api/tickets/${id}/merge`, { intoTicketId });

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const user = await createUser(t, 'customer', { fullName: 'Bruno Bianchi', organisationId: w.orgB });
    b2 = { ...user, auth: await bearerFor(t, user.email) };
    // Acme shares its tickets among its customers; Globex does not.
    await t.db.query('UPDATE organisations SET shared_ticket_visibility = true WHERE id = $1', [w.orgA]);
  });
  afterAll(() => t.close());

  describe('between two customers of an organisation that shares its tickets', () => {
    let source: string;
    let into: string;
    let attachmentId: string;
    let recordingId: string;

    beforeAll(async () => {
      source = await newTicket(w.a1.auth, 'Phone dead on desk 4');
      into = await newTicket(w.a2.auth, 'Phones dead on the second floor');
      await as(w.a1.auth)
        .post(`/api/tickets/${source}/messages`, { body: 'Still dead this morning.', visibility: 'public' })
        .expect(201);
      await as(w.engineer.auth)
        .post(`/api/tickets/${source}/messages`, { body: 'Checked the switch port.', visibility: 'internal' })
        .expect(201);
      await t
        .http()
        .patch(`/api/tickets/${source}`)
        .set('authorization', w.engineer.auth)
        .send({ priority: 'P2' });
      attachmentId = (
        await t
          .http()
          .post(`/api/tickets/${source}/attachments`)
          .set('authorization', w.engineer.auth)
          .attach('file', PNG, 'switch-port.png')
          .expect(201)
      ).body.id;
      recordingId = (
        await as(w.engineer.auth)
          .post('/api/recordings', {
            callerNumber: '+44 7700 900777',
            direction: 'inbound',
            startedAt: new Date(Date.now() - 3_600_000).toISOString(),
            durationSeconds: 60,
            ticketId: source,
          })
          .expect(201)
      ).body.id;
    });

    it('shows what will move before anything is written', async () => {
      const res = await as(w.engineer.auth)
        .get(`/api/tickets/${source}/merge?intoTicketId=${into}`)
        .expect(200);
      expect(res.body).toMatchObject({
        ticketId: source,
        intoTicketId: into,
        intoReference: expect.stringMatching(/^HD-\d{6}$/),
        intoSubject: 'Phones dead on the second floor',
        messages: 2,
        attachments: 1,
        calls: 1,
        historyEntries: 1,
      });
      const { rows } = await t.db.query('SELECT merged_into_id FROM tickets WHERE id = $1', [source]);
      expect(rows[0].merged_into_id).toBeNull();
    });

    it('moves messages, files, calls and history, closes the ticket and points it at the other', async () => {
      const res = await merge(w.engineer.auth, source, into).expect(200);
      expect(res.body).toMatchObject({ messages: 2, attachments: 1, calls: 1, historyEntries: 1 });

      const thread = await as(w.engineer.auth).get(`/api/tickets/${into}/messages`).expect(200);
      const bodies = thread.body.items.map((m: { body: string }) => m.body);
      expect(bodies).toEqual(
        expect.arrayContaining(['Still dead this morning.', 'Checked the switch port.']),
      );
      const left = await as(w.engineer.auth).get(`/api/tickets/${source}/messages`).expect(200);
      expect(left.body.items).toEqual([]);
      const moved = await t.db.query(
        `SELECT (SELECT ticket_id FROM attachments WHERE id = $1) AS attachment,
                (SELECT ticket_id FROM recordings WHERE id = $2) AS recording,
                (SELECT count(*)::int FROM ticket_history WHERE ticket_id = $3 AND merged_from_ticket_id = $4) AS history,
                (SELECT count(*)::int FROM identifier_mentions WHERE ticket_id = $4 AND source_type <> 'ticket') AS left_behind`,
        [attachmentId, recordingId, into, source],
      );
      expect(moved.rows[0]).toEqual({ attachment: into, recording: into, history: 1, left_behind: 0 });

      const merged = await as(w.engineer.auth).get(`/api/tickets/${source}`).expect(200);
      expect(merged.body).toMatchObject({
        status: 'closed',
        mergedInto: { id: into, reference: res.body.intoReference },
      });
      const history = await as(w.engineer.auth).get(`/api/tickets/${into}/history`).expect(200);
      expect(history.body[0]).toMatchObject({ field: 'merged_from', to: res.body.reference });
      const own = await as(w.engineer.auth).get(`/api/tickets/${source}/history`).expect(200);
      expect(own.body.map((h: { field: string }) => h.field).sort()).toEqual(['merged_into', 'status']);

      const audit = await as(w.dpo.auth).get('/api/audit?action=ticket.merge').expect(200);
      expect(audit.body.items[0]).toMatchObject({
        actorId: w.engineer.id,
        targetId: source,
        details: { intoTicketId: into, messages: 2, attachments: 1, calls: 1, historyEntries: 1 },
      });
    });

    it('shows the merged ticket’s customer where it went, since they may see it', async () => {
      const res = await as(w.a1.auth).get(`/api/tickets/${source}`).expect(200);
      expect(res.body.mergedInto).toMatchObject({ id: into });
      await as(w.a1.auth).get(`/api/tickets/${into}`).expect(200);
    });

    it('hides the pointer from a customer who can no longer see the target', async () => {
      await t.db.query('UPDATE organisations SET shared_ticket_visibility = false WHERE id = $1', [w.orgA]);
      try {
        const res = await as(w.a1.auth).get(`/api/tickets/${source}`).expect(200);
        expect(res.body.mergedInto).toBeNull();
      } finally {
        await t.db.query('UPDATE organisations SET shared_ticket_visibility = true WHERE id = $1', [w.orgA]);
      }
    });

    it('refuses to merge it again, to merge into it, or to undo the merge', async () => {
      const other = await newTicket(w.a1.auth, 'Another dead phone');
      expect((await merge(w.engineer.auth, source, other).expect(409)).body.message).toMatch(
        /already merged/,
      );
      expect((await merge(w.engineer.auth, other, source).expect(409)).body.message).toMatch(/itself merged/);
      const undo = await as(w.engineer.auth).post(`/api/tickets/${into}/undo`).expect(409);
      expect(undo.body.message).toMatch(/merge/);
    });

    it('lets a DSAR of the merged ticket’s requester find what moved, and an erasure reach it', async () => {
      const dpo = as(w.dpo.auth);
      const created = await dpo
        .post('/api/dsar', { kind: 'access', subject: { email: w.a1.email } })
        .expect(201);
      await dpo.post(`/api/dsar/${created.body.id}/verify`, { method: 'id_document' }).expect(200);
      await dpo.post(`/api/dsar/${created.body.id}/collect`).expect(202);
      await waitForDsar(t, w.dpo.auth, created.body.id, (d: DsarDetail) => d.status !== 'collecting');
      const items = (await dpo.get(`/api/dsar/${created.body.id}/items?limit=100`).expect(200)).body
        .items as DsarItem[];
      const found = (sourceId: string) => items.find((i) => i.sourceId === sourceId);
      expect(found(attachmentId)?.foundBy).toContain('in_their_ticket');
      expect(found(recordingId)?.foundBy).toContain('on_their_ticket');
      const note = await t.db.query("SELECT id FROM ticket_messages WHERE body = 'Checked the switch port.'");
      expect(found(note.rows[0].id)?.foundBy).toContain('in_their_ticket');

      const erasure = await dpo
        .post('/api/dsar', { kind: 'erasure', subject: { email: w.a1.email } })
        .expect(201);
      await dpo.post(`/api/dsar/${erasure.body.id}/verify`, { method: 'id_document' }).expect(200);
      const preview = await dpo.get(`/api/dsar/${erasure.body.id}/erasure-preview`).expect(200);
      await dpo
        .post(`/api/dsar/${erasure.body.id}/erase`, { confirmation: preview.body.confirmationPhrase })
        .expect(200);
      const left = await t.db.query(
        `SELECT (SELECT count(*)::int FROM attachments WHERE id = $1) AS attachments,
                (SELECT count(*)::int FROM recordings WHERE id = $2) AS recordings`,
        [attachmentId, recordingId],
      );
      expect(left.rows[0]).toEqual({ attachments: 0, recordings: 0 });
    });
  });

  describe('refusals', () => {
    it('refuses tickets of customers who may not see each other’s, whatever the ids', async () => {
      const a = await newTicket(w.a2.auth, 'Voicemail light stuck');
      const b = await newTicket(w.b1.auth, 'Voicemail light stuck');
      const other = await newTicket(b2.auth, 'Voicemail light stuck too');
      // Another organisation, and one that does not share its tickets.
      for (const [from, to] of [
        [a, b],
        [b, a],
        [b, other],
      ]) {
        const res = await merge(w.engineer.auth, from, to).expect(409);
        expect(res.body.message).toMatch(/may not see each other/);
        await as(w.engineer.auth).get(`/api/tickets/${from}/merge?intoTicketId=${to}`).expect(409);
      }
      const { rows } = await t.db.query(
        'SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1) AND (merged_into_id IS NOT NULL OR status = $2)',
        [[a, b, other], 'closed'],
      );
      expect(rows[0].n).toBe(0);
      // The same customer's own duplicates merge, in an organisation that shares nothing.
      const again = await newTicket(w.b1.auth, 'Voicemail light stuck again');
      await merge(w.admin.auth, again, b).expect(200);
    });

    it('refuses customers and the DPO (403), and hides the existence of tickets from customers', async () => {
      const a = await newTicket(w.a2.auth, 'Handset cracked');
      const b = await newTicket(w.a2.auth, 'Handset cracked (again)');
      await merge(w.a2.auth, a, b).expect(403);
      await merge(w.dpo.auth, a, b).expect(403);
      await as(w.a2.auth).get(`/api/tickets/${a}/merge?intoTicketId=${b}`).expect(403);
      await t.http().post(`/api/tickets/${a}/merge`).send({ intoTicketId: b }).expect(401);
    });

    it('names the field on bad input and refuses a closed target', async () => {
      const a = await newTicket(w.a2.auth, 'Headset buzzing');
      expect((await merge(w.engineer.auth, a, 'nope').expect(400)).body.fields).toHaveProperty(
        'intoTicketId',
      );
      expect((await merge(w.engineer.auth, a, a).expect(400)).body.fields).toHaveProperty('intoTicketId');
      const unknown = await merge(w.engineer.auth, a, '00000000-0000-4000-8000-000000000000').expect(400);
      expect(unknown.body.fields).toHaveProperty('intoTicketId');
      await merge(w.engineer.auth, '00000000-0000-4000-8000-000000000000', a).expect(404);
      const closed = await newTicket(w.a2.auth, 'Headset buzzing (old)');
      await t.db.query("UPDATE tickets SET status = 'closed' WHERE id = $1", [closed]);
      expect((await merge(w.engineer.auth, a, closed).expect(409)).body.message).toMatch(/closed ticket/);
    });
  });
});
