import { startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * `GET /api/tags`, `POST /api/tags/rename`, `POST /api/tags/remove`: the desk's tags as one list,
 * and a tag changed on every ticket at once, each ticket in its history, one audit entry.
 */
describe('tags across the desk', () => {
  let t: TestApp;
  let w: World;

  const newTicket = async (tags: string[]): Promise<string> =>
    (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.engineer.auth)
        .send({
          type: 'fault',
          subject: 'Line is dead',
          description: 'No dial tone since 9am.',
          requesterId: w.a1.id,
          tags,
        })
        .expect(201)
    ).body.id as string;
  const list = (auth: string) => t.http().get('/api/tags').set('authorization', auth);
  const rename = (auth: string, body: object) =>
    t.http().post('/api/tags/rename').set('authorization', auth).send(body);
  const remove = (auth: string, body: object) =>
    t.http().post('/api/tags/remove').set('authorization', auth).send(body);
  const tagsOf = async (ids: string[]) =>
    (await t.db.query('SELECT id, tags FROM tickets WHERE id = ANY($1) ORDER BY id', [ids])).rows.map(
      (r) => r.tags as string[],
    );
  const historyOf = async (id: string) =>
    (
      await t.db.query(
        `SELECT field, from_value, to_value, actor_id FROM ticket_history WHERE ticket_id = $1 AND field = 'tags'
          ORDER BY at DESC, id DESC`,
        [id],
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('lists each tag in use with the number of tickets carrying it', async () => {
    await newTicket(['count-a', 'count-b']);
    await newTicket(['count-a']);
    const res = await list(w.admin.auth).expect(200);
    const items = res.body.items as { tag: string; tickets: number }[];
    expect(items).toEqual(
      expect.arrayContaining([
        { tag: 'count-a', tickets: 2 },
        { tag: 'count-b', tickets: 1 },
      ]),
    );
    await list(w.engineer.auth).expect(200);
  });

  it('renames a tag on every ticket, merging it where the new name is already there', async () => {
    const plain = await newTicket(['old-name', 'voip']);
    const both = await newTicket(['old-name', 'new-name']);
    const other = await newTicket(['unrelated']);
    const res = await rename(w.admin.auth, { from: ' Old-Name ', to: 'new-name' }).expect(200);
    expect(res.body).toEqual({ changed: 2, skipped: 0 });
    const rows = (await t.db.query('SELECT id, tags FROM tickets WHERE id = ANY($1)', [[plain, both, other]]))
      .rows;
    const byId = new Map(rows.map((r) => [r.id as string, r.tags as string[]]));
    expect(byId.get(plain)).toEqual(['new-name', 'voip']);
    expect(byId.get(both)).toEqual(['new-name']);
    expect(byId.get(other)).toEqual(['unrelated']);
    expect((await historyOf(plain))[0]).toEqual({
      field: 'tags',
      from_value: 'old-name, voip',
      to_value: 'new-name, voip',
      actor_id: w.admin.id,
    });
    expect((await historyOf(both))[0]).toMatchObject({
      from_value: 'old-name, new-name',
      to_value: 'new-name',
    });
    expect(await historyOf(other)).toEqual([]);
    const audit = await t.db.query(
      `SELECT actor_id, fields, details FROM audit_log WHERE action = 'tag.rename' AND details->>'from' = 'old-name'`,
    );
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor_id: w.admin.id, fields: ['tags'] });
    expect(audit.rows[0].details.to).toBe('new-name');
    expect([...audit.rows[0].details.tickets].sort()).toEqual([plain, both].sort());
    const items = (await list(w.admin.auth).expect(200)).body.items as { tag: string }[];
    expect(items.map((i) => i.tag)).not.toContain('old-name');
  });

  it('removes a tag from every ticket, each in its history', async () => {
    const one = await newTicket(['gone', 'kept']);
    const two = await newTicket(['gone']);
    const res = await remove(w.admin.auth, { tag: 'gone' }).expect(200);
    expect(res.body).toEqual({ changed: 2, skipped: 0 });
    expect((await tagsOf([one, two])).sort()).toEqual([[], ['kept']]);
    expect((await historyOf(two))[0]).toMatchObject({ from_value: 'gone', to_value: null });
    const audit = await t.db.query(
      `SELECT 1 FROM audit_log WHERE action = 'tag.remove' AND details->>'tag' = 'gone'`,
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('lets only an admin rename or remove, and no customer read', async () => {
    const id = await newTicket(['guarded']);
    await rename(w.engineer.auth, { from: 'guarded', to: 'taken' }).expect(403);
    await remove(w.engineer.auth, { tag: 'guarded' }).expect(403);
    await remove(w.dpo.auth, { tag: 'guarded' }).expect(403);
    await rename(w.a1.auth, { from: 'guarded', to: 'taken' }).expect(403);
    await remove(w.a1.auth, { tag: 'guarded' }).expect(403);
    await list(w.a1.auth).expect(403);
    expect(await tagsOf([id])).toEqual([['guarded']]);
  });

  it('refuses a bad tag with a 400 naming the field, and changes nothing', async () => {
    const id = await newTicket(['valid']);
    const before = await historyOf(id);
    const bad = await rename(w.admin.auth, { from: 'valid', to: '<b>x</b>' }).expect(400);
    expect(bad.body.fields).toHaveProperty('to');
    expect(bad.body.fields).not.toHaveProperty('from');
    const missing = await remove(w.admin.auth, {}).expect(400);
    expect(missing.body.fields).toHaveProperty('tag');
    const same = await rename(w.admin.auth, { from: 'valid', to: ' VALID' }).expect(400);
    expect(same.body.fields).toHaveProperty('to');
    expect(await tagsOf([id])).toEqual([['valid']]);
    expect(await historyOf(id)).toEqual(before);
  });
});
