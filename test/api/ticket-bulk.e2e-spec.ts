import type { TicketSummary } from '@hushdesk/api-client';
import { connect, Inbox, type ClientSocket } from '../support/sockets';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * `POST /api/tickets/bulk-changes`: many tickets changed as one, each in its history, one audit
 * entry, and one undo (`POST /api/tickets/bulk-changes/:id/undo`) that restores every ticket.
 */
describe('bulk changes to the queue', () => {
  let t: TestApp;
  let w: World;

  const newTicket = async (auth = w.a1.auth, extra: object = {}): Promise<string> =>
    (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', auth)
        .send({ type: 'fault', subject: 'Line is dead', description: 'No dial tone since 9am.', ...extra })
        .expect(201)
    ).body.id as string;
  const bulk = (auth: string, body: object) =>
    t.http().post('/api/tickets/bulk-changes').set('authorization', auth).send(body);
  const undo = (auth: string, id: string) =>
    t.http().post(`/api/tickets/bulk-changes/${id}/undo`).set('authorization', auth);
  const state = async (ids: string[]) =>
    (
      await t.db.query(
        'SELECT id, status, priority, assignee_id, group_id, tags FROM tickets WHERE id = ANY($1) ORDER BY id',
        [ids],
      )
    ).rows;
  const historyOf = async (ids: string[]) =>
    (
      await t.db.query(
        `SELECT ticket_id, field, from_value, to_value, actor_id FROM ticket_history
          WHERE ticket_id = ANY($1) ORDER BY ticket_id, field`,
        [ids],
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('assigns, prioritises and tags many tickets, each in its history, with one audit entry', async () => {
    const ids = [await newTicket(), await newTicket(), await newTicket()];
    const res = await bulk(w.engineer.auth, {
      ticketIds: ids,
      changes: { assigneeId: w.engineer2.id, priority: 'P1', addTags: ['outage'] },
    }).expect(200);
    expect(res.body).toMatchObject({ changed: 3, unchanged: 0, skipped: 0 });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    for (const row of await state(ids)) {
      expect(row).toMatchObject({ priority: 'P1', assignee_id: w.engineer2.id, tags: ['outage'] });
    }
    const history = await historyOf(ids);
    expect(history).toHaveLength(9);
    expect(history.every((h) => h.actor_id === w.engineer.id)).toBe(true);
    expect(history).toEqual(
      expect.arrayContaining([
        {
          ticket_id: ids[0],
          field: 'assignee',
          from_value: null,
          to_value: w.engineer2.id,
          actor_id: w.engineer.id,
        },
        { ticket_id: ids[1], field: 'priority', from_value: 'P3', to_value: 'P1', actor_id: w.engineer.id },
        { ticket_id: ids[2], field: 'tags', from_value: null, to_value: 'outage', actor_id: w.engineer.id },
      ]),
    );
    const audit = await t.db.query(
      `SELECT actor_id, target_id, fields, details FROM audit_log WHERE action = 'ticket.bulk_update' AND target_id = $1`,
      [res.body.id],
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].actor_id).toBe(w.engineer.id);
    expect([...audit.rows[0].fields].sort()).toEqual(['assignee', 'priority', 'tags']);
    expect([...audit.rows[0].details.tickets].sort()).toEqual([...ids].sort());
    // The SLA clocks moved with the priority, as a single PATCH moves them.
    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1) AND next_due_at IS NOT NULL',
      [ids],
    );
    expect(rows[0].n).toBe(3);
  });

  it('one undo restores every ticket, in the history and the audit log', async () => {
    const ids = [await newTicket(), await newTicket()];
    await t
      .http()
      .patch(`/api/tickets/${ids[1]}`)
      .set('authorization', w.engineer.auth)
      .send({ tags: ['keep'] })
      .expect(200);
    const before = await state(ids);
    const res = await bulk(w.engineer.auth, {
      ticketIds: ids,
      changes: { status: 'open', groupId: null, addTags: ['bulk'], removeTags: ['keep'] },
    }).expect(200);
    expect(res.body.changed).toBe(2);
    const undone = await undo(w.engineer.auth, res.body.id).expect(200);
    expect(undone.body).toEqual({ id: res.body.id, restored: 2, skipped: 0 });
    expect(await state(ids)).toEqual(before);
    const history = await historyOf(ids);
    expect(history.filter((h) => h.field === 'status' && h.to_value === 'new')).toHaveLength(2);
    const audit = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'ticket.bulk_undo' AND target_id = $1`,
      [res.body.id],
    );
    expect(audit.rows[0].n).toBe(1);
    // Once only.
    expect((await undo(w.engineer.auth, res.body.id).expect(409)).body.message).toMatch(/already undone/);
  });

  it('undo leaves a ticket someone changed since, and restores the rest', async () => {
    const ids = [await newTicket(), await newTicket()];
    const res = await bulk(w.engineer.auth, { ticketIds: ids, changes: { priority: 'P2' } }).expect(200);
    await t
      .http()
      .patch(`/api/tickets/${ids[0]}`)
      .set('authorization', w.engineer2.auth)
      .send({ priority: 'P4' })
      .expect(200);
    expect((await undo(w.engineer.auth, res.body.id).expect(200)).body).toMatchObject({
      restored: 1,
      skipped: 1,
    });
    const rows = await state(ids);
    expect(rows.find((r) => r.id === ids[0])?.priority).toBe('P4');
    expect(rows.find((r) => r.id === ids[1])?.priority).toBe('P3');
  });

  it('only its author can undo it', async () => {
    const res = await bulk(w.engineer.auth, {
      ticketIds: [await newTicket()],
      changes: { priority: 'P2' },
    }).expect(200);
    await undo(w.engineer2.auth, res.body.id).expect(404);
    await undo(w.a1.auth, res.body.id).expect(403);
  });

  it('skips tickets the workflow does not allow that status from, and those under a restriction', async () => {
    const closed = await newTicket();
    await t
      .http()
      .patch(`/api/tickets/${closed}`)
      .set('authorization', w.engineer.auth)
      .send({ status: 'open' })
      .expect(200);
    await t
      .http()
      .patch(`/api/tickets/${closed}`)
      .set('authorization', w.engineer.auth)
      .send({ status: 'closed' })
      .expect(200);
    const restricted = await newTicket(w.a2.auth);
    await t.db.query('UPDATE people SET processing_restricted_at = now() WHERE id = $1', [w.a2.personId]);
    const fine = await newTicket();
    try {
      const res = await bulk(w.engineer.auth, {
        ticketIds: [closed, restricted, fine],
        changes: { status: 'pending_customer' },
      }).expect(200);
      expect(res.body).toMatchObject({ changed: 1, skipped: 2 });
      const rows = await state([closed, restricted, fine]);
      expect(rows.find((r) => r.id === closed)?.status).toBe('closed');
      expect(rows.find((r) => r.id === restricted)?.status).toBe('new');
      expect(rows.find((r) => r.id === fine)?.status).toBe('pending_customer');
    } finally {
      await t.db.query('UPDATE people SET processing_restricted_at = NULL WHERE id = $1', [w.a2.personId]);
    }
  });

  it('changes nothing when one id is not a ticket the caller may see', async () => {
    const id = await newTicket();
    await bulk(w.engineer.auth, {
      ticketIds: [id, '00000000-0000-4000-8000-000000000000'],
      changes: { priority: 'P1' },
    }).expect(404);
    expect((await state([id]))[0].priority).toBe('P3');
  });

  it('refuses customers and DPOs, and names the field of a bad body', async () => {
    const id = await newTicket();
    await bulk(w.a1.auth, { ticketIds: [id], changes: { priority: 'P1' } }).expect(403);
    await bulk(w.dpo.auth, { ticketIds: [id], changes: { priority: 'P1' } }).expect(403);
    await t
      .http()
      .post('/api/tickets/bulk-changes')
      .send({ ticketIds: [id], changes: { priority: 'P1' } })
      .expect(401);
    const noTarget = await bulk(w.engineer.auth, { changes: { priority: 'P1' } }).expect(400);
    expect(noTarget.body.fields).toHaveProperty('ticketIds');
    const both = await bulk(w.engineer.auth, {
      ticketIds: [id],
      filter: {},
      changes: { priority: 'P1' },
    }).expect(400);
    expect(both.body.fields).toHaveProperty('ticketIds');
    const nothing = await bulk(w.engineer.auth, { ticketIds: [id], changes: {} }).expect(400);
    expect(nothing.body.fields).toHaveProperty('changes');
    const badStatus = await bulk(w.engineer.auth, { ticketIds: [id], changes: { status: 'gone' } }).expect(
      400,
    );
    expect(JSON.stringify(badStatus.body.fields)).toContain('status');
    const notEngineer = await bulk(w.engineer.auth, {
      ticketIds: [id],
      changes: { assigneeId: w.a1.id },
    }).expect(400);
    expect(notEngineer.body.fields).toHaveProperty('assigneeId');
    const tooMany = await bulk(w.engineer.auth, {
      ticketIds: Array.from({ length: 1001 }, () => id),
      changes: { priority: 'P1' },
    }).expect(400);
    expect(JSON.stringify(tooMany.body.fields)).toContain('ticketIds');
  });

  it('"select all matching" resolves the filter on the server', async () => {
    const { rows } = await t.db.query(
      `INSERT INTO ticket_groups (name) VALUES ('Bulk filter group') RETURNING id`,
    );
    const group = rows[0].id as string;
    const inGroup = [
      await newTicket(w.engineer.auth, { requesterId: w.a1.id, groupId: group }),
      await newTicket(w.engineer.auth, { requesterId: w.b1.id, groupId: group }),
    ];
    const outside = await newTicket();
    const res = await bulk(w.engineer.auth, {
      filter: { groupId: group },
      changes: { assigneeId: w.engineer.id },
    }).expect(200);
    expect(res.body.changed).toBe(2);
    const after = await state([...inGroup, outside]);
    expect(
      after
        .filter((r) => r.assignee_id === w.engineer.id)
        .map((r) => r.id)
        .sort(),
    ).toEqual([...inGroup].sort());
  });

  it('tells other engineers’ queues live, and keeps the status counts true', async () => {
    const counts = async () =>
      (await t.http().get('/api/tickets?limit=1').set('authorization', w.engineer.auth).expect(200)).body
        .counts;
    const ids = [await newTicket(), await newTicket()];
    const before = await counts();
    let socket: ClientSocket | undefined;
    try {
      socket = await connect(t.baseUrl as string, { bearer: w.engineer2.auth });
      const inbox = new Inbox(socket);
      await bulk(w.engineer.auth, { ticketIds: ids, changes: { status: 'open' } }).expect(200);
      for (const id of ids) {
        const event = await inbox.waitFor<TicketSummary>('ticket.updated', (e) => e.id === id);
        expect(event.status).toBe('open');
      }
    } finally {
      socket?.disconnect();
    }
    const after = await counts();
    expect(after.new).toBe(before.new - 2);
    expect(after.open).toBe(before.open + 2);
  });

  it('changes 500 tickets in one request, well inside the budget', async () => {
    const ids = (
      await t.db.query(
        `INSERT INTO tickets (type, subject, description, requester_id, created_by_id, organisation_id)
         SELECT 'fault', 'Bulk ' || g, 'Many at once', $1, $1, $2 FROM generate_series(1, 500) g RETURNING id`,
        [w.a1.id, w.orgA],
      )
    ).rows.map((r) => r.id as string);
    const started = Date.now();
    const res = await bulk(w.engineer.auth, {
      ticketIds: ids,
      changes: { status: 'open', assigneeId: w.engineer2.id },
    }).expect(200);
    expect(res.body.changed).toBe(500);
    expect(Date.now() - started).toBeLessThan(2000);
    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = ANY($1)',
      [ids],
    );
    expect(rows[0].n).toBe(1000);
    expect((await undo(w.engineer.auth, res.body.id).expect(200)).body.restored).toBe(500);
  });
});
