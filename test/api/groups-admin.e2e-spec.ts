import { createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

describe('admins manage ticket groups and their members', () => {
  let t: TestApp;
  let w: World;
  const create = async (name: string) =>
    (await t.http().post('/api/groups').set('authorization', w.admin.auth).send({ name }).expect(201)).body
      .id as string;
  const patch = (id: string, body: object, auth = w.admin.auth) =>
    t.http().patch(`/api/groups/${id}`).set('authorization', auth).send(body);
  const remove = (id: string, auth = w.admin.auth) =>
    t.http().delete(`/api/groups/${id}`).set('authorization', auth);
  const putMembers = (id: string, body: object, auth = w.admin.auth) =>
    t.http().put(`/api/groups/${id}/members`).set('authorization', auth).send(body);
  const auditOf = async (action: string, id: string) =>
    (
      await t.db.query(
        'SELECT actor_id, fields, details FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY seq',
        [action, id],
      )
    ).rows;
  const newTicket = async (groupId: string) => {
    const id = (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a1.auth)
        .send({ type: 'fault', subject: 'Line down', description: 'No dial tone.' })
        .expect(201)
    ).body.id as string;
    await t
      .http()
      .patch(`/api/tickets/${id}`)
      .set('authorization', w.engineer.auth)
      .send({ groupId })
      .expect(200);
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('creates a group, audited, and lists it with its member count for admins only', async () => {
    const res = await t
      .http()
      .post('/api/groups')
      .set('authorization', w.admin.auth)
      .send({ name: '  Voice  ' })
      .expect(201);
    expect(res.body).toEqual({ id: expect.any(String), name: 'Voice', memberCount: 0 });
    expect(await auditOf('group.create', res.body.id)).toEqual([
      { actor_id: w.admin.id, fields: ['name'], details: {} },
    ]);
    const forAdmin = await t.http().get('/api/groups').set('authorization', w.admin.auth).expect(200);
    expect(forAdmin.body).toContainEqual({ id: res.body.id, name: 'Voice', memberCount: 0 });
    const forEngineer = await t.http().get('/api/groups').set('authorization', w.engineer.auth).expect(200);
    expect(forEngineer.body).toContainEqual({ id: res.body.id, name: 'Voice' });
  });

  it('refuses a name another group has, in any case, naming `name`; and a blank or long one', async () => {
    const id = await create('Billing');
    for (const res of [
      await t.http().post('/api/groups').set('authorization', w.admin.auth).send({ name: 'BILLING' }),
      await patch(await create('Provisioning'), { name: 'billing' }),
    ]) {
      expect(res.status).toBe(409);
      expect(Object.keys(res.body.fields)).toEqual(['name']);
    }
    for (const body of [{}, { name: '   ' }, { name: 'x'.repeat(101) }, { name: 7 }]) {
      const res = await t
        .http()
        .post('/api/groups')
        .set('authorization', w.admin.auth)
        .send(body)
        .expect(400);
      expect(Object.keys(res.body.fields)).toEqual(['name']);
    }
    const blank = await patch(id, { name: '' }).expect(400);
    expect(Object.keys(blank.body.fields)).toEqual(['name']);
  });

  it('renames a group, audited once; the same name again writes nothing', async () => {
    const id = await create('Fibre');
    const res = await patch(id, { name: 'Fibre and copper' }).expect(200);
    expect(res.body).toEqual({ id, name: 'Fibre and copper', memberCount: 0 });
    await patch(id, { name: 'Fibre and copper' }).expect(200);
    // Only the case changes: the group's own name is not "taken".
    await patch(id, { name: 'FIBRE and copper' }).expect(200);
    expect(await auditOf('group.update', id)).toEqual([
      { actor_id: w.admin.id, fields: ['name'], details: {} },
      { actor_id: w.admin.id, fields: ['name'], details: {} },
    ]);
  });

  it('sets members: only active engineers and admins, every change audited with who came and went', async () => {
    const id = await create('Field engineering north');
    const res = await putMembers(id, { userIds: [w.engineer.id, w.admin.id, w.engineer.id] }).expect(200);
    expect(res.body.userIds).toEqual([w.engineer.id, w.admin.id].sort());
    const listed = await t
      .http()
      .get(`/api/groups/${id}/members`)
      .set('authorization', w.admin.auth)
      .expect(200);
    expect(listed.body).toEqual({ userIds: [w.engineer.id, w.admin.id].sort() });
    const groups = await t.http().get('/api/groups').set('authorization', w.admin.auth).expect(200);
    expect(groups.body).toContainEqual({ id, name: 'Field engineering north', memberCount: 2 });

    await putMembers(id, { userIds: [w.engineer2.id, w.engineer.id] }).expect(200);
    await putMembers(id, { userIds: [w.engineer.id, w.engineer2.id] }).expect(200); // no change
    const entries = await auditOf('group.members', id);
    expect(entries).toEqual([
      {
        actor_id: w.admin.id,
        fields: ['members'],
        details: { added: [w.engineer.id, w.admin.id].sort(), removed: [] },
      },
      {
        actor_id: w.admin.id,
        fields: ['members'],
        details: { added: [w.engineer2.id], removed: [w.admin.id] },
      },
    ]);

    const disabled = await createUser(t, 'engineer');
    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [disabled.id]);
    const nobody = '00000000-0000-4000-8000-000000000000';
    for (const refused of [w.a1.id, w.dpo.id, disabled.id, nobody]) {
      const bad = await putMembers(id, { userIds: [w.engineer.id, refused] }).expect(400);
      expect(Object.keys(bad.body.fields)).toEqual(['userIds']);
      expect(bad.body.message).toContain(refused);
    }
    for (const body of [{}, { userIds: 'x' }, { userIds: ['not-a-uuid'] }, { userIds: null }]) {
      const bad = await putMembers(id, body).expect(400);
      expect(Object.keys(bad.body.fields)).toEqual(['userIds']);
    }
    // Nothing refused changed anything.
    const after = await t
      .http()
      .get(`/api/groups/${id}/members`)
      .set('authorization', w.admin.auth)
      .expect(200);
    expect(after.body.userIds).toEqual([w.engineer.id, w.engineer2.id].sort());

    await putMembers(id, { userIds: [] }).expect(200);
    const empty = await t
      .http()
      .get(`/api/groups/${id}/members`)
      .set('authorization', w.admin.auth)
      .expect(200);
    expect(empty.body.userIds).toEqual([]);
  });

  it('neither lists nor counts a member disabled since joining, and the next save drops them', async () => {
    const id = await create('Night shift');
    const leaver = await createUser(t, 'engineer');
    await putMembers(id, { userIds: [leaver.id, w.engineer.id] }).expect(200);
    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [leaver.id]);
    const listed = await t
      .http()
      .get(`/api/groups/${id}/members`)
      .set('authorization', w.admin.auth)
      .expect(200);
    expect(listed.body.userIds).toEqual([w.engineer.id]);
    const groups = await t.http().get('/api/groups').set('authorization', w.admin.auth).expect(200);
    expect(groups.body).toContainEqual({ id, name: 'Night shift', memberCount: 1 });
    await putMembers(id, { userIds: [w.engineer.id] }).expect(200);
    expect((await auditOf('group.members', id)).at(-1)?.details).toEqual({ added: [], removed: [leaver.id] });
  });

  it('refuses to delete a group holding open tickets; its closed tickets lose it, with their history', async () => {
    const id = await create('Retiring queue');
    await putMembers(id, { userIds: [w.engineer.id] }).expect(200);
    const open = await newTicket(id);
    const closed = await newTicket(id);
    await t.db.query(`UPDATE tickets SET status = 'closed' WHERE id = $1`, [closed]);

    const refused = await remove(id).expect(409);
    expect(refused.body.message).toMatch(/1 open ticket/);
    // A resolved ticket can come back when the customer replies: it still counts as open.
    await t.db.query(`UPDATE tickets SET status = 'resolved' WHERE id = $1`, [open]);
    await remove(id).expect(409);
    await t.db.query(`UPDATE tickets SET status = 'closed' WHERE id = $1`, [open]);

    await remove(id).expect(204);
    await t.http().get(`/api/groups/${id}/members`).set('authorization', w.admin.auth).expect(404);
    const { rows } = await t.db.query('SELECT group_id FROM tickets WHERE id = ANY ($1)', [[open, closed]]);
    expect(rows).toEqual([{ group_id: null }, { group_id: null }]);
    const members = await t.db.query('SELECT 1 FROM ticket_group_members WHERE group_id = $1', [id]);
    expect(members.rows).toEqual([]);
    const history = await t.db.query(
      `SELECT actor_id, from_value, to_value FROM ticket_history WHERE ticket_id = $1 AND field = 'group' ORDER BY at`,
      [closed],
    );
    expect(history.rows.at(-1)).toEqual({ actor_id: w.admin.id, from_value: id, to_value: null });
    expect(await auditOf('group.delete', id)).toEqual([
      { actor_id: w.admin.id, fields: [], details: { tickets: 2 } },
    ]);
  });

  it('answers 404 for a group that does not exist, and 400 for an id that is not one', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    await patch(nobody, { name: 'Ghost' }).expect(404);
    await remove(nobody).expect(404);
    await t.http().get(`/api/groups/${nobody}/members`).set('authorization', w.admin.auth).expect(404);
    await putMembers(nobody, { userIds: [] }).expect(404);
    await patch('not-a-uuid', { name: 'Ghost' }).expect(400);
  });

  it('is for admins: engineers, DPOs and customers are refused, and nothing changes', async () => {
    const id = await create('Admins only');
    for (const who of [w.engineer, w.dpo, w.a1]) {
      await t.http().post('/api/groups').set('authorization', who.auth).send({ name: 'Nope' }).expect(403);
      await patch(id, { name: 'Nope' }, who.auth).expect(403);
      await remove(id, who.auth).expect(403);
      await t.http().get(`/api/groups/${id}/members`).set('authorization', who.auth).expect(403);
      await putMembers(id, { userIds: [w.engineer.id] }, who.auth).expect(403);
    }
    await t.http().post('/api/groups').send({ name: 'Nope' }).expect(401);
    const members = await t
      .http()
      .get(`/api/groups/${id}/members`)
      .set('authorization', w.admin.auth)
      .expect(200);
    expect(members.body.userIds).toEqual([]);
    const { rows } = await t.db.query(`SELECT name FROM ticket_groups WHERE name = 'Nope'`);
    expect(rows).toEqual([]);
  });
});
