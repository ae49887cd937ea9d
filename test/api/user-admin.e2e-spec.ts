import type { TicketMessage } from '@hushdesk/api-client';
import { SESSION_COOKIE } from '@hushdesk/contracts';
import { connect, disconnection, Inbox, settle, type ClientSocket } from '../support/sockets';
import { bearerFor, createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const TEMPORARY = 'amber kettle over the moorland';
const CHOSEN = 'quiet lanterns beside the harbour';

async function signIn(t: TestApp, email: string, password = TEST_PASSWORD) {
  const res = await t.http().post('/api/auth/login').send({ email, password }).expect(200);
  const line = ([] as string[])
    .concat(res.headers['set-cookie'] as unknown as string[])
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`)) as string;
  return {
    cookie: line.split(';')[0].split('=')[1],
    bearer: `Bearer ${res.body.accessToken as string}`,
    mustChangePassword: res.body.user.mustChangePassword as boolean,
  };
}

describe('admins edit accounts: role, organisation, disabling, password reset', () => {
  let t: TestApp;
  let w: World;
  const sockets: ClientSocket[] = [];
  const open = async (auth: Parameters<typeof connect>[1]) => {
    const s = await connect(t.baseUrl as string, auth);
    sockets.push(s);
    return s;
  };
  const patch = (id: string, body: object, auth = w.admin.auth) =>
    t.http().patch(`/api/users/${id}`).set('authorization', auth).send(body);
  const auditOf = async (action: string, targetId: string) =>
    (
      await t.db.query(
        'SELECT actor_id, fields, details, subject_person_id FROM audit_log WHERE action = $1 AND target_id = $2',
        [action, targetId],
      )
    ).rows;

  beforeAll(async () => {
    // The periodic session check is slowed right down, so only the change itself can close a socket.
    t = await startTestApp({ listen: true, env: { SOCKET_RECHECK_SECONDS: '3600' } });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('never leaves the install without an enabled administrator', async () => {
    const me = w.admin;
    for (const body of [
      { disabled: true },
      { role: 'engineer' },
      { role: 'customer', organisationId: w.orgA },
    ]) {
      const res = await patch(me.id, body).expect(409);
      expect(res.body.message).toMatch(/At least one enabled administrator must remain/);
    }
    // With a second admin, the first may step down; the second cannot then leave none.
    const other = await createUser(t, 'admin');
    const otherAuth = await bearerFor(t, other.email);
    await patch(other.id, { role: 'dpo' }).expect(200);
    await patch(me.id, { disabled: true }, otherAuth).expect(401); // the role change ended its session
    await patch(other.id, { role: 'admin' }).expect(200);
    const again = await bearerFor(t, other.email);
    await patch(me.id, { disabled: true }, again).expect(200);
    await patch(other.id, { disabled: true }, again).expect(409);
    await patch(me.id, { disabled: false }, again).expect(200);
    w.admin.auth = await bearerFor(t, me.email);
  });

  it('a role change ends every session and socket of the account at once; the old token is refused', async () => {
    const engineer = await createUser(t, 'engineer');
    const [one, two] = [await signIn(t, engineer.email), await signIn(t, engineer.email)];
    const byBearer = await open({ bearer: one.bearer });
    const byCookie = await open({ cookie: two.cookie });
    const inboxes = [new Inbox(byBearer), new Inbox(byCookie)];
    const gone = [disconnection(byBearer, 3000), disconnection(byCookie, 3000)];

    const res = await patch(engineer.id, { role: 'customer', organisationId: w.orgB }).expect(200);
    expect(res.body).toMatchObject({ id: engineer.id, role: 'customer', organisationId: w.orgB });
    expect(await Promise.all(gone)).toEqual(['io server disconnect', 'io server disconnect']);
    await t.http().get('/api/tickets').set('authorization', one.bearer).expect(401);
    await t.http().get('/api/tickets').set('cookie', `${SESSION_COOKIE}=${two.cookie}`).expect(401);

    // An internal note after the change reaches neither socket.
    const id = (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.a1.auth)
        .send({ type: 'fault', subject: 'Dead line', description: 'No dial tone.' })
        .expect(201)
    ).body.id as string;
    await t
      .http()
      .post(`/api/tickets/${id}/messages`)
      .set('authorization', w.engineer.auth)
      .send({ body: 'Internal after the role change', visibility: 'internal' })
      .expect(201);
    await settle();
    inboxes.forEach((inbox) => expect(inbox.of<TicketMessage>('message.created')).toEqual([]));

    const [entry] = await auditOf('user.update', engineer.id);
    expect(entry).toMatchObject({
      actor_id: w.admin.id,
      subject_person_id: engineer.personId,
      fields: ['role', 'organisationId'],
      details: { role: { from: 'engineer', to: 'customer' }, organisationId: { from: null, to: w.orgB } },
    });
    // The new role applies at the next sign-in.
    const again = await signIn(t, engineer.email);
    await t.http().get('/api/users').set('authorization', again.bearer).expect(403);
  });

  it('disabling ends the sessions and sockets and refuses sign-in; enabling lets the account back in', async () => {
    const customer = await createUser(t, 'customer', { organisationId: w.orgA });
    const session = await signIn(t, customer.email);
    const socket = await open({ bearer: session.bearer });
    const gone = disconnection(socket, 3000);

    const res = await patch(customer.id, { disabled: true }).expect(200);
    expect(res.body.disabled).toBe(true);
    expect(await gone).toBe('io server disconnect');
    await t.http().get('/api/tickets').set('authorization', session.bearer).expect(401);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: customer.email, password: TEST_PASSWORD })
      .expect(401);
    await expect(connect(t.baseUrl as string, { bearer: session.bearer })).rejects.toThrow('unauthorized');

    expect((await patch(customer.id, { disabled: false }).expect(200)).body.disabled).toBe(false);
    await signIn(t, customer.email);
    expect((await auditOf('user.update', customer.id)).map((e) => e.details)).toEqual([
      { disabled: { from: false, to: true } },
      { disabled: { from: true, to: false } },
    ]);
  });

  it('a change that changes nothing ends no session and writes no audit entry', async () => {
    const engineer = await createUser(t, 'engineer');
    const session = await signIn(t, engineer.email);
    await patch(engineer.id, { role: 'engineer', disabled: false }).expect(200);
    await t.http().get('/api/tickets').set('authorization', session.bearer).expect(200);
    expect(await auditOf('user.update', engineer.id)).toEqual([]);
  });

  it('a password reset ends the sessions; the temporary password opens only the password change', async () => {
    const engineer = await createUser(t, 'engineer', { fullName: 'Robin Hale' });
    const session = await signIn(t, engineer.email);
    const socket = await open({ bearer: session.bearer });
    const gone = disconnection(socket, 3000);

    const res = await t
      .http()
      .post(`/api/users/${engineer.id}/password-reset`)
      .set('authorization', w.admin.auth)
      .send({ temporaryPassword: TEMPORARY })
      .expect(200);
    expect(res.body).toMatchObject({ id: engineer.id, mustChangePassword: true });
    expect(JSON.stringify(res.body)).not.toContain(TEMPORARY);
    expect(await gone).toBe('io server disconnect');
    await t.http().get('/api/tickets').set('authorization', session.bearer).expect(401);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: engineer.email, password: TEST_PASSWORD })
      .expect(401);

    const temporary = await signIn(t, engineer.email, TEMPORARY);
    expect(temporary.mustChangePassword).toBe(true);
    const refused = await t.http().get('/api/tickets').set('authorization', temporary.bearer).expect(403);
    expect(refused.body.message).toBe('Choose a new password before you continue');
    await expect(connect(t.baseUrl as string, { bearer: temporary.bearer })).rejects.toThrow('unauthorized');
    const me = await t.http().get('/api/auth/me').set('authorization', temporary.bearer).expect(200);
    expect(me.body.mustChangePassword).toBe(true);

    const changed = await t
      .http()
      .post('/api/auth/password')
      .set('authorization', temporary.bearer)
      .send({ currentPassword: TEMPORARY, newPassword: CHOSEN })
      .expect(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    const fresh = `Bearer ${changed.body.accessToken as string}`;
    await t.http().get('/api/tickets').set('authorization', fresh).expect(200);
    await t.http().get('/api/tickets').set('authorization', temporary.bearer).expect(401);

    const [entry] = await auditOf('user.password_reset', engineer.id);
    expect(entry).toMatchObject({ actor_id: w.admin.id, subject_person_id: engineer.personId });
    expect(JSON.stringify(entry)).not.toContain(TEMPORARY);
  });

  it('refuses a weak or personal temporary password, naming the field', async () => {
    const engineer = await createUser(t, 'engineer', { fullName: 'Morgan Ashdown' });
    for (const temporaryPassword of ['short', 'ashdown-morgan-2026!', 'password1234']) {
      const res = await t
        .http()
        .post(`/api/users/${engineer.id}/password-reset`)
        .set('authorization', w.admin.auth)
        .send({ temporaryPassword })
        .expect(400);
      expect(Object.keys(res.body.fields)).toEqual(['temporaryPassword']);
    }
  });

  it('checks the organisation against the role, naming the field', async () => {
    const customer = await createUser(t, 'customer', { organisationId: w.orgA });
    const engineer = await createUser(t, 'engineer');
    const cases: [string, object, string][] = [
      [customer.id, { organisationId: null }, 'organisationId'],
      [engineer.id, { role: 'customer' }, 'organisationId'],
      [engineer.id, { organisationId: w.orgA }, 'organisationId'],
      [customer.id, { organisationId: '00000000-0000-4000-8000-000000000000' }, 'organisationId'],
      [customer.id, { role: 'root' }, 'role'],
      [customer.id, { disabled: 'yes' }, 'disabled'],
    ];
    for (const [id, body, field] of cases) {
      const res = await patch(id, body).expect(400);
      expect(Object.keys(res.body.fields)).toContain(field);
    }
    // A customer moved to staff leaves their organisation.
    const res = await patch(customer.id, { role: 'engineer' }).expect(200);
    expect(res.body).toMatchObject({ role: 'engineer', organisationId: null, organisationName: null });
  });

  it('is for admins only; an unknown account is a 404', async () => {
    for (const auth of [w.engineer.auth, w.dpo.auth, w.a1.auth]) {
      await patch(w.a2.id, { disabled: true }, auth).expect(403);
      await t
        .http()
        .post(`/api/users/${w.a2.id}/password-reset`)
        .set('authorization', auth)
        .send({ temporaryPassword: TEMPORARY })
        .expect(403);
    }
    await t.http().patch(`/api/users/${w.a2.id}`).send({ disabled: true }).expect(401);
    await patch('00000000-0000-4000-8000-000000000000', { disabled: true }).expect(404);
    await t
      .http()
      .post('/api/users/00000000-0000-4000-8000-000000000000/password-reset')
      .set('authorization', w.admin.auth)
      .send({ temporaryPassword: TEMPORARY })
      .expect(404);
    await patch('not-a-uuid', { disabled: true }).expect(400);
    await t.http().get('/api/tickets').set('authorization', w.a2.auth).expect(200);
  });
});
