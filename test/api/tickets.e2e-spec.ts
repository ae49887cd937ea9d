import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type Account, type World } from '../support/world';

const fault = {
  type: 'fault',
  subject: 'VoIP handset has no dial tone',
  description: 'Since 9am the reception handset shows "No service" and gives no dial tone.',
  priority: 'P2',
  category: 'voice',
  equipment: {
    assetTag: 'ACME-00412',
    model: 'Yealink T54W',
    serialNumber: 'SN8841200931',
    location: 'Reception',
  },
};

describe('tickets', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const create = (auth: string, body: object = fault) =>
    t.http().post('/api/tickets').set('authorization', auth).send(body);
  const count = async (table: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

  describe('creating', () => {
    it('a customer logs a fault for themselves, with a sequence reference and SLA clocks', async () => {
      const res = await create(w.a1.auth).expect(201);
      expect(res.body).toMatchObject({
        reference: expect.stringMatching(/^HD-\d{6}$/),
        type: 'fault',
        status: 'new',
        priority: 'P2',
        category: 'voice',
        requester: { id: w.a1.id, name: 'Alice Archer' },
        organisation: { id: w.orgA, name: 'Acme Telecom' },
        assignee: null,
        equipment: fault.equipment,
        allowedTransitions: [],
        sla: { firstResponse: { dueAt: expect.any(String) }, resolution: { dueAt: expect.any(String) } },
      });
      expect(res.body.nextDueAt).toBe(res.body.sla.firstResponse.dueAt);
    });

    it('takes references from a sequence: each new ticket gets the next one', async () => {
      const first = await create(w.a1.auth).expect(201);
      const second = await create(w.b1.auth).expect(201);
      const n = (ref: string) => Number(ref.slice(3));
      expect(n(second.body.reference)).toBe(n(first.body.reference) + 1);
    });

    it('an engineer logs a ticket for a named customer, in that customer’s organisation', async () => {
      const res = await create(w.engineer.auth, { ...fault, requesterId: w.b1.id }).expect(201);
      expect(res.body.organisation.id).toBe(w.orgB);
      expect(res.body.requester.id).toBe(w.b1.id);
      expect(res.body.allowedTransitions).toEqual([
        'open',
        'pending_customer',
        'on_hold',
        'resolved',
        'closed',
      ]);
    });

    it.each([
      [{ ...fault, type: 'complaint' }, 'type'],
      [{ ...fault, priority: 'P9' }, 'priority'],
      [{ ...fault, category: 'new_starter' }, 'category'],
      [{ ...fault, subject: '' }, 'subject'],
      [{ ...fault, description: undefined }, 'description'],
      [{ ...fault, type: 'service_request', category: 'mailbox' }, 'equipment'],
      [{ ...fault, equipment: { assetTag: 'x', colour: 'red' } }, 'equipment.colour'],
      [{ ...fault, tags: ['ok', '!!bad!!'] }, 'tags'],
      [{ ...fault, severity: 'high' }, 'severity'],
      [{ ...fault, groupId: '00000000-0000-4000-8000-000000000000' }, 'groupId'],
      [{ ...fault, requesterId: '00000000-0000-4000-8000-000000000000' }, 'requesterId'],
    ])('refuses %j with 400 naming the field, writing nothing', async (body, field) => {
      const before = await count('tickets');
      const res = await create(w.a1.auth, body).expect(400);
      expect(res.body.fields).toHaveProperty([field]);
      expect(await count('tickets')).toBe(before);
    });

    it('requires staff to name a customer account as requester', async () => {
      const missing = await create(w.engineer.auth).expect(400);
      expect(missing.body.fields).toHaveProperty('requesterId');
      const notCustomer = await create(w.engineer.auth, { ...fault, requesterId: w.engineer2.id }).expect(
        400,
      );
      expect(notCustomer.body.fields).toHaveProperty('requesterId');
    });

    it('refuses the DPO and admins (403) and anonymous callers (401)', async () => {
      await create(w.dpo.auth).expect(403);
      await create(w.admin.auth).expect(403);
      await t.http().post('/api/tickets').send(fault).expect(401);
    });
  });

  describe('visibility', () => {
    let ticketId: string;
    beforeAll(async () => {
      ticketId = (await create(w.a1.auth, { ...fault, subject: 'Private to Alice' }).expect(201)).body.id;
    });

    it('the requester and all staff see it; other customers get 404, as for a missing id', async () => {
      await t.http().get(`/api/tickets/${ticketId}`).set('authorization', w.a1.auth).expect(200);
      for (const staff of [w.engineer, w.dpo, w.admin]) {
        await t.http().get(`/api/tickets/${ticketId}`).set('authorization', staff.auth).expect(200);
      }
      const sameOrg = await t
        .http()
        .get(`/api/tickets/${ticketId}`)
        .set('authorization', w.a2.auth)
        .expect(404);
      const otherOrg = await t
        .http()
        .get(`/api/tickets/${ticketId}`)
        .set('authorization', w.b1.auth)
        .expect(404);
      const missing = await t
        .http()
        .get('/api/tickets/00000000-0000-4000-8000-000000000000')
        .set('authorization', w.b1.auth)
        .expect(404);
      expect(sameOrg.body.message).toBe(missing.body.message);
      expect(otherOrg.body.message).toBe(missing.body.message);
      await t.http().get(`/api/tickets/${ticketId}`).expect(401);
      await t.http().get('/api/tickets/not-a-uuid').set('authorization', w.a1.auth).expect(400);
    });

    it('lists only what the caller may see, and filters cannot widen it', async () => {
      const mine = await t.http().get('/api/tickets?limit=100').set('authorization', w.a2.auth).expect(200);
      expect(mine.body.items.map((i: { id: string }) => i.id)).not.toContain(ticketId);
      const widened = await t
        .http()
        .get(`/api/tickets?requesterId=${w.a1.id}&organisationId=${w.orgA}`)
        .set('authorization', w.a2.auth)
        .expect(200);
      expect(widened.body.items).toEqual([]);
      expect(Object.values(widened.body.counts).reduce((a, b) => (a as number) + (b as number), 0)).toBe(0);
    });

    it('with shared visibility on, a customer sees their whole organisation’s tickets, but no other', async () => {
      const turnedOn = await t
        .http()
        .patch(`/api/organisations/${w.orgA}`)
        .set('authorization', w.admin.auth)
        .send({ sharedTicketVisibility: true })
        .expect(200);
      // The answer is the whole organisation, not just what was sent.
      expect(turnedOn.body).toMatchObject({ id: w.orgA, name: 'Acme Telecom', sharedTicketVisibility: true });
      try {
        await t.http().get(`/api/tickets/${ticketId}`).set('authorization', w.a2.auth).expect(200);
        await t.http().get(`/api/tickets/${ticketId}`).set('authorization', w.b1.auth).expect(404);
        const list = await t.http().get('/api/tickets?limit=100').set('authorization', w.a2.auth).expect(200);
        expect(list.body.items.map((i: { id: string }) => i.id)).toContain(ticketId);
        expect(
          list.body.items.every((i: { organisation: { id: string } }) => i.organisation.id === w.orgA),
        ).toBe(true);
      } finally {
        await t
          .http()
          .patch(`/api/organisations/${w.orgA}`)
          .set('authorization', w.admin.auth)
          .send({ sharedTicketVisibility: false })
          .expect(200);
      }
    });
  });

  describe('changing', () => {
    let id: string;
    beforeEach(async () => {
      id = (await create(w.a1.auth).expect(201)).body.id;
    });
    const patch = (auth: string, body: object) =>
      t.http().patch(`/api/tickets/${id}`).set('authorization', auth).send(body);

    it('an engineer assigns, re-prioritises, groups and tags; each change is in the history', async () => {
      const [group] = (await t.http().get('/api/groups').set('authorization', w.engineer.auth).expect(200))
        .body;
      const res = await patch(w.engineer.auth, {
        status: 'open',
        priority: 'P1',
        assigneeId: w.engineer2.id,
        groupId: group.id,
        tags: ['VoIP', 'site-b', 'voip'],
      }).expect(200);
      expect(res.body).toMatchObject({
        status: 'open',
        priority: 'P1',
        assignee: { id: w.engineer2.id, name: 'Nia Okafor' },
        group: { id: group.id },
        tags: ['voip', 'site-b'],
      });
      const history = await t
        .http()
        .get(`/api/tickets/${id}/history`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(history.body.map((h: { field: string }) => h.field).sort()).toEqual([
        'assignee',
        'group',
        'priority',
        'status',
        'tags',
      ]);
      const assignee = history.body.find((h: { field: string }) => h.field === 'assignee');
      expect(assignee).toMatchObject({
        from: null,
        to: 'Nia Okafor',
        actor: { id: w.engineer.id, name: 'Sam Patel' },
      });
      const status = history.body.find((h: { field: string }) => h.field === 'status');
      expect(status).toMatchObject({ from: 'new', to: 'open' });
    });

    it('refuses an illegal transition with 409 naming the allowed statuses, changing nothing', async () => {
      await patch(w.engineer.auth, { status: 'closed' }).expect(200);
      const res = await patch(w.engineer.auth, { status: 'open' }).expect(409);
      expect(res.body.message).toMatch(/closed.*allowed: none/);
      const resolved = (await create(w.a1.auth).expect(201)).body.id;
      await t
        .http()
        .patch(`/api/tickets/${resolved}`)
        .set('authorization', w.engineer.auth)
        .send({ status: 'resolved' })
        .expect(200);
      const back = await t
        .http()
        .patch(`/api/tickets/${resolved}`)
        .set('authorization', w.engineer.auth)
        .send({ status: 'new' })
        .expect(409);
      expect(back.body.message).toContain('allowed: open, closed');
    });

    it.each([
      [{ status: 'done' }, 'status'],
      [{ priority: 'urgent' }, 'priority'],
      [{ assigneeId: 'sam' }, 'assigneeId'],
      [{ groupId: 7 }, 'groupId'],
      [{ reference: 'HD-1' }, 'reference'],
    ])('answers %j with 400 naming the field', async (body, field) => {
      const res = await patch(w.engineer.auth, body).expect(400);
      expect(res.body.fields).toHaveProperty([field]);
    });

    it('only assigns to engineers, and only staff may change tickets', async () => {
      const res = await patch(w.engineer.auth, { assigneeId: w.a1.id }).expect(400);
      expect(res.body.fields).toHaveProperty('assigneeId');
      await patch(w.a1.auth, { priority: 'P1' }).expect(403);
      await patch(w.dpo.auth, { priority: 'P1' }).expect(403);
      await t.http().patch(`/api/tickets/${id}`).send({ priority: 'P1' }).expect(401);
      const history = await t.http().get(`/api/tickets/${id}/history`).set('authorization', w.a1.auth);
      expect(history.status).toBe(403);
    });

    it('pauses the SLA clock while pending the customer and moves the deadline on when it resumes', async () => {
      const before = (await t.http().get(`/api/tickets/${id}`).set('authorization', w.engineer.auth)).body;
      const paused = (await patch(w.engineer.auth, { status: 'pending_customer' }).expect(200)).body;
      expect(paused.nextDueAt).toBeNull();
      expect(paused.sla.firstResponse.state).toBe('paused');
      // Pretend the customer took 2 hours (of 24x7 time, to keep the arithmetic obvious): a P1.
      await t.db.query(
        `UPDATE tickets SET priority = 'P1', first_response_due_at = now() + interval '30 minutes',
           first_response_at_risk_at = now() + interval '15 minutes', sla_paused_at = now() - interval '2 hours' WHERE id = $1`,
        [id],
      );
      const resumed = (await patch(w.engineer.auth, { status: 'open' }).expect(200)).body;
      const due = new Date(resumed.sla.firstResponse.dueAt).getTime();
      expect(due - Date.now()).toBeGreaterThan(2 * 3600_000);
      expect(due - Date.now()).toBeLessThan(2.6 * 3600_000);
      expect(resumed.nextDueAt).toBe(resumed.sla.firstResponse.dueAt);
      expect(before.sla.firstResponse.state).toBe('ok');
    });
  });

  describe('the engineer queue', () => {
    it('sorts by the next SLA deadline, filters, searches, pages and counts', async () => {
      const q = await t
        .http()
        .get('/api/tickets?limit=100')
        .set('authorization', w.engineer.auth)
        .expect(200);
      const dues = q.body.items.map((i: { nextDueAt: string | null }) =>
        i.nextDueAt ? Date.parse(i.nextDueAt) : Infinity,
      );
      expect(dues).toEqual([...dues].sort((a, b) => a - b));
      expect(Object.keys(q.body.counts).sort()).toEqual([
        'closed',
        'new',
        'on_hold',
        'open',
        'pending_customer',
        'resolved',
      ]);

      // Keyset pages: same items, no repeats.
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await t
          .http()
          .get('/api/tickets')
          .query({ limit: 3, ...(cursor ? { cursor } : {}) })
          .set('authorization', w.engineer.auth)
          .expect(200);
        seen.push(...page.body.items.map((i) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(q.body.items.map((i: { id: string }) => i.id));
    });

    it('brings the counts with an empty page (they come joined to its rows)', async () => {
      await create(w.engineer.auth, { ...fault, requesterId: w.a1.id }).expect(201);
      const all = await t.http().get('/api/tickets').set('authorization', w.engineer.auth).expect(200);
      expect(all.body.counts.new).toBeGreaterThan(0);
      const emptyStatus = Object.keys(all.body.counts).find((s) => all.body.counts[s] === 0);
      const empty = await t
        .http()
        .get('/api/tickets')
        .query({ status: emptyStatus })
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(empty.body.items).toEqual([]);
      expect(empty.body.counts).toEqual(all.body.counts);
      // The same for a narrowed queue, counted from the tickets themselves.
      const narrowed = await t
        .http()
        .get('/api/tickets')
        .query({ status: emptyStatus, requesterId: w.a1.id })
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(narrowed.body.items).toEqual([]);
      expect(narrowed.body.countsExact).toBe(false);
      expect(narrowed.body.counts.new).toBeGreaterThan(0);
    });

    it('filters by assignee (me, unassigned), priority, status and SLA state', async () => {
      const mineId = (
        await create(w.engineer.auth, { ...fault, priority: 'P4', requesterId: w.a1.id }).expect(201)
      ).body.id;
      await t
        .http()
        .patch(`/api/tickets/${mineId}`)
        .set('authorization', w.engineer.auth)
        .send({ assigneeId: w.engineer.id })
        .expect(200);
      const mine = await t
        .http()
        .get('/api/tickets?assigneeId=me')
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([mineId]);
      const unassigned = await t
        .http()
        .get('/api/tickets?assigneeId=unassigned&limit=100')
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(unassigned.body.items.every((i: { assignee: unknown }) => i.assignee === null)).toBe(true);
      const p4 = await t
        .http()
        .get('/api/tickets?priority=P4')
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(p4.body.items.every((i: { priority: string }) => i.priority === 'P4')).toBe(true);

      await t.db.query("UPDATE tickets SET next_due_at = now() - interval '5 minutes' WHERE id = $1", [
        mineId,
      ]);
      const breached = await t
        .http()
        .get('/api/tickets?sla=breached')
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(breached.body.items.map((i: { id: string }) => i.id)).toEqual([mineId]);
      await t.db.query(
        "UPDATE tickets SET next_due_at = now() + interval '5 minutes', next_at_risk_at = now() - interval '1 minute' WHERE id = $1",
        [mineId],
      );
      const atRisk = await t
        .http()
        .get('/api/tickets?sla=at_risk')
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(atRisk.body.items.map((i: { id: string }) => i.id)).toEqual([mineId]);
      await t.http().get('/api/tickets?sla=late').set('authorization', w.engineer.auth).expect(400);
      await t.http().get('/api/tickets?assigneeId=bob').set('authorization', w.engineer.auth).expect(400);
    });

    it('searches subjects, descriptions and messages in full text, and by reference', async () => {
      const created = await create(w.b1.auth, {
        ...fault,
        subject: 'Router keeps rebooting',
        description: 'The Draytek reboots hourly.',
      }).expect(201);
      await t
        .http()
        .post(`/api/tickets/${created.body.id}/messages`)
        .set('authorization', w.engineer.auth)
        .send({ body: 'Firmware flashed; watching the uptime graphs.', visibility: 'internal' })
        .expect(201);
      const bySubject = await t
        .http()
        .get('/api/tickets?q=rebooting')
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(bySubject.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
      const byMessage = await t
        .http()
        .get('/api/tickets?q=firmware uptime')
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(byMessage.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
      const byRef = await t
        .http()
        .get(`/api/tickets?q=${created.body.reference}`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(byRef.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
      // A customer's search never matches the text of internal notes.
      const customer = await t
        .http()
        .get('/api/tickets?q=firmware')
        .set('authorization', w.b1.auth)
        .expect(200);
      expect(customer.body.items).toEqual([]);
    });
  });

  describe('search by equipment, requester and organisation', () => {
    let quentin: Account;
    let sunita: Account;
    let rhea: Account;
    let handset: string;
    let mailbox: string;
    const account = async (fullName: string, organisationId: string): Promise<Account> => {
      const user = await createUser(t, 'customer', { fullName, organisationId });
      return { ...user, auth: await bearerFor(t, user.email) };
    };
    const found = async (auth: string, q: string): Promise<string[]> =>
      (
        await t
          .http()
          .get(`/api/tickets?q=${encodeURIComponent(q)}`)
          .set('authorization', auth)
          .expect(200)
      ).body.items.map((i: { id: string }) => i.id);
    const nameSeenAs = (visibility: Record<string, string>) =>
      t
        .http()
        .patch('/api/privacy/fields/person.fullName')
        .set('authorization', w.dpo.auth)
        .send({
          visibility: { customer: 'clear', engineer: 'clear', dpo: 'clear', admin: 'clear', ...visibility },
        })
        .expect(200);

    beforeAll(async () => {
      const { rows } = await t.db.query(
        "INSERT INTO organisations (name, shared_ticket_visibility) VALUES ('Kestrel Logistics', true) RETURNING id",
      );
      quentin = await account('Quentin Marsh', rows[0].id);
      sunita = await account('Sunita Rao', rows[0].id); // a colleague: the organisation shares tickets
      rhea = await account('Rhea Solberg', w.orgB);
      handset = (
        await create(quentin.auth, {
          type: 'fault',
          subject: 'Handset silent',
          description: 'No audio either way since the move.',
          equipment: { assetTag: 'KES-7731', model: 'Polycom VVX 450', serialNumber: 'PX9Q77123' },
        }).expect(201)
      ).body.id;
      mailbox = (
        await create(rhea.auth, {
          type: 'service_request',
          subject: 'Mailbox for a starter',
          description: 'From Monday.',
        }).expect(201)
      ).body.id;
    });

    it('finds a fault by its asset tag, serial number or model, for those who may see the ticket', async () => {
      for (const q of ['KES-7731', 'PX9Q77123', 'VVX 450', 'polycom']) {
        expect({ q, staff: await found(w.engineer.auth, q) }).toEqual({ q, staff: [handset] });
        expect({ q, requester: await found(quentin.auth, q) }).toEqual({ q, requester: [handset] });
        expect({ q, colleague: await found(sunita.auth, q) }).toEqual({ q, colleague: [handset] });
        expect({ q, otherOrg: await found(rhea.auth, q) }).toEqual({ q, otherOrg: [] });
      }
    });

    it('finds tickets by requester name and organisation name, within what the caller may see', async () => {
      for (const q of ['Quentin Marsh', 'marsh', 'Kestrel Logistics', 'kestrel']) {
        expect({ q, staff: await found(w.engineer.auth, q) }).toEqual({ q, staff: [handset] });
        expect({ q, dpo: await found(w.dpo.auth, q) }).toEqual({ q, dpo: [handset] });
        expect({ q, colleague: await found(sunita.auth, q) }).toEqual({ q, colleague: [handset] });
        expect({ q, otherOrg: await found(rhea.auth, q) }).toEqual({ q, otherOrg: [] });
      }
      expect(await found(w.engineer.auth, 'Rhea Solberg')).toEqual([mailbox]);
      // A customer's search of their own organisation stays within their own tickets.
      const globex = await found(rhea.auth, 'Globex Networks');
      expect(globex).toContain(mailbox);
      expect(globex).not.toContain(handset);
      const b1Tickets = await found(w.b1.auth, 'Globex Networks');
      expect(b1Tickets).not.toContain(mailbox); // Globex does not share tickets between its people
    });

    it('never finds a ticket by a name the caller’s role sees masked or hidden', async () => {
      try {
        for (const engineer of ['masked', 'hidden']) {
          await nameSeenAs({ engineer });
          expect({ engineer, found: await found(w.engineer.auth, 'Quentin Marsh') }).toEqual({
            engineer,
            found: [],
          });
          expect(await found(w.dpo.auth, 'Quentin Marsh')).toEqual([handset]);
          // What engineers may see of the ticket still finds it.
          expect(await found(w.engineer.auth, 'PX9Q77123')).toEqual([handset]);
        }
        await nameSeenAs({ customer: 'hidden' });
        expect(await found(sunita.auth, 'Quentin Marsh')).toEqual([]);
        expect(await found(quentin.auth, 'Quentin Marsh')).toEqual([handset]); // their own name
        expect(await found(sunita.auth, 'Kestrel')).toEqual([handset]); // not a personal field
      } finally {
        await nameSeenAs({});
      }
    });

    it('follows a rectified name, and an erased requester’s name no longer finds their tickets', async () => {
      await t
        .http()
        .patch(`/api/people/${quentin.personId}`)
        .set('authorization', w.dpo.auth)
        .send({ fullName: 'Quentin Harlow' })
        .expect(200);
      expect(await found(w.engineer.auth, 'Marsh')).toEqual([]);
      expect(await found(w.engineer.auth, 'Quentin Harlow')).toEqual([handset]);

      const dpo = (method: 'post' | 'get', url: string, body?: object) =>
        t.http()[method](url).set('authorization', w.dpo.auth).send(body);
      const request = await dpo('post', '/api/dsar', {
        kind: 'erasure',
        subject: { personId: quentin.personId },
        channel: 'email',
      }).expect(201);
      const id = request.body.id as string;
      await dpo('post', `/api/dsar/${id}/verify`, { method: 'known_contact_details' }).expect(200);
      const preview = await dpo('get', `/api/dsar/${id}/erasure-preview`).expect(200);
      await dpo('post', `/api/dsar/${id}/erase`, { confirmation: preview.body.confirmationPhrase }).expect(
        200,
      );

      for (const q of ['Quentin Harlow', 'Harlow', 'Quentin']) {
        expect({ q, staff: await found(w.engineer.auth, q) }).toEqual({ q, staff: [] });
        expect({ q, dpo: await found(w.dpo.auth, q) }).toEqual({ q, dpo: [] });
      }
      // The ticket itself is kept, and still found by what it is about.
      expect(await found(w.engineer.auth, 'KES-7731')).toEqual([handset]);
    });

    it('finds a customer’s own match however many tickets elsewhere match the same words', async () => {
      await t.db.query(
        `INSERT INTO tickets (type, status, priority, subject, description, requester_id, created_by_id,
                              organisation_id, closed_at, created_at, updated_at)
         SELECT 'fault', 'closed', 'P4', 'Zebra printer jam ' || g, 'Labels stuck', $1, $1, $2, now(), now(), now()
           FROM generate_series(1, 1005) AS g`,
        [rhea.id, w.orgB],
      );
      const mine = (
        await create(sunita.auth, {
          type: 'fault',
          subject: 'Zebra label printer offline',
          description: 'It shows a red light.',
        }).expect(201)
      ).body.id;
      expect(await found(sunita.auth, 'zebra printer')).toEqual([mine]);
    });
  });

  describe('messages', () => {
    let id: string;
    beforeEach(async () => {
      id = (await create(w.a1.auth).expect(201)).body.id;
    });
    const post = (auth: string, body: object) =>
      t.http().post(`/api/tickets/${id}/messages`).set('authorization', auth).send(body);
    const thread = (auth: string) => t.http().get(`/api/tickets/${id}/messages`).set('authorization', auth);

    it('customers never learn that internal notes exist: not their text, count or a changed timestamp', async () => {
      const before = (await t.http().get(`/api/tickets/${id}`).set('authorization', w.a1.auth)).body;
      await post(w.engineer.auth, {
        body: 'Customer sounds annoyed; check the PBX first.',
        visibility: 'internal',
      }).expect(201);
      const customerThread = await thread(w.a1.auth).expect(200);
      expect(customerThread.body.items).toEqual([]);
      const after = (await t.http().get(`/api/tickets/${id}`).set('authorization', w.a1.auth)).body;
      expect(after.updatedAt).toBe(before.updatedAt);
      const staffThread = await thread(w.engineer.auth).expect(200);
      expect(staffThread.body.items).toEqual([
        expect.objectContaining({
          visibility: 'internal',
          author: { id: w.engineer.id, name: 'Sam Patel', kind: 'staff' },
        }),
      ]);
    });

    it('a customer may only post public replies', async () => {
      const res = await post(w.a1.auth, { body: 'psst', visibility: 'internal' }).expect(400);
      expect(res.body.fields).toHaveProperty('visibility');
      await post(w.a1.auth, { body: 'Still broken.', visibility: 'public' }).expect(201);
    });

    it('the first public staff reply stops the first-response clock and opens a new ticket', async () => {
      await post(w.engineer.auth, { body: 'Internal only', visibility: 'internal' }).expect(201);
      let ticket = (await t.http().get(`/api/tickets/${id}`).set('authorization', w.engineer.auth)).body;
      expect(ticket.firstRespondedAt).toBeNull();
      await post(w.engineer.auth, { body: 'We are on it.', visibility: 'public' }).expect(201);
      ticket = (await t.http().get(`/api/tickets/${id}`).set('authorization', w.engineer.auth)).body;
      expect(ticket.status).toBe('open');
      expect(ticket.firstRespondedAt).not.toBeNull();
      expect(ticket.sla.firstResponse.state).toBe('met');
      expect(ticket.nextDueAt).toBe(ticket.sla.resolution.dueAt);
    });

    it('a customer reply reopens a resolved ticket; a closed ticket takes no replies', async () => {
      await t
        .http()
        .patch(`/api/tickets/${id}`)
        .set('authorization', w.engineer.auth)
        .send({ status: 'resolved' })
        .expect(200);
      await post(w.a1.auth, { body: 'It happened again.', visibility: 'public' }).expect(201);
      const reopened = (await t.http().get(`/api/tickets/${id}`).set('authorization', w.a1.auth)).body;
      expect(reopened.status).toBe('open');
      expect(reopened.resolvedAt).toBeNull();
      await t
        .http()
        .patch(`/api/tickets/${id}`)
        .set('authorization', w.engineer.auth)
        .send({ status: 'closed' })
        .expect(200);
      const closed = await post(w.a1.auth, { body: 'Hello?', visibility: 'public' }).expect(409);
      expect(closed.body.message).toMatch(/closed/);
    });

    it('others cannot read or write the thread', async () => {
      await thread(w.b1.auth).expect(404);
      await thread(w.a2.auth).expect(404);
      await post(w.b1.auth, { body: 'hi', visibility: 'public' }).expect(404);
      await post(w.dpo.auth, { body: 'hi', visibility: 'public' }).expect(403);
      await thread(w.dpo.auth).expect(200);
      await t.http().get(`/api/tickets/${id}/messages`).expect(401);
      const bad = await post(w.engineer.auth, { body: '', visibility: 'loud' }).expect(400);
      expect(Object.keys(bad.body.fields).sort()).toEqual(['body', 'visibility']);
    });
  });

  describe('auto-close', () => {
    it('closes tickets resolved 7 days ago, recording the change, and leaves newer ones', async () => {
      const { TicketsService } = await import('../../apps/api/src/tickets/tickets.service');
      const old = (await create(w.a1.auth).expect(201)).body.id;
      const recent = (await create(w.a1.auth).expect(201)).body.id;
      for (const id of [old, recent]) {
        await t
          .http()
          .patch(`/api/tickets/${id}`)
          .set('authorization', w.engineer.auth)
          .send({ status: 'resolved' })
          .expect(200);
      }
      await t.db.query("UPDATE tickets SET resolved_at = now() - interval '7 days 1 minute' WHERE id = $1", [
        old,
      ]);
      await t.db.query("UPDATE tickets SET resolved_at = now() - interval '6 days 23 hours' WHERE id = $1", [
        recent,
      ]);
      expect(await t.app.get(TicketsService).closeStaleResolved()).toBe(1);
      const statuses = await t.db.query('SELECT id, status FROM tickets WHERE id = ANY($1)', [[old, recent]]);
      expect(Object.fromEntries(statuses.rows.map((r) => [r.id, r.status]))).toEqual({
        [old]: 'closed',
        [recent]: 'resolved',
      });
      const history = await t.http().get(`/api/tickets/${old}/history`).set('authorization', w.engineer.auth);
      expect(history.body[0]).toMatchObject({
        field: 'status',
        from: 'resolved',
        to: 'closed',
        actor: { id: null, name: 'Hushdesk' },
      });
      expect(await t.app.get(TicketsService).closeStaleResolved()).toBe(0);
    });
  });

  describe('staff lookups', () => {
    it.each(['/api/groups', '/api/engineers', '/api/dashboard'])('%s is for staff only', async (path) => {
      await t.http().get(path).set('authorization', w.engineer.auth).expect(200);
      await t.http().get(path).set('authorization', w.a1.auth).expect(403);
      await t.http().get(path).expect(401);
    });

    it('the dashboard counts open tickets by priority and SLA state', async () => {
      const res = await t.http().get('/api/dashboard').set('authorization', w.engineer.auth).expect(200);
      const open = (
        await t.db.query(
          "SELECT count(*)::int AS n FROM tickets WHERE status IN ('new','open','pending_customer','on_hold')",
        )
      ).rows[0].n;
      const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
      expect(sum(res.body.openByPriority)).toBe(open);
      expect(sum(res.body.openBySla)).toBe(open);
    });
  });

  // Last in the file: it adds a thousand closed tickets.
  describe('queue counts at scale', () => {
    it('counts the whole queue exactly from the kept counts, and a narrowed one up to the limit', async () => {
      await t.db.query(
        `INSERT INTO tickets (type, status, priority, subject, description, requester_id, created_by_id,
                              organisation_id, closed_at, created_at, updated_at)
         SELECT 'fault', 'closed', 'P4', 'Old fault ' || g, 'Closed long ago', $1, $1, $2, now(), now(), now()
           FROM generate_series(1, 1005) AS g`,
        [w.a1.id, w.orgA],
      );
      const res = await t
        .http()
        .get('/api/tickets?limit=5')
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(res.body.countsLimit).toBe(1000);
      // Exact, from ticket_status_counts (kept by triggers), and equal to a full count.
      const { rows } = await t.db.query(`SELECT status, count(*)::int AS n FROM tickets GROUP BY status`);
      expect(res.body.countsExact).toBe(true);
      expect(res.body.counts.closed).toBeGreaterThanOrEqual(1005);
      for (const r of rows) expect(res.body.counts[r.status]).toBe(r.n);
      const own = await t
        .http()
        .get('/api/tickets?status=new')
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(own.body.counts.new).toBeLessThan(1000);
      expect(res.body.countsPartial).toBe(false);
      // A filtered queue counts its first thousand matches, and says there were more.
      const filtered = await t
        .http()
        .get(`/api/tickets?requesterId=${w.a1.id}`)
        .set('authorization', w.engineer.auth)
        .expect(200);
      expect(filtered.body.countsPartial).toBe(true);
      expect(filtered.body.countsExact).toBe(false);
      const mine = await t.http().get('/api/tickets').set('authorization', w.a2.auth).expect(200);
      expect(mine.body.countsPartial).toBe(false);
    });
  });
});
