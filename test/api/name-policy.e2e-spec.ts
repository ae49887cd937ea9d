import type { PresenceEntry, Role } from '@hushdesk/contracts';
import type { TicketMessage, TicketSummary } from '@hushdesk/api-client';
import { connect, Inbox, settle, type ClientSocket } from '../support/sockets';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type Account, type World } from '../support/world';
import { waitForDsar } from '../support/dsar';

/**
 * The `person.fullName` policy holds wherever a name leaves the API: ticket lists and pages,
 * messages, attachments, history, the engineers list, socket events and presence. Each viewer
 * sees others' names by their own role's row (clear, masked, hidden → null); a person always sees
 * their own name, decided by who they are, never by what their name is.
 */
describe('person.fullName on every read path', () => {
  let t: TestApp;
  let w: World;
  let shared: string;
  let marisol: Account; // the requester
  let quentin: Account; // her colleague: their organisation shares tickets
  let tobias: Account; // the engineer who works her ticket
  let namesake: Account; // a customer who shares the engineer Sam Patel's name
  const sockets: ClientSocket[] = [];

  const REQUESTER = /Marisol|Underwood/;
  const STAFF = /Tobias|Wren/;

  const account = async (role: Role, fullName: string, organisationId?: string): Promise<Account> => {
    const user = await createUser(t, role, { fullName, organisationId });
    return { ...user, auth: await bearerFor(t, user.email) };
  };
  const open = async (auth: string) => {
    const s = await connect(t.baseUrl as string, { bearer: auth });
    sockets.push(s);
    return s;
  };
  const setNames = async (visibility: Partial<Record<Role, string>>, masking = 'name') => {
    await t
      .http()
      .patch('/api/privacy/fields/person.fullName')
      .set('authorization', w.dpo.auth)
      .send({
        visibility: { customer: 'clear', engineer: 'clear', dpo: 'clear', admin: 'clear', ...visibility },
        masking,
      })
      .expect(200);
  };
  const get = async (auth: string, url: string) =>
    (await t.http().get(url).set('authorization', auth).expect(200)).body;
  const reply = (auth: string, ticketId: string, body: string, visibility = 'public') =>
    t
      .http()
      .post(`/api/tickets/${ticketId}/messages`)
      .set('authorization', auth)
      .send({ body, visibility })
      .expect(201);
  const upload = (auth: string, ticketId: string, name: string) =>
    t
      .http()
      .post(`/api/tickets/${ticketId}/attachments`)
      .set('authorization', auth)
      .attach('file', Buffer.from('router log\n'), name)
      .expect(201);

  /** Everything a viewer can read about one ticket over HTTP. */
  const readAll = async (auth: string, ticketId: string, staff: boolean) => ({
    list: await get(auth, '/api/tickets'),
    detail: await get(auth, `/api/tickets/${ticketId}`),
    messages: await get(auth, `/api/tickets/${ticketId}/messages`),
    attachments: await get(auth, `/api/tickets/${ticketId}/attachments`),
    ...(staff
      ? {
          history: await get(auth, `/api/tickets/${ticketId}/history`),
          engineers: await get(auth, '/api/engineers'),
        }
      : {}),
  });

  /**
   * Marisol raises a fault, Tobias takes it, replies and attaches a file, Marisol replies with a
   * file of her own, and Tobias starts replying again, while `viewer` listens on a socket (and,
   * if staff, watches the ticket). Returns what the viewer heard.
   */
  const workTicket = async (viewer: Account, staff: boolean) => {
    const socket = await open(viewer.auth);
    const inbox = new Inbox(socket);
    const ticketId = (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', marisol.auth)
        .send({ type: 'fault', subject: 'No dial tone', description: 'The handset at reception is dead.' })
        .expect(201)
    ).body.id as string;
    if (staff) expect(await socket.emitWithAck('ticket.watch', ticketId)).toEqual({ ok: true });
    const tobiasSocket = await open(tobias.auth);
    expect(await tobiasSocket.emitWithAck('ticket.watch', ticketId)).toEqual({ ok: true });
    tobiasSocket.emit('ticket.activity', { ticketId, activity: 'replying' });
    await t
      .http()
      .patch(`/api/tickets/${ticketId}`)
      .set('authorization', tobias.auth)
      .send({ assigneeId: tobias.id, status: 'open' })
      .expect(200);
    await reply(tobias.auth, ticketId, 'Could you power-cycle it?');
    await upload(tobias.auth, ticketId, 'firmware-notes.txt');
    await reply(marisol.auth, ticketId, 'Done, still dead.');
    await upload(marisol.auth, ticketId, 'photo-notes.txt');
    await inbox.waitFor<TicketMessage>('message.created', (m) => m.body === 'Done, still dead.');
    if (staff) {
      await inbox.waitFor<{ present: PresenceEntry[] }>('ticket.presence', (p) =>
        p.present.some((e) => e.userId === tobias.id && e.activity === 'replying'),
      );
    }
    await settle(150);
    tobiasSocket.close();
    return { ticketId, inbox };
  };

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    w = await buildWorld(t);
    shared = (
      await t.db.query(
        "INSERT INTO organisations (name, shared_ticket_visibility) VALUES ('Kestrel Logistics', true) RETURNING id",
      )
    ).rows[0].id;
    marisol = await account('customer', 'Marisol Underwood', shared);
    quentin = await account('customer', 'Quentin Marsh', shared);
    tobias = await account('engineer', 'Tobias Wren');
    namesake = await account('customer', 'Sam Patel', w.orgB);
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.close();
    await setNames({});
  });
  afterAll(() => t.close());

  it('hidden from engineers: no requester name in any answer or event; the engineer still sees their own', async () => {
    await setNames({ engineer: 'hidden' });
    const { ticketId, inbox } = await workTicket(w.engineer, true);
    const read = await readAll(w.engineer.auth, ticketId, true);
    const seen = JSON.stringify([read, inbox.events]);
    expect(seen).not.toMatch(REQUESTER);
    // A colleague's name is a person's name too: hidden by the engineers' row.
    expect(seen).not.toMatch(STAFF);
    expect(seen).not.toMatch(/Nia|Okafor/);

    expect(read.detail.requester).toEqual({ id: marisol.id, name: null });
    expect(read.detail.assignee).toEqual({ id: tobias.id, name: null });
    const mine = (read.list.items as TicketSummary[]).find((x) => x.id === ticketId);
    expect(mine?.requester.name).toBeNull();
    expect((read.messages.items as TicketMessage[]).map((m) => m.author)).toEqual([
      { id: tobias.id, name: null, kind: 'staff' },
      { id: marisol.id, name: null, kind: 'customer' },
    ]);
    expect(read.attachments.map((a: { uploadedBy: unknown }) => a.uploadedBy)).toEqual([
      { id: tobias.id, name: null, kind: 'staff' },
      { id: marisol.id, name: null, kind: 'customer' },
    ]);
    // History: the actor unnamed; an assignee's name, a display string, becomes the neutral label.
    const assigned = read.history.find((h: { field: string }) => h.field === 'assignee');
    expect(assigned).toMatchObject({
      actor: { id: tobias.id, name: null, kind: 'staff' },
      to: 'Support staff',
    });
    // The engineers list: others unnamed, the viewer by name.
    expect(read.engineers).toEqual(
      expect.arrayContaining([
        { id: w.engineer.id, name: 'Sam Patel' },
        { id: tobias.id, name: null },
      ]),
    );
    for (const e of inbox.of<TicketSummary>('ticket.created')) expect(e.requester.name).toBeNull();
    expect(inbox.of<TicketSummary>('ticket.updated').length).toBeGreaterThan(0);
    // While Tobias was replying (he has left since).
    const presence = inbox
      .of<{ present: PresenceEntry[] }>('ticket.presence')
      .find((p) => p.present.some((e) => e.activity === 'replying'));
    expect(presence?.present).toEqual(
      expect.arrayContaining([
        { userId: w.engineer.id, name: 'Sam Patel', activity: 'viewing' },
        { userId: tobias.id, name: null, activity: 'replying' },
      ]),
    );

    // The DPO's row is clear: the same ticket, and the same events, carry the names.
    const dpo = await readAll(w.dpo.auth, ticketId, true);
    expect(dpo.detail.requester.name).toBe('Marisol Underwood');
    expect(dpo.detail.assignee.name).toBe('Tobias Wren');
  });

  it('hidden from engineers: the DPO and admins still hear names on their sockets', async () => {
    await setNames({ engineer: 'hidden' });
    const dpoSocket = await open(w.dpo.auth);
    const dpoInbox = new Inbox(dpoSocket);
    const { inbox } = await workTicket(w.engineer2, true);
    await dpoInbox.waitFor<TicketMessage>('message.created', (m) => m.body === 'Done, still dead.');
    expect(JSON.stringify(inbox.events)).not.toMatch(REQUESTER);
    const created = dpoInbox.of<TicketSummary>('ticket.created').at(-1);
    expect(created?.requester.name).toBe('Marisol Underwood');
    expect(
      dpoInbox.of<TicketMessage>('message.created').find((m) => m.body === 'Done, still dead.')?.author.name,
    ).toBe('Marisol Underwood');
  });

  it('masked for engineers: the masking style (initials), never the name', async () => {
    await setNames({ engineer: 'masked' });
    const { ticketId, inbox } = await workTicket(w.engineer, true);
    const read = await readAll(w.engineer.auth, ticketId, true);
    const seen = JSON.stringify([read, inbox.events]);
    expect(seen).not.toMatch(REQUESTER);
    expect(seen).not.toMatch(STAFF);
    expect(read.detail.requester.name).toBe('M. U.');
    expect(read.detail.assignee.name).toBe('T. W.');
    expect((read.messages.items as TicketMessage[]).map((m) => m.author.name)).toEqual(['T. W.', 'M. U.']);
    expect(read.history.map((h: { actor: { name: string } }) => h.actor.name)).toContain('T. W.');
    expect(read.history.find((h: { field: string }) => h.field === 'assignee')?.to).toBe('T. W.');
    expect(inbox.of<TicketSummary>('ticket.created').at(-1)?.requester.name).toBe('M. U.');
    expect(
      inbox.of<TicketMessage>('message.created').find((m) => m.body === 'Done, still dead.')?.author.name,
    ).toBe('M. U.');

    // The style is the policy's: `full` shows bullets.
    await setNames({ engineer: 'masked' }, 'full');
    expect((await get(w.engineer.auth, `/api/tickets/${ticketId}`)).requester.name).toBe('•••••');
  });

  it('hidden from customers: no staff name reaches the requester, and no requester name her colleague', async () => {
    await setNames({ customer: 'hidden' });
    const colleagueSocket = await open(quentin.auth);
    const colleague = new Inbox(colleagueSocket);
    const { ticketId, inbox } = await workTicket(marisol, false);
    await colleague.waitFor<TicketMessage>('message.created', (m) => m.body === 'Done, still dead.');

    const own = await readAll(marisol.auth, ticketId, false);
    const ownSeen = JSON.stringify([own, inbox.events]);
    expect(ownSeen).not.toMatch(STAFF);
    // Her own name, as she gave it.
    expect(own.detail.requester).toEqual({ id: marisol.id, name: 'Marisol Underwood' });
    expect(own.detail.assignee).toEqual({ id: tobias.id, name: null });
    expect((own.messages.items as TicketMessage[]).map((m) => m.author)).toEqual([
      { id: tobias.id, name: null, kind: 'staff' },
      { id: marisol.id, name: 'Marisol Underwood', kind: 'customer' },
    ]);
    expect(inbox.of<TicketSummary>('ticket.created').at(-1)?.requester.name).toBe('Marisol Underwood');
    expect(
      inbox.of<TicketMessage>('message.created').find((m) => m.body === 'Could you power-cycle it?')?.author
        .name,
    ).toBeNull();

    const theirs = await readAll(quentin.auth, ticketId, false);
    const colleagueSeen = JSON.stringify([theirs, colleague.events]);
    expect(colleagueSeen).not.toMatch(STAFF);
    expect(colleagueSeen).not.toMatch(REQUESTER);
    expect(theirs.detail.requester).toEqual({ id: marisol.id, name: null });
  });

  it('a requester who shares a staff member’s name: each is shown by who they are, not by the name', async () => {
    await setNames({ engineer: 'hidden', customer: 'hidden' });
    const sam = await open(w.engineer.auth);
    const samInbox = new Inbox(sam);
    const nia = await open(w.engineer2.auth);
    const niaInbox = new Inbox(nia);
    const customer = await open(namesake.auth);
    const customerInbox = new Inbox(customer);
    const ticketId = (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', namesake.auth)
        .send({ type: 'fault', subject: 'Voicemail', description: 'No greeting plays.' })
        .expect(201)
    ).body.id as string;
    await reply(w.engineer.auth, ticketId, 'Re-recording the greeting now.');
    await reply(namesake.auth, ticketId, 'Thanks, it plays now.');
    for (const inbox of [samInbox, niaInbox, customerInbox]) {
      await inbox.waitFor<TicketMessage>('message.created', (m) => m.body === 'Thanks, it plays now.');
    }
    await settle(100);

    // The engineer Sam Patel: his own reply by name, the customer Sam Patel unnamed.
    const asSam = await get(w.engineer.auth, `/api/tickets/${ticketId}/messages`);
    expect(asSam.items.map((m: TicketMessage) => [m.author.id, m.author.name])).toEqual([
      [w.engineer.id, 'Sam Patel'],
      [namesake.id, null],
    ]);
    expect((await get(w.engineer.auth, `/api/tickets/${ticketId}`)).requester).toEqual({
      id: namesake.id,
      name: null,
    });
    expect(
      samInbox.of<TicketSummary>('ticket.created').find((x) => x.id === ticketId)?.requester.name,
    ).toBeNull();
    const samHeard = samInbox.of<TicketMessage>('message.created').filter((m) => m.ticketId === ticketId);
    expect(samHeard.map((m) => [m.author.id, m.author.name])).toEqual([
      [w.engineer.id, 'Sam Patel'],
      [namesake.id, null],
    ]);

    // Another engineer sees neither name.
    expect(JSON.stringify([niaInbox.events, await readAll(w.engineer2.auth, ticketId, true)])).not.toMatch(
      /Sam Patel/,
    );

    // The customer Sam Patel: their own ticket and reply by name, the engineer's reply unnamed.
    const asCustomer = await get(namesake.auth, `/api/tickets/${ticketId}/messages`);
    expect(asCustomer.items.map((m: TicketMessage) => [m.author.id, m.author.name])).toEqual([
      [w.engineer.id, null],
      [namesake.id, 'Sam Patel'],
    ]);
    const customerHeard = customerInbox
      .of<TicketMessage>('message.created')
      .filter((m) => m.ticketId === ticketId);
    expect(customerHeard.map((m) => [m.author.id, m.author.name])).toEqual([
      [w.engineer.id, null],
      [namesake.id, 'Sam Patel'],
    ]);
  });

  it('masked for the DPO: data-subject requests show the subject and the candidates masked', async () => {
    await setNames({ dpo: 'masked' });
    const dpo = (method: 'get' | 'post', url: string) =>
      t.http()[method](url).set('authorization', w.dpo.auth);
    // Named at intake, and bound to her record by email.
    const bound = (
      await dpo('post', '/api/dsar')
        .send({
          kind: 'access',
          channel: 'post',
          subject: { email: marisol.email, fullName: 'Marisol Underwood' },
        })
        .expect(201)
    ).body.id;
    // A name alone that two people share (the engineer and the customer Sam Patel): candidates.
    const shared = (
      await dpo('post', '/api/dsar')
        .send({ kind: 'access', subject: { fullName: 'Sam Patel' } })
        .expect(201)
    ).body.id;
    await dpo('post', `/api/dsar/${shared}/verify`).send({ method: 'id_document' }).expect(200);
    await dpo('post', `/api/dsar/${shared}/collect`).expect(202);
    const asked = await waitForDsar(t, w.dpo.auth, shared);
    expect(asked.status).toBe('needs_subject');
    expect(asked.candidates.map((c) => c.fullName)).toEqual(['S. P.', 'S. P.']);

    const detail = (await dpo('get', `/api/dsar/${bound}`).expect(200)).body;
    expect(detail.subjectLabel).toBe('M. U.');
    expect(detail.subject.fullName).toBe('M. U.');
    const list = (await dpo('get', '/api/dsar?limit=100').expect(200)).body;
    expect(JSON.stringify([list, detail, asked])).not.toMatch(/Marisol|Underwood|Sam Patel/);

    // The subject asking for herself sees her own name, whatever the customers' row.
    await setNames({ customer: 'hidden' });
    await t.http().post('/api/dsar').set('authorization', marisol.auth).send({ kind: 'access' }).expect(201);
    const own = (await get(marisol.auth, '/api/dsar')).items;
    expect(own.map((d: { subjectLabel: string }) => d.subjectLabel)).toEqual(['Marisol Underwood']);
  });

  it('masked or hidden for admins: the users list follows the admins’ row, and the admin sees their own', async () => {
    await setNames({ admin: 'hidden' });
    const users = await get(w.admin.auth, '/api/users?limit=100');
    const byId = new Map(users.items.map((u: { id: string; fullName: string | null }) => [u.id, u.fullName]));
    expect(byId.get(marisol.id)).toBeNull();
    expect(byId.get(w.admin.id)).toBe('Jordan Lee');
    expect(JSON.stringify(users)).not.toMatch(REQUESTER);
  });
});
