import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * Saved views (`/api/views`): personal ones are their owner's alone, shared ones are an admin's to
 * make, and each comes with the count of tickets the caller may see that match.
 */
describe('saved views', () => {
  let t: TestApp;
  let w: World;

  const newTicket = async (extra: object = {}): Promise<string> =>
    (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a1.auth)
        .send({ type: 'fault', subject: 'Line is dead', description: 'No dial tone.', ...extra })
        .expect(201)
    ).body.id as string;
  const create = (auth: string, body: object) =>
    t.http().post('/api/views').set('authorization', auth).send(body);
  const list = async (auth: string) =>
    (await t.http().get('/api/views').set('authorization', auth).expect(200)).body as {
      id: string;
      name: string;
      shared: boolean;
      count: number;
      countAtLeast: boolean;
      filters: Record<string, string>;
    }[];

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('keeps a personal view from other engineers', async () => {
    const res = await create(w.engineer.auth, {
      name: 'My P1s',
      filters: { priority: 'P1', assigneeId: 'me' },
    }).expect(201);
    expect(res.body).toMatchObject({
      name: 'My P1s',
      shared: false,
      filters: { priority: 'P1', assigneeId: 'me' },
    });
    expect((await list(w.engineer.auth)).map((v) => v.id)).toContain(res.body.id);
    expect((await list(w.engineer2.auth)).map((v) => v.id)).not.toContain(res.body.id);
    await t.http().delete(`/api/views/${res.body.id}`).set('authorization', w.engineer2.auth).expect(404);
    await t.http().delete(`/api/views/${res.body.id}`).set('authorization', w.engineer.auth).expect(204);
    expect((await list(w.engineer.auth)).map((v) => v.id)).not.toContain(res.body.id);
  });

  it('lets only an admin share a view, which every member of staff then sees', async () => {
    await create(w.engineer.auth, { name: 'Everyone', shared: true, filters: {} }).expect(403);
    const shared = await create(w.admin.auth, {
      name: 'New tickets',
      shared: true,
      filters: { status: 'new' },
    }).expect(201);
    for (const auth of [w.engineer.auth, w.engineer2.auth, w.dpo.auth]) {
      expect((await list(auth)).find((v) => v.id === shared.body.id)).toMatchObject({ shared: true });
    }
    await t.http().delete(`/api/views/${shared.body.id}`).set('authorization', w.engineer.auth).expect(403);
    await t.http().delete(`/api/views/${shared.body.id}`).set('authorization', w.admin.auth).expect(204);
  });

  it('renames and refilters a view: the owner a personal one, only an admin a shared one', async () => {
    const patch = (auth: string, id: string, body: object) =>
      t.http().patch(`/api/views/${id}`).set('authorization', auth).send(body);
    const mine = await create(w.engineer.auth, { name: 'Mine', filters: { priority: 'P1' } }).expect(201);
    const renamed = await patch(w.engineer.auth, mine.body.id, { name: '  Urgent  ' }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Urgent', shared: false, filters: { priority: 'P1' } });
    const refiltered = await patch(w.engineer.auth, mine.body.id, { filters: { status: 'open' } }).expect(
      200,
    );
    expect(refiltered.body).toMatchObject({ name: 'Urgent', filters: { status: 'open' } });
    expect(refiltered.body.filters).not.toHaveProperty('priority');
    expect((await list(w.engineer.auth)).find((v) => v.id === mine.body.id)).toMatchObject({
      name: 'Urgent',
      filters: { status: 'open' },
    });
    // Another's personal view is not found; `shared` is not something an edit can change.
    await patch(w.engineer2.auth, mine.body.id, { name: 'Taken' }).expect(404);
    await patch(w.engineer.auth, mine.body.id, { shared: true }).expect(400);
    expect(
      (await patch(w.engineer.auth, mine.body.id, { name: ' ' }).expect(400)).body.fields,
    ).toHaveProperty('name');
    const group = await patch(w.engineer.auth, mine.body.id, {
      filters: { groupId: '00000000-0000-4000-8000-000000000000' },
    }).expect(400);
    expect(group.body.fields).toHaveProperty(['filters.groupId']);

    const shared = await create(w.admin.auth, { name: 'Team', shared: true, filters: {} }).expect(201);
    await patch(w.engineer.auth, shared.body.id, { name: 'Mine now' }).expect(403);
    await patch(w.dpo.auth, shared.body.id, { name: 'Mine now' }).expect(403);
    const edited = await patch(w.admin.auth, shared.body.id, {
      name: 'Team P1s',
      filters: { priority: 'P1' },
    }).expect(200);
    expect(edited.body).toMatchObject({ name: 'Team P1s', shared: true, filters: { priority: 'P1' } });
    expect((await list(w.engineer.auth)).find((v) => v.id === shared.body.id)?.name).toBe('Team P1s');
    await t.http().delete(`/api/views/${shared.body.id}`).set('authorization', w.admin.auth).expect(204);
    await patch(w.admin.auth, shared.body.id, { name: 'Gone' }).expect(404);
  });

  it('counts for each caller, and follows changes to the tickets', async () => {
    const mine = await create(w.engineer.auth, { name: 'Mine', filters: { assigneeId: 'me' } }).expect(201);
    const theirs = await create(w.engineer2.auth, { name: 'Mine', filters: { assigneeId: 'me' } }).expect(
      201,
    );
    const open = await create(w.engineer.auth, { name: 'Open', filters: { status: 'open' } }).expect(201);
    expect(mine.body.count).toBe(0);
    const ids = [await newTicket(), await newTicket()];
    const openBefore = (await list(w.engineer.auth)).find((v) => v.id === open.body.id)?.count as number;
    await t
      .http()
      .post('/api/tickets/bulk-changes')
      .set('authorization', w.engineer.auth)
      .send({ ticketIds: ids, changes: { assigneeId: w.engineer.id, status: 'open' } })
      .expect(200);
    const views = await list(w.engineer.auth);
    expect(views.find((v) => v.id === mine.body.id)?.count).toBe(2);
    expect(views.find((v) => v.id === open.body.id)?.count).toBe(openBefore + 2);
    expect((await list(w.engineer2.auth)).find((v) => v.id === theirs.body.id)?.count).toBe(0);
    // A shared "me" view counts each viewer's own.
    const shared = await create(w.admin.auth, {
      name: 'Assigned to me',
      shared: true,
      filters: { assigneeId: 'me' },
    }).expect(201);
    expect((await list(w.engineer.auth)).find((v) => v.id === shared.body.id)?.count).toBe(2);
    expect((await list(w.engineer2.auth)).find((v) => v.id === shared.body.id)?.count).toBe(0);
  });

  it('refuses customers, and names the field of a bad body', async () => {
    await t.http().get('/api/views').set('authorization', w.a1.auth).expect(403);
    await create(w.a1.auth, { name: 'Mine', filters: {} }).expect(403);
    await t.http().get('/api/views').expect(401);
    expect((await create(w.engineer.auth, { filters: {} }).expect(400)).body.fields).toHaveProperty('name');
    expect((await create(w.engineer.auth, { name: 'x' }).expect(400)).body.fields).toHaveProperty('filters');
    const bad = await create(w.engineer.auth, { name: 'x', filters: { status: 'gone' } }).expect(400);
    expect(JSON.stringify(bad.body.fields)).toContain('status');
    // Search text is not a view filter: it may name a person.
    await create(w.engineer.auth, { name: 'x', filters: { q: 'Alice' } }).expect(400);
    const group = await create(w.engineer.auth, {
      name: 'x',
      filters: { groupId: '00000000-0000-4000-8000-000000000000' },
    }).expect(400);
    expect(group.body.fields).toHaveProperty(['filters.groupId']);
  });
});
