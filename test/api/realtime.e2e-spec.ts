import type { PresenceEntry, TicketMessage, TicketSummary } from '@hushdesk/contracts';
import { SESSION_COOKIE } from '@hushdesk/contracts';
import { connect, Inbox, settle, type ClientSocket } from '../support/sockets';
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

describe('live updates over socket.io', () => {
  let t: TestApp;
  let w: World;
  const sockets: ClientSocket[] = [];
  const open = async (auth: { bearer?: string; cookie?: string }) => {
    const s = await connect(t.baseUrl as string, auth);
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    w = await buildWorld(t);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await t.close();
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
    expect(await nia.emitWithAck('ticket.watch', id)).toEqual({ ok: true });
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

const redisUrl = testRun().redisUrl;
// Runs wherever Redis answers; CI fails in global setup if it does not.
(redisUrl ? describe : describe.skip)('two API instances joined through Redis', () => {
  let one: TestApp;
  let two: TestApp;
  let w: World;
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    one = await startTestApp({ listen: true, env: { REDIS_URL: redisUrl as string } });
    two = await startTestApp({
      listen: true,
      env: { REDIS_URL: redisUrl as string },
      databaseUrl: one.databaseUrl,
    });
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
});
