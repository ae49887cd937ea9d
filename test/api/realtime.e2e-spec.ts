import type { TicketMessage, TicketSummary } from '@hushdesk/api-client';
import { type PresenceEntry, SESSION_COOKIE } from '@hushdesk/contracts';
import { connect, disconnection, Inbox, settle, type ClientSocket } from '../support/sockets';
import {
  bearerFor,
  createUser,
  startTestApp,
  testRun,
  TEST_PASSWORD,
  type TestApp,
} from '../support/test-app';
import { buildWorld, type World } from '../support/world';

const ticket = {
  type: 'fault',
  subject: 'Line noise on the ISDN30',
  description: 'Crackling on all channels.',
};

/** A web-app origin the deployment names in CORS_ORIGINS. */
const ALLOWED_ORIGIN = 'https://desk.example.test';

/** One sign-in: its session cookie, a bearer token of the same session, and the session's id. */
async function signIn(t: TestApp, email: string) {
  const res = await t.http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
  const line = ([] as string[])
    .concat(res.headers['set-cookie'] as unknown as string[])
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`)) as string;
  const accessToken = res.body.accessToken as string;
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
  return {
    cookie: line.split(';')[0].split('=')[1],
    bearer: `Bearer ${accessToken}`,
    sessionId: claims.sid as string,
  };
}

describe('live updates over socket.io', () => {
  let t: TestApp;
  let w: World;
  const sockets: ClientSocket[] = [];
  const open = async (auth: Parameters<typeof connect>[1]) => {
    const s = await connect(t.baseUrl as string, auth);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    // The periodic session check is slowed right down here, so only sign-out itself can close a socket.
    t = await startTestApp({
      listen: true,
      env: { CORS_ORIGINS: ALLOWED_ORIGIN, SOCKET_RECHECK_SECONDS: '3600' },
    });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('refuses a cookie handshake from a page on another origin, as it refuses cross-site writes', async () => {
    const { cookie, bearer } = await signIn(t, w.engineer.email);
    const port = Number(new URL(t.baseUrl as string).port);
    for (const origin of [`http://127.0.0.1:${port + 1}`, 'https://evil.example', 'null']) {
      await expect(connect(t.baseUrl as string, { cookie, origin })).rejects.toThrow('origin not allowed');
      await expect(connect(t.baseUrl as string, { bearer, origin })).rejects.toThrow('origin not allowed');
    }
    // The page the API serves itself, and an origin the deployment allows, are let in.
    for (const origin of [`http://127.0.0.1:${port}`, ALLOWED_ORIGIN]) {
      const socket = await open({ cookie, origin });
      expect(socket.connected).toBe(true);
    }
  });

  it('signing out closes the sockets of that session at once; they hear nothing more', async () => {
    const customer = await createUser(t, 'customer');
    const engineer = await createUser(t, 'engineer');
    const [leaving, staying] = [await signIn(t, customer.email), await signIn(t, customer.email)];
    const [engineerLeaving, engineerStaying] = [
      await signIn(t, engineer.email),
      await signIn(t, engineer.email),
    ];
    const id = (
      await t.http().post('/api/tickets').set('authorization', staying.bearer).send(ticket).expect(201)
    ).body.id as string;
    const leavingSocket = await open({ cookie: leaving.cookie });
    const stayingSocket = await open({ bearer: staying.bearer });
    const engineerLeavingSocket = await open({ bearer: engineerLeaving.bearer });
    const engineerStayingSocket = await open({ cookie: engineerStaying.cookie });
    const inboxes = [leavingSocket, stayingSocket, engineerLeavingSocket, engineerStayingSocket].map(
      (s) => new Inbox(s),
    );
    const [gone, engineerGone] = [
      disconnection(leavingSocket, 3000),
      disconnection(engineerLeavingSocket, 3000),
    ];

    await t.http().post('/api/auth/logout').set('authorization', leaving.bearer).expect(204);
    await t.http().post('/api/auth/logout').set('authorization', engineerLeaving.bearer).expect(204);
    expect(await gone).toBe('io server disconnect');
    expect(await engineerGone).toBe('io server disconnect');

    const say = (body: string, visibility: 'public' | 'internal') =>
      t
        .http()
        .post(`/api/tickets/${id}/messages`)
        .set('authorization', w.engineer.auth)
        .send({ body, visibility })
        .expect(201);
    await say('Public reply after sign-out', 'public');
    await say('Internal note after sign-out', 'internal');
    const [leavingInbox, stayingInbox, engineerLeavingInbox, engineerStayingInbox] = inboxes;
    // The same accounts' other sessions are untouched and still hear what they may.
    await stayingInbox.waitFor<TicketMessage>(
      'message.created',
      (m) => m.body === 'Public reply after sign-out',
    );
    await engineerStayingInbox.waitFor<TicketMessage>(
      'message.created',
      (m) => m.body === 'Internal note after sign-out',
    );
    await settle();
    expect(stayingSocket.connected).toBe(true);
    expect(engineerStayingSocket.connected).toBe(true);
    expect(leavingInbox.of('message.created')).toEqual([]);
    expect(engineerLeavingInbox.of('message.created')).toEqual([]);
  });

  it('refuses a handshake without valid credentials', async () => {
    await expect(connect(t.baseUrl as string, {})).rejects.toThrow('unauthorized');
    await expect(connect(t.baseUrl as string, { bearer: 'Bearer nope' })).rejects.toThrow('unauthorized');
    await expect(connect(t.baseUrl as string, { cookie: 'forged' })).rejects.toThrow('unauthorized');
  });

  it('accepts the session cookie, as the web app sends it', async () => {
    const login = await t
      .http()
      .post('/api/auth/login')
      .send({ email: w.a2.email, password: TEST_PASSWORD })
      .expect(200);
    const cookie = ([] as string[])
      .concat(login.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`)) as string;
    const socket = await open({ cookie: cookie.split(';')[0].split('=')[1] });
    expect(socket.connected).toBe(true);
  });

  it('a password change closes every open socket of the account, and only of that account', async () => {
    const user = await createUser(t, 'engineer');
    const mine = await open({ bearer: await bearerFor(t, user.email) });
    const someoneElse = await open({ bearer: w.engineer.auth });
    const closed = new Promise<string>((resolve) => mine.on('disconnect', (why) => resolve(why)));
    await t
      .http()
      .post('/api/auth/password')
      .set('authorization', await bearerFor(t, user.email))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a different long passphrase' })
      .expect(200);
    expect(await closed).toBe('io server disconnect');
    await settle(100);
    expect(someoneElse.connected).toBe(true);
  });

  it('sends each event only to those who may see it; internal notes reach staff only', async () => {
    const staff = new Inbox(await open({ bearer: w.engineer.auth }));
    const requester = new Inbox(await open({ bearer: w.a1.auth }));
    const colleague = new Inbox(await open({ bearer: w.a2.auth })); // same organisation, not shared
    const stranger = new Inbox(await open({ bearer: w.b1.auth }));

    const created = await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send(ticket)
      .expect(201);
    const id = created.body.id as string;
    await staff.waitFor<TicketSummary>('ticket.created', (x) => x.id === id);
    await requester.waitFor<TicketSummary>('ticket.created', (x) => x.id === id);

    await t
      .http()
      .post(`/api/tickets/${id}/messages`)
      .set('authorization', w.engineer.auth)
      .send({ body: 'Check the NTE first.', visibility: 'internal' })
      .expect(201);
    await staff.waitFor<TicketMessage>(
      'message.created',
      (m) => m.ticketId === id && m.visibility === 'internal',
    );

    await t
      .http()
      .post(`/api/tickets/${id}/messages`)
      .set('authorization', w.engineer.auth)
      .send({ body: 'We are testing the line now.', visibility: 'public' })
      .expect(201);
    const reply = await requester.waitFor<TicketMessage>('message.created', (m) => m.ticketId === id);
    expect(reply.body).toBe('We are testing the line now.');
    const updated = await requester.waitFor<TicketSummary>('ticket.updated', (x) => x.id === id);
    expect(updated.status).toBe('open');

    await t
      .http()
      .patch(`/api/tickets/${id}`)
      .set('authorization', w.engineer.auth)
      .send({ assigneeId: w.engineer2.id })
      .expect(200);
    await staff.waitFor<TicketSummary>(
      'ticket.updated',
      (x) => x.id === id && x.assignee?.id === w.engineer2.id,
    );
    await settle();

    // The requester never heard of the internal note, in any event.
    expect(requester.of<TicketMessage>('message.created').map((m) => m.visibility)).toEqual(['public']);
    expect(JSON.stringify(requester.events)).not.toContain('Check the NTE first');
    // Nobody else in the organisation, or outside it, heard anything about this ticket.
    expect(JSON.stringify(colleague.events)).not.toContain(id);
    expect(JSON.stringify(stranger.events)).not.toContain(id);
  });

  it('shows staff who is viewing and who is replying, and forgets them when they leave', async () => {
    const id = (await t.http().post('/api/tickets').set('authorization', w.a1.auth).send(ticket).expect(201))
      .body.id;
    const sam = await open({ bearer: w.engineer.auth });
    const nia = await open({ bearer: w.engineer2.auth });
    const samInbox = new Inbox(sam);
    expect(await sam.emitWithAck('ticket.watch', id)).toEqual({ ok: true });
    // The same ticket, however its id is cased, is one presence.
    expect(await nia.emitWithAck('ticket.watch', id.toUpperCase())).toEqual({ ok: true });
    nia.emit('ticket.activity', { ticketId: id, activity: 'replying' });
    const presence = await samInbox.waitFor<{ ticketId: string; present: PresenceEntry[] }>(
      'ticket.presence',
      (p) => p.ticketId === id && p.present.some((e) => e.name === 'Nia Okafor' && e.activity === 'replying'),
    );
    expect(presence.present).toEqual(
      expect.arrayContaining([
        { userId: w.engineer.id, name: 'Sam Patel', activity: 'viewing' },
        { userId: w.engineer2.id, name: 'Nia Okafor', activity: 'replying' },
      ]),
    );
    nia.close();
    await samInbox.waitFor<{ ticketId: string; present: PresenceEntry[] }>(
      'ticket.presence',
      (p) => p.ticketId === id && p.present.length === 1 && p.present[0].userId === w.engineer.id,
    );
    // Customers do not join presence.
    const customer = await open({ bearer: w.a1.auth });
    expect(await customer.emitWithAck('ticket.watch', id)).toEqual({ ok: false });
  });
});

describe('sockets whose session ends, or whose account changes, without a sign-out', () => {
  let t: TestApp;
  const sockets: ClientSocket[] = [];
  const open = async (auth: Parameters<typeof connect>[1]) => {
    const s = await connect(t.baseUrl as string, auth);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp({ listen: true, env: { SOCKET_RECHECK_SECONDS: '1' } });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
  });

  it('closes a socket whose session expired (idle or absolute time) within the check interval', async () => {
    const user = await createUser(t, 'engineer');
    const [expiring, other] = [await signIn(t, user.email), await signIn(t, user.email)];
    const expiringSocket = await open({ cookie: expiring.cookie });
    const otherSocket = await open({ bearer: other.bearer });
    await t.db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      expiring.sessionId,
    ]);
    expect(await disconnection(expiringSocket, 4000)).toBe('io server disconnect');
    await settle(1500); // at least one more check
    expect(otherSocket.connected).toBe(true);
  });

  it('closes a socket whose session was revoked by another path, or whose account was disabled', async () => {
    const revoked = await createUser(t, 'customer');
    const disabled = await createUser(t, 'customer');
    const revokedSession = await signIn(t, revoked.email);
    const revokedSocket = await open({ bearer: revokedSession.bearer });
    const disabledSockets = [
      await open({ cookie: (await signIn(t, disabled.email)).cookie }),
      await open({ bearer: (await signIn(t, disabled.email)).bearer }),
    ];
    const closed = [revokedSocket, ...disabledSockets].map((s) => disconnection(s, 4000));
    await t.db.query('UPDATE sessions SET revoked_at = now() WHERE id = $1', [revokedSession.sessionId]);
    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [disabled.id]);
    expect(await Promise.all(closed)).toEqual(Array(3).fill('io server disconnect'));
  });

  it('closes a socket whose role or organisation changed, so a new handshake joins the right rooms', async () => {
    const promoted = await createUser(t, 'customer');
    const moved = await createUser(t, 'customer');
    const other = await createUser(t, 'customer');
    const promotedSocket = await open({ bearer: (await signIn(t, promoted.email)).bearer });
    const movedSocket = await open({ bearer: (await signIn(t, moved.email)).bearer });
    const closed = [promotedSocket, movedSocket].map((s) => disconnection(s, 4000));
    await t.db.query(`UPDATE users SET role = 'engineer', organisation_id = NULL WHERE id = $1`, [
      promoted.id,
    ]);
    await t.db.query(
      'UPDATE users SET organisation_id = (SELECT organisation_id FROM users WHERE id = $2) WHERE id = $1',
      [moved.id, other.id],
    );
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
  });
});

const redisUrl = testRun().redisUrl;
// Runs wherever Redis answers; CI fails in global setup if it does not.
(redisUrl ? describe : describe.skip)('two API instances joined through Redis', () => {
  let one: TestApp;
  let two: TestApp;
  let w: World;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    // No periodic session check within a test's time: only the adapter can carry a sign-out across.
    const env = { REDIS_URL: redisUrl as string, SOCKET_RECHECK_SECONDS: '3600' };
    one = await startTestApp({ listen: true, env });
    two = await startTestApp({ listen: true, env, databaseUrl: one.databaseUrl });
    w = await buildWorld(one);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await two?.close();
    await one?.close();
  });

  it('an event made on one instance reaches a client connected to the other', async () => {
    const engineerOnTwo = await connect(two.baseUrl as string, { bearer: w.engineer.auth });
    const customerOnTwo = await connect(two.baseUrl as string, { bearer: w.a1.auth });
    sockets.push(engineerOnTwo, customerOnTwo);
    const staff = new Inbox(engineerOnTwo);
    const customer = new Inbox(customerOnTwo);

    const created = await one
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send(ticket)
      .expect(201);
    await staff.waitFor<TicketSummary>('ticket.created', (x) => x.id === created.body.id);
    await one
      .http()
      .post(`/api/tickets/${created.body.id}/messages`)
      .set('authorization', w.engineer.auth)
      .send({ body: 'Seen on instance one', visibility: 'public' })
      .expect(201);
    const message = await customer.waitFor<TicketMessage>(
      'message.created',
      (m) => m.ticketId === created.body.id,
    );
    expect(message.body).toBe('Seen on instance one');
  });

  it('names in events follow each listener’s field policy on the other instance too', async () => {
    const names = (engineer: string) =>
      one
        .http()
        .patch('/api/privacy/fields/person.fullName')
        .set('authorization', w.dpo.auth)
        .send({ visibility: { customer: 'clear', engineer, dpo: 'clear', admin: 'clear' } })
        .expect(200);
    await names('hidden');
    try {
      const engineerOnTwo = await connect(two.baseUrl as string, { bearer: w.engineer.auth });
      const dpoOnTwo = await connect(two.baseUrl as string, { bearer: w.dpo.auth });
      const requesterOnTwo = await connect(two.baseUrl as string, { bearer: w.a1.auth });
      sockets.push(engineerOnTwo, dpoOnTwo, requesterOnTwo);
      const [engineer, dpo, requester] = [engineerOnTwo, dpoOnTwo, requesterOnTwo].map((s) => new Inbox(s));
      const id = (
        await one.http().post('/api/tickets').set('authorization', w.a1.auth).send(ticket).expect(201)
      ).body.id;
      const heard = (inbox: Inbox) =>
        inbox.waitFor<TicketSummary>('ticket.created', (x) => x.id === id).then((x) => x.requester.name);
      expect(await heard(engineer)).toBeNull();
      expect(await heard(dpo)).toBe('Alice Archer');
      expect(await heard(requester)).toBe('Alice Archer');
      await settle(100);
      // Each heard it once, in its own rendering.
      for (const inbox of [engineer, dpo, requester])
        expect(inbox.of<TicketSummary>('ticket.created').filter((x) => x.id === id)).toHaveLength(1);
    } finally {
      await names('clear');
    }
  });

  it('presence spans instances', async () => {
    const id = (
      await one.http().post('/api/tickets').set('authorization', w.a1.auth).send(ticket).expect(201)
    ).body.id;
    const samOnOne = await connect(one.baseUrl as string, { bearer: w.engineer.auth });
    const niaOnTwo = await connect(two.baseUrl as string, { bearer: w.engineer2.auth });
    sockets.push(samOnOne, niaOnTwo);
    const inbox = new Inbox(samOnOne);
    await samOnOne.emitWithAck('ticket.watch', id);
    await niaOnTwo.emitWithAck('ticket.watch', id);
    await inbox.waitFor<{ present: PresenceEntry[] }>('ticket.presence', (p) =>
      p.present.some((e) => e.userId === w.engineer2.id),
    );
  });

  it('signing out on one instance closes the sockets of that session on the other, and only those', async () => {
    const user = await createUser(one, 'engineer');
    const leaving = await signIn(one, user.email);
    const staying = await signIn(one, user.email);
    const leavingOnTwo = await connect(two.baseUrl as string, { cookie: leaving.cookie });
    const leavingOnOne = await connect(one.baseUrl as string, { bearer: leaving.bearer });
    const stayingOnTwo = await connect(two.baseUrl as string, { bearer: staying.bearer });
    sockets.push(leavingOnTwo, leavingOnOne, stayingOnTwo);
    const closed = [leavingOnTwo, leavingOnOne].map((s) => disconnection(s, 3000));
    await one.http().post('/api/auth/logout').set('authorization', leaving.bearer).expect(204);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    await settle();
    expect(stayingOnTwo.connected).toBe(true);
  });
});
