import type { Role } from '@hushdesk/contracts';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * Macros: personal ones are their owner's alone, shared ones are written by admins; applying one
 * fills its placeholders from what the engineer's own ticket page shows (a masked name stays
 * masked, a hidden one is never read) and makes its ticket changes through the PATCH path.
 */
describe('macros', () => {
  let t: TestApp;
  let w: World;
  let ticketId: string;
  let reference: string;
  const PHONE = '07700 900654';

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send({ type: 'fault', subject: 'Printer jams', description: 'Every page.', contactPhone: PHONE })
      .expect(201);
    ticketId = ticket.body.id;
    reference = ticket.body.reference;
  });
  afterAll(() => t.close());

  const http = () => t.http();
  const create = (auth: string, body: object, status = 201) =>
    http().post('/api/macros').set('authorization', auth).send(body).expect(status);
  const list = async (auth: string, q?: string) =>
    (
      await http()
        .get('/api/macros')
        .query(q ? { q } : {})
        .set('authorization', auth)
        .expect(200)
    ).body as { id: string; title: string; shared: boolean; editable: boolean }[];
  const apply = (auth: string, macroId: string, ticket = ticketId) =>
    http().post(`/api/macros/${macroId}/apply`).set('authorization', auth).send({ ticketId: ticket });
  const setPolicy = async (
    field: string,
    visibility: Partial<Record<Role, string>>,
    masking?: string,
  ): Promise<void> => {
    const current = (
      await http().get('/api/privacy/fields').set('authorization', w.dpo.auth).expect(200)
    ).body.find((f: { field: string }) => f.field === field);
    await http()
      .patch(`/api/privacy/fields/${field}`)
      .set('authorization', w.dpo.auth)
      .send({ visibility: { ...current.visibility, ...visibility }, ...(masking ? { masking } : {}) })
      .expect(200);
  };

  it('keeps a personal macro to its owner: others neither list, change, delete nor apply it', async () => {
    const mine = await create(w.engineer.auth, { title: 'Printer restart', body: 'Restart it.' });
    expect(mine.body).toMatchObject({ shared: false, editable: true, actions: {} });
    expect((await list(w.engineer.auth)).map((m) => m.id)).toContain(mine.body.id);
    for (const other of [w.engineer2.auth, w.admin.auth]) {
      expect((await list(other)).map((m) => m.id)).not.toContain(mine.body.id);
      await http()
        .patch(`/api/macros/${mine.body.id}`)
        .set('authorization', other)
        .send({ title: 'Mine now' })
        .expect(404);
      await http().delete(`/api/macros/${mine.body.id}`).set('authorization', other).expect(404);
      await apply(other, mine.body.id).expect(404);
    }
    const { rows } = await t.db.query('SELECT title FROM macros WHERE id = $1', [mine.body.id]);
    expect(rows[0].title).toBe('Printer restart');
  });

  it('lets only admins create and change shared macros, which every engineer uses', async () => {
    await create(w.engineer.auth, { title: 'Shared?', body: 'x', shared: true }, 403);
    const shared = await create(w.admin.auth, { title: 'Welcome', body: 'Welcome!', shared: true });
    expect(shared.body).toMatchObject({ shared: true, editable: true });
    const seen = (await list(w.engineer2.auth)).find((m) => m.id === shared.body.id);
    expect(seen).toMatchObject({ shared: true, editable: false });
    await http()
      .patch(`/api/macros/${shared.body.id}`)
      .set('authorization', w.engineer.auth)
      .send({ body: 'Changed' })
      .expect(403);
    await http().delete(`/api/macros/${shared.body.id}`).set('authorization', w.engineer.auth).expect(403);
    await http()
      .patch(`/api/macros/${shared.body.id}`)
      .set('authorization', w.admin.auth)
      .send({ body: 'Welcome to support!' })
      .expect(200);
    await apply(w.engineer2.auth, shared.body.id).expect(200);
  });

  it('refuses customers, unknown placeholders and bad actions, naming the field', async () => {
    await http().get('/api/macros').set('authorization', w.a1.auth).expect(403);
    await create(w.a1.auth, { title: 'x', body: 'y' }, 403);
    const unknown = await create(w.engineer.auth, { title: 'x', body: 'Hi {{requester.email}}' }, 400);
    expect(unknown.body.fields).toHaveProperty('body');
    const bad = await create(w.engineer.auth, { title: 'x', body: 'y', actions: { status: 'gone' } }, 400);
    expect(Object.keys(bad.body.fields)).toEqual(['actions.status']);
  });

  it('finds macros by words of the title or text', async () => {
    await create(w.engineer.auth, { title: 'Router reboot', body: 'Pull the plug for 30 s.' });
    expect((await list(w.engineer.auth, 'router')).map((m) => m.title)).toEqual(['Router reboot']);
    expect((await list(w.engineer.auth, 'plug')).map((m) => m.title)).toEqual(['Router reboot']);
    await http().get('/api/macros?q=%25').set('authorization', w.engineer.auth).expect(400);
  });

  it('fills placeholders and makes its changes through the ticket update path, in the history', async () => {
    const macro = await create(w.engineer.auth, {
      title: 'Waiting on customer',
      body: 'Hello {{requester.firstName}},\n\nAbout {{ ticket.reference }} ({{ticket.subject}}).\n\n{{engineer.name}}',
      actions: { status: 'pending_customer', priority: 'P2', tags: ['printer'], assigneeId: w.engineer.id },
    });
    const res = await apply(w.engineer.auth, macro.body.id).expect(200);
    expect(res.body.body).toBe(`Hello Alice,\n\nAbout ${reference} (Printer jams).\n\nSam Patel`);
    expect(res.body.withheld).toEqual([]);
    expect(res.body.ticket).toMatchObject({ status: 'pending_customer', priority: 'P2', tags: ['printer'] });
    const history = (
      await http().get(`/api/tickets/${ticketId}/history`).set('authorization', w.engineer.auth).expect(200)
    ).body as { field: string; actor: { id: string } }[];
    expect(history.map((h) => h.field).sort()).toEqual(['assignee', 'priority', 'status', 'tags']);
    expect(history.every((h) => h.actor.id === w.engineer.id)).toBe(true);
    // One change like any other: the caller's Undo takes it back.
    const undone = await http()
      .post(`/api/tickets/${ticketId}/undo`)
      .set('authorization', w.engineer.auth)
      .expect(200);
    expect(undone.body).toMatchObject({ status: 'new', priority: 'P3', tags: [] });
  });

  it('changes nothing when the ticket refuses the change, and hides other tickets as 404', async () => {
    // A customer is no assignee: the whole change is refused, the priority with it.
    const macro = await create(w.engineer.auth, {
      title: 'Escalate',
      body: 'Escalating.',
      actions: { priority: 'P1', assigneeId: w.a1.id },
    });
    const refused = await apply(w.engineer.auth, macro.body.id).expect(400);
    expect(Object.keys(refused.body.fields)).toEqual(['assigneeId']);
    await apply(w.engineer.auth, macro.body.id, '00000000-0000-4000-8000-000000000000').expect(404);
    const { rows } = await t.db.query('SELECT status, priority FROM tickets WHERE id = $1', [ticketId]);
    expect(rows[0]).toEqual({ status: 'new', priority: 'P3' });
  });

  describe('field policies', () => {
    let macroId: string;
    beforeAll(async () => {
      macroId = (
        await create(w.engineer.auth, {
          title: 'Call back',
          body: 'Hi {{requester.firstName}} ({{requester.name}}), we will ring {{ticket.contactPhone}}.',
        })
      ).body.id;
    });
    afterEach(async () => {
      await setPolicy('person.fullName', { engineer: 'clear' }, 'name');
      await setPolicy('ticket.contactPhone', { engineer: 'masked' });
    });

    it('masked: the placeholder gives the masked form, never the clear value', async () => {
      await setPolicy('person.fullName', { engineer: 'masked' }, 'name');
      await setPolicy('ticket.contactPhone', { engineer: 'masked' });
      const page = (await http().get(`/api/tickets/${ticketId}`).set('authorization', w.engineer.auth)).body;
      const res = await apply(w.engineer.auth, macroId).expect(200);
      expect(res.body.body).not.toMatch(/Alice|Archer|900654/);
      expect(res.body.body).toBe(`Hi A. (A. A.), we will ring ${page.contactPhone}.`);
      expect(page.contactPhone).not.toBe(PHONE);
    });

    it('hidden: the placeholder gives a neutral word or nothing, and says which were withheld', async () => {
      await setPolicy('person.fullName', { engineer: 'hidden' });
      await setPolicy('ticket.contactPhone', { engineer: 'hidden' });
      const res = await apply(w.engineer.auth, macroId).expect(200);
      expect(res.body.body).toBe('Hi Customer (Customer), we will ring .');
      expect(res.body.body).not.toMatch(/Alice|Archer|900654|7700/);
      expect(res.body.withheld.sort()).toEqual([
        'requester.firstName',
        'requester.name',
        'ticket.contactPhone',
      ]);
    });

    it('an engineer always gets their own name, whatever the policy', async () => {
      await setPolicy('person.fullName', { engineer: 'hidden' });
      const own = await create(w.engineer2.auth, { title: 'Sign-off', body: '{{engineer.firstName}}' });
      expect((await apply(w.engineer2.auth, own.body.id).expect(200)).body.body).toBe('Nia');
    });
  });

  it('lets a new engineer start with no personal macros', async () => {
    const user = await createUser(t, 'engineer', { fullName: 'Fresh Start' });
    const auth = await bearerFor(t, user.email);
    expect((await list(auth)).every((m) => m.shared)).toBe(true);
  });
});
