import { randomBytes } from 'node:crypto';
import { MailImporter } from '../../apps/api/src/mail/intake/mail-importer.service';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * `POST /api/tickets/:id/solve`: a customer marks a request solved; a reply (portal or mail)
 * reopens it. A closed request takes no reply: the portal refuses it, and a mail opens a new
 * request instead (a follow-up, as Zendesk does).
 */
describe('customers solving and reopening their requests', () => {
  let t: TestApp;
  let w: World;
  let shared: { owner: { id: string; auth: string; email: string }; colleague: { auth: string } };

  const newTicket = async (auth: string, subject = 'Line is dead'): Promise<string> =>
    (
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', auth)
        .send({ type: 'fault', subject, description: 'No dial tone since 9am.' })
        .expect(201)
    ).body.id as string;
  const solve = (id: string, auth: string) =>
    t.http().post(`/api/tickets/${id}/solve`).set('authorization', auth);
  const reply = (id: string, auth: string, body = 'It is broken again.') =>
    t
      .http()
      .post(`/api/tickets/${id}/messages`)
      .set('authorization', auth)
      .send({ body, visibility: 'public' });
  const history = async (id: string) =>
    (
      await t.db.query(
        "SELECT from_value, to_value, actor_id FROM ticket_history WHERE ticket_id = $1 AND field = 'status' ORDER BY at, id",
        [id],
      )
    ).rows;
  const row = async (id: string) =>
    (await t.db.query('SELECT status, resolved_at, sla_paused_at FROM tickets WHERE id = $1', [id])).rows[0];
  const resolvedMails = async (id: string) =>
    Number(
      (
        await t.db.query(
          "SELECT count(*) AS n FROM mail_outbox WHERE ticket_id = $1 AND kind = 'ticket_resolved'",
          [id],
        )
      ).rows[0].n,
    );

  beforeAll(async () => {
    t = await startTestApp({ env: { MAIL_FROM: 'Hushdesk Support <support@help.example.test>' } });
    w = await buildWorld(t);
    const { rows } = await t.db.query(
      "INSERT INTO organisations (name, shared_ticket_visibility) VALUES ('Kestrel Logistics', true) RETURNING id",
    );
    const owner = await createUser(t, 'customer', { fullName: 'Quentin Marsh', organisationId: rows[0].id });
    const colleague = await createUser(t, 'customer', { fullName: 'Sunita Rao', organisationId: rows[0].id });
    shared = {
      owner: { ...owner, auth: await bearerFor(t, owner.email) },
      colleague: { auth: await bearerFor(t, colleague.email) },
    };
  });
  afterAll(() => t.close());

  it('marks the request solved, in the history, with the SLA stopped and no mail to the requester', async () => {
    const id = await newTicket(w.a1.auth);
    const res = await solve(id, w.a1.auth).expect(200);
    expect(res.body).toMatchObject({ id, status: 'resolved', allowedTransitions: [] });
    expect(res.body.resolvedAt).not.toBeNull();
    const r = await row(id);
    expect(r.status).toBe('resolved');
    expect(r.sla_paused_at).not.toBeNull();
    expect(await history(id)).toEqual([{ from_value: 'new', to_value: 'resolved', actor_id: w.a1.id }]);
    expect(await resolvedMails(id)).toBe(0);
    // Again: nothing more happens.
    await solve(id, w.a1.auth).expect(200);
    expect(await history(id)).toHaveLength(1);
  });

  it('reopens when the customer replies in the portal', async () => {
    const id = await newTicket(w.a1.auth);
    await solve(id, w.a1.auth).expect(200);
    await reply(id, w.a1.auth).expect(201);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'open', resolved_at: null });
    expect(await history(id)).toEqual([
      { from_value: 'new', to_value: 'resolved', actor_id: w.a1.id },
      { from_value: 'resolved', to_value: 'open', actor_id: w.a1.id },
    ]);
  });

  it('reopens when the customer answers by mail, and a mail to a closed request opens a follow-up', async () => {
    const id = await newTicket(w.a1.auth, 'Router keeps rebooting');
    const { reference } = (await t.http().get(`/api/tickets/${id}`).set('authorization', w.a1.auth)).body;
    await solve(id, w.a1.auth).expect(200);
    const mail = (subject: string) =>
      Buffer.from(
        [
          `From: Alice Archer <${w.a1.email}>`,
          'To: support@help.example.test',
          `Subject: ${subject}`,
          `Message-ID: <${randomBytes(6).toString('hex')}@client.test>`,
          'Date: Fri, 04 Dec 2026 10:00:00 +0000',
          '',
          'It is rebooting again.',
          '',
        ].join('\r\n'),
      );
    const importer = t.app.get(MailImporter);
    const back = await importer.import(mail(`Re: [${reference}] Router keeps rebooting`), { kind: 'smtp' });
    expect(back).toMatchObject({ outcome: 'reply', ticketId: id });
    expect((await row(id)).status).toBe('open');

    await t
      .http()
      .patch(`/api/tickets/${id}`)
      .set('authorization', w.engineer.auth)
      .send({ status: 'closed' })
      .expect(200);
    await reply(id, w.a1.auth).expect(409);
    const followUp = await importer.import(mail(`Re: [${reference}] Router keeps rebooting`), {
      kind: 'smtp',
    });
    expect(followUp.outcome).toBe('ticket');
    expect(followUp.ticketId).not.toBe(id);
    expect((await row(id)).status).toBe('closed');
  });

  it('lets a colleague solve a shared request, and nobody else', async () => {
    const id = await newTicket(shared.owner.auth);
    await solve(id, shared.colleague.auth).expect(200);
    expect(await history(id)).toEqual([expect.objectContaining({ from_value: 'new', to_value: 'resolved' })]);
    // The requester was not the one who solved it: they are told by mail.
    expect(await resolvedMails(id)).toBe(1);

    const mine = await newTicket(w.a1.auth);
    await solve(mine, w.a2.auth).expect(404); // same organisation, not shared
    await solve(mine, w.b1.auth).expect(404); // another organisation
    await solve(mine, shared.colleague.auth).expect(404);
    await solve(mine, w.engineer.auth).expect(403); // staff use PATCH
    await solve(mine, w.admin.auth).expect(403);
    await solve('00000000-0000-4000-8000-000000000000', w.a1.auth).expect(404);
    await solve('not-a-uuid', w.a1.auth).expect(400);
    expect((await row(mine)).status).toBe('new');
  });

  it('refuses a closed request, and a restricted one', async () => {
    const id = await newTicket(w.a1.auth);
    await t
      .http()
      .patch(`/api/tickets/${id}`)
      .set('authorization', w.engineer.auth)
      .send({ status: 'closed' })
      .expect(200);
    const res = await solve(id, w.a1.auth).expect(409);
    expect(res.body.message).toMatch(/closed/);
    expect(await history(id)).toHaveLength(1);

    const frozen = await newTicket(w.a2.auth);
    await t.db.query('UPDATE people SET processing_restricted_at = now() WHERE id = $1', [w.a2.personId]);
    await solve(frozen, w.a2.auth).expect(409);
    expect((await row(frozen)).status).toBe('new');
  });
});
