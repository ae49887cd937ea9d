import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * `POST /api/tickets/:id/undo`: an engineer takes back their own last change, shortly after making
 * it, as long as nobody has changed those fields since. The undo is a change like any other: it
 * is in the history, moves the SLA clocks and is published live.
 */
describe('undoing a ticket change', () => {
  let t: TestApp;
  let w: World;

  const newTicket = async (): Promise<string> =>
    (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a1.auth)
        .send({ type: 'fault', subject: 'Line is dead', description: 'No dial tone since 9am.' })
        .expect(201)
    ).body.id as string;
  const patch = (id: string, auth: string, body: object) =>
    t.http().patch(`/api/tickets/${id}`).set('authorization', auth).send(body);
  const undo = (id: string, auth: string) =>
    t.http().post(`/api/tickets/${id}/undo`).set('authorization', auth);
  const history = async (id: string) =>
    (
      await t.db.query(
        'SELECT field, from_value, to_value, actor_id FROM ticket_history WHERE ticket_id = $1 ORDER BY at, id',
        [id],
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('restores every field of the last change, back to New, and records the undo', async () => {
    const id = await newTicket();
    await patch(id, w.engineer.auth, { status: 'pending_customer', priority: 'P1' }).expect(200);
    const before = await t.db.query('SELECT sla_paused_at FROM tickets WHERE id = $1', [id]);
    expect(before.rows[0].sla_paused_at).not.toBeNull();

    const res = await undo(id, w.engineer.auth).expect(200);
    expect(res.body).toMatchObject({ id, status: 'new', priority: 'P3' });
    const { rows } = await t.db.query('SELECT status, priority, sla_paused_at FROM tickets WHERE id = $1', [
      id,
    ]);
    expect(rows[0]).toEqual({ status: 'new', priority: 'P3', sla_paused_at: null });
    expect(await history(id)).toEqual(
      expect.arrayContaining([
        { field: 'status', from_value: 'pending_customer', to_value: 'new', actor_id: w.engineer.id },
        { field: 'priority', from_value: 'P1', to_value: 'P3', actor_id: w.engineer.id },
      ]),
    );
    expect(await history(id)).toHaveLength(4);
  });

  it('undoes an accidental close, reopening the ticket as it was', async () => {
    const id = await newTicket();
    await patch(id, w.engineer.auth, { status: 'open' }).expect(200);
    await patch(id, w.engineer.auth, { status: 'closed' }).expect(200);
    const res = await undo(id, w.engineer.auth).expect(200);
    expect(res.body.status).toBe('open');
    const { rows } = await t.db.query('SELECT closed_at FROM tickets WHERE id = $1', [id]);
    expect(rows[0].closed_at).toBeNull();
  });

  it('restores the assignee and the group', async () => {
    const id = await newTicket();
    await patch(id, w.engineer.auth, { assigneeId: w.engineer.id }).expect(200);
    await patch(id, w.engineer.auth, { assigneeId: w.engineer2.id }).expect(200);
    expect((await undo(id, w.engineer.auth).expect(200)).body.assignee.id).toBe(w.engineer.id);
  });

  it('refuses when someone else changed those fields since, naming why', async () => {
    const id = await newTicket();
    await patch(id, w.engineer.auth, { status: 'open' }).expect(200);
    await patch(id, w.engineer2.auth, { status: 'on_hold' }).expect(200);
    const res = await undo(id, w.engineer.auth).expect(409);
    expect(res.body.message).toMatch(/changed since/i);
    expect((await t.db.query('SELECT status FROM tickets WHERE id = $1', [id])).rows[0].status).toBe(
      'on_hold',
    );
  });

  it('takes back the change made in the controls, not the status a reply then moved on with', async () => {
    const id = await newTicket();
    await patch(id, w.engineer.auth, { priority: 'P1' }).expect(200);
    // A public reply moves a New ticket to Open: the reply's doing, already seen by the customer.
    await t
      .http()
      .post(`/api/tickets/${id}/messages`)
      .set('authorization', w.engineer.auth)
      .send({ body: 'Looking into it now.', visibility: 'public' })
      .expect(201);
    const res = await undo(id, w.engineer.auth).expect(200);
    expect(res.body).toMatchObject({ status: 'open', priority: 'P3' });

    const replied = await newTicket();
    await t
      .http()
      .post(`/api/tickets/${replied}/messages`)
      .set('authorization', w.engineer.auth)
      .send({ body: 'On it.', visibility: 'public' })
      .expect(201);
    expect((await undo(replied, w.engineer.auth).expect(409)).body.message).toMatch(/nothing of yours/i);
  });

  it('undoes only the caller’s own change', async () => {
    const id = await newTicket();
    await patch(id, w.engineer2.auth, { priority: 'P2' }).expect(200);
    const res = await undo(id, w.engineer.auth).expect(409);
    expect(res.body.message).toMatch(/nothing of yours to undo/i);
  });

  it('refuses once the change is older than the undo window', async () => {
    const id = await newTicket();
    await patch(id, w.engineer.auth, { priority: 'P4' }).expect(200);
    await t.db.query("UPDATE ticket_history SET at = at - interval '10 minutes' WHERE ticket_id = $1", [id]);
    const res = await undo(id, w.engineer.auth).expect(409);
    expect(res.body.message).toMatch(/too long ago/i);
    expect((await t.db.query('SELECT priority FROM tickets WHERE id = $1', [id])).rows[0].priority).toBe(
      'P4',
    );
  });

  it('a second undo takes back the undo (redo), and customers may not undo', async () => {
    const id = await newTicket();
    await patch(id, w.engineer.auth, { priority: 'P2' }).expect(200);
    await undo(id, w.engineer.auth).expect(200);
    expect((await undo(id, w.engineer.auth).expect(200)).body.priority).toBe('P2');
    await undo(id, w.a1.auth).expect(403);
    await undo('00000000-0000-4000-8000-000000000000', w.engineer.auth).expect(404);
  });
});
