import { createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

describe('admins rename, share and delete organisations', () => {
  let t: TestApp;
  let w: World;
  const create = async (name: string) =>
    (await t.http().post('/api/organisations').set('authorization', w.admin.auth).send({ name }).expect(201))
      .body.id as string;
  const patch = (id: string, body: object, auth = w.admin.auth) =>
    t.http().patch(`/api/organisations/${id}`).set('authorization', auth).send(body);
  const remove = (id: string, auth = w.admin.auth) =>
    t.http().delete(`/api/organisations/${id}`).set('authorization', auth);
  const auditOf = async (action: string, id: string) =>
    (
      await t.db.query(
        'SELECT actor_id, fields, details FROM audit_log WHERE action = $1 AND target_id = $2',
        [action, id],
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  it('renames and shares in one audited change; a change to nothing writes nothing', async () => {
    const id = await create('Initech');
    const res = await patch(id, { name: 'Initech Ltd', sharedTicketVisibility: true }).expect(200);
    expect(res.body).toMatchObject({ id, name: 'Initech Ltd', sharedTicketVisibility: true });
    await patch(id, { name: 'Initech Ltd' }).expect(200);
    expect(await auditOf('organisation.update', id)).toEqual([
      {
        actor_id: w.admin.id,
        fields: ['name', 'sharedTicketVisibility'],
        details: { sharedTicketVisibility: true },
      },
    ]);
    await patch(id, { sharedTicketVisibility: false }).expect(200);
    expect((await auditOf('organisation.update', id))[1]).toMatchObject({
      fields: ['sharedTicketVisibility'],
    });
  });

  it('shared visibility lets a colleague see the ticket at once, and turning it off hides it again', async () => {
    const ticket = (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a1.auth)
        .send({ type: 'fault', subject: 'Noisy line', description: 'Hiss on the line.' })
        .expect(201)
    ).body.id as string;
    await t.http().get(`/api/tickets/${ticket}`).set('authorization', w.a2.auth).expect(404);
    await patch(w.orgA, { sharedTicketVisibility: true }).expect(200);
    await t.http().get(`/api/tickets/${ticket}`).set('authorization', w.a2.auth).expect(200);
    await t.http().get(`/api/tickets/${ticket}`).set('authorization', w.b1.auth).expect(404);
    await patch(w.orgA, { sharedTicketVisibility: false }).expect(200);
    await t.http().get(`/api/tickets/${ticket}`).set('authorization', w.a2.auth).expect(404);
  });

  it('refuses a name another organisation has, in any case, and a blank one', async () => {
    const res = await patch(w.orgB, { name: 'ACME TELECOM' }).expect(409);
    expect(res.body.message).toBe('An organisation with this name already exists');
    const blank = await patch(w.orgB, { name: '   ' }).expect(400);
    expect(Object.keys(blank.body.fields)).toEqual(['name']);
    await patch(w.orgB, { sharedTicketVisibility: 'yes' }).expect(400);
  });

  it('never shares tickets among the email channel’s contacts', async () => {
    const { rows } = await t.db.query(
      "INSERT INTO organisations (name, holds_email_contacts) VALUES ('Email contacts', true) RETURNING id",
    );
    const res = await patch(rows[0].id, { sharedTicketVisibility: true }).expect(400);
    expect(Object.keys(res.body.fields)).toEqual(['sharedTicketVisibility']);
  });

  it('deletes only an empty organisation, saying what is left in one that is not', async () => {
    const withUser = await create('Has People Ltd');
    await createUser(t, 'customer', { organisationId: withUser });
    expect((await remove(withUser).expect(409)).body.message).toBe(
      'This organisation still has user accounts; only an empty organisation can be deleted',
    );
    // Its tickets stay with it when its people move to another organisation.
    const customer = await createUser(t, 'customer', { organisationId: withUser });
    await t
      .http()
      .post('/api/tickets')
      .set(
        'authorization',
        `Bearer ${(await t.http().post('/api/auth/login').send({ email: customer.email, password: customer.password })).body.accessToken}`,
      )
      .send({ type: 'fault', subject: 'Old fault', description: 'Before the move.' })
      .expect(201);
    const members = await t.db.query('SELECT id FROM users WHERE organisation_id = $1', [withUser]);
    for (const { id } of members.rows)
      await t
        .http()
        .patch(`/api/users/${id}`)
        .set('authorization', w.admin.auth)
        .send({ organisationId: w.orgB })
        .expect(200);
    expect((await remove(withUser).expect(409)).body.message).toBe(
      'This organisation still has tickets; only an empty organisation can be deleted',
    );

    const empty = await create('Empty Ltd');
    await remove(empty).expect(204);
    await remove(empty).expect(404);
    expect(await auditOf('organisation.delete', empty)).toEqual([
      { actor_id: w.admin.id, fields: [], details: {} },
    ]);
  });

  it('is for admins only; an unknown organisation is a 404', async () => {
    const id = await create('Kept Ltd');
    for (const auth of [w.engineer.auth, w.dpo.auth, w.a1.auth]) {
      await patch(id, { name: 'Taken over' }, auth).expect(403);
      await remove(id, auth).expect(403);
    }
    await t.http().delete(`/api/organisations/${id}`).expect(401);
    await patch('00000000-0000-4000-8000-000000000000', { name: 'Nobody' }).expect(404);
    await remove('00000000-0000-4000-8000-000000000000').expect(404);
    await remove('not-a-uuid').expect(400);
    const list = await t.http().get('/api/organisations?limit=100').set('authorization', w.admin.auth);
    expect(list.body.items.map((o: { name: string }) => o.name)).toContain('Kept Ltd');
  });
});
