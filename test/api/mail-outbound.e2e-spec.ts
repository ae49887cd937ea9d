import type { Actor } from '../../apps/api/src/common/auth/actor';
import { Transactions } from '../../apps/api/src/database/transactions';
import { MailSender } from '../../apps/api/src/mail/outbox/mail-sender.service';
import { ticketNumberInOurId } from '../../apps/api/src/mail/shared/message-ids';
import { MessagesService } from '../../apps/api/src/messages/messages.service';
import { TicketsService } from '../../apps/api/src/tickets/tickets.service';
import { SmtpRelay, type ArrivedMail } from '../support/outbound-smtp';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';
import { buildWorld, type Account, type World } from '../support/world';

/**
 * Outbound mail through a real SMTP listener (`smtp-server`), read back with PostalMime: what each
 * notification carries, that a rolled-back change queues nothing, that nothing is lost or sent
 * twice, and that Do Not Contact and undeliverable addresses get nothing but a record.
 */

const DOMAIN = 'help.example.com';
const MAIL_FROM = `Acme Support <support@${DOMAIN}>`;
const CLEAR = { customer: 'clear', engineer: 'clear', dpo: 'clear', admin: 'clear' };

describe('outbound mail', () => {
  let relay: SmtpRelay;
  let t: TestApp;
  let w: World;

  const as = (auth: string) => ({
    get: (url: string) => t.http().get(url).set('authorization', auth),
    post: (url: string, body: object = {}) => t.http().post(url).set('authorization', auth).send(body),
    put: (url: string, body: object) => t.http().put(url).set('authorization', auth).send(body),
    patch: (url: string, body: object) => t.http().patch(url).set('authorization', auth).send(body),
  });
  const drain = (opts: { now?: Date; batch?: number } = {}) => t.app.get(MailSender).drain(opts);

  async function ticketBy(who: Account, subject: string, extra: object = {}) {
    const res = await as(who.auth)
      .post('/api/tickets', {
        type: 'fault',
        subject,
        description: 'The line drops every few minutes.',
        ...extra,
      })
      .expect(201);
    return res.body as { id: string; reference: string };
  }
  const numberOf = (reference: string) => Number(reference.slice(3));
  const tagged = (mails: ArrivedMail[], reference: string) =>
    mails.filter((m) => m.parsed.subject?.includes(`[${reference}]`));
  const rows = async (ticketId: string) =>
    (
      await t.db.query(
        `SELECT kind, status, note, to_address, subject, body_text, body_html, attempts, recipient_user_id
           FROM mail_outbox WHERE ticket_id = $1 ORDER BY created_at`,
        [ticketId],
      )
    ).rows as {
      kind: string;
      status: string;
      note: string | null;
      to_address: string | null;
      subject: string | null;
      body_text: string | null;
      body_html: string | null;
      attempts: number;
      recipient_user_id: string;
    }[];

  beforeAll(async () => {
    relay = await SmtpRelay.start();
    t = await startTestApp({ env: { SMTP_URL: relay.url, MAIL_FROM } });
    w = await buildWorld(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await relay?.down();
  });

  describe('to the requester', () => {
    let ticket: { id: string; reference: string };
    let received: ArrivedMail;

    it('tells them their ticket was received: our Message-ID, the reference, automatic, text and HTML', async () => {
      ticket = await ticketBy(w.a1, 'Router keeps rebooting');
      expect(await drain()).toMatchObject({ sent: 1 });
      await relay.waitFor(1);
      const mails = tagged(relay.to(w.a1.email), ticket.reference);
      expect(mails).toHaveLength(1);
      received = mails[0];
      expect(received.parsed.subject).toBe(`[${ticket.reference}] Router keeps rebooting`);
      expect(received.parsed.from?.address).toBe(`support@${DOMAIN}`);
      expect(ticketNumberInOurId(received.parsed.messageId as string, DOMAIN)).toBe(
        numberOf(ticket.reference),
      );
      expect(received.header('auto-submitted')).toBe('auto-generated');
      expect(received.header('x-auto-response-suppress')).toBe('All');
      expect(received.parsed.text).toContain(`logged it as ${ticket.reference}`);
      expect(received.parsed.html).toContain(`logged it as ${ticket.reference}`);
      expect(await rows(ticket.id)).toEqual([
        expect.objectContaining({
          kind: 'ticket_received',
          status: 'sent',
          attempts: 1,
          to_address: w.a1.email,
        }),
      ]);
    });

    it("sends an engineer's public reply, escaped, threaded under our earlier mail; internal notes never leave", async () => {
      const before = relay.mails.length;
      const note = 'Internal: the exchange in Leeds is the real culprit (osprey)';
      await as(w.engineer.auth)
        .post(`/api/tickets/${ticket.id}/messages`, { body: note, visibility: 'internal' })
        .expect(201);
      const reply = 'Please restart it <script>alert("x")</script> & tell us if the lights stay amber.';
      await as(w.engineer.auth)
        .post(`/api/tickets/${ticket.id}/messages`, { body: reply, visibility: 'public' })
        .expect(201);
      // The customer's own reply is not mailed back to them.
      await as(w.a1.auth)
        .post(`/api/tickets/${ticket.id}/messages`, { body: 'Done, still amber.', visibility: 'public' })
        .expect(201);
      expect(await drain()).toMatchObject({ sent: 1 });
      await relay.waitFor(before + 1);

      const mail = relay.mails[before];
      expect(mail.envelopeTo).toEqual([w.a1.email]);
      expect(mail.parsed.subject).toBe(`Re: [${ticket.reference}] Router keeps rebooting`);
      expect(mail.parsed.text).toContain(reply);
      expect(mail.parsed.text).toContain('Sam Patel');
      expect(mail.parsed.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; tell us');
      expect(mail.parsed.html).not.toContain('<script');
      // Written by a person: not automatic, but still no auto-replies wanted.
      expect(mail.header('auto-submitted')).toBeUndefined();
      expect(mail.header('x-auto-response-suppress')).toBe('All');
      expect(mail.parsed.inReplyTo).toBe(received.parsed.messageId);
      expect(mail.parsed.references).toContain(received.parsed.messageId);
      expect(ticketNumberInOurId(mail.parsed.messageId as string, DOMAIN)).toBe(numberOf(ticket.reference));

      for (const m of relay.mails) expect(m.raw.toString()).not.toContain('osprey');
      expect((await rows(ticket.id)).map((r) => r.kind)).toEqual(['ticket_received', 'public_reply']);
    });

    it("names the requester's latest mail to us in In-Reply-To and References", async () => {
      // As the intake records an inbound mail on the ticket.
      await t.db.query(
        `INSERT INTO email_messages (ticket_id, source, message_key, message_id, in_reply_to, "references", raw_bytes)
         VALUES ($1, 'smtp', $2, '<cust-2@example.net>', $3::text, ARRAY['<cust-1@example.net>', $3::text], 100)`,
        [ticket.id, Buffer.from('k'.repeat(32)), received.parsed.messageId],
      );
      const before = relay.mails.length;
      await as(w.engineer.auth)
        .post(`/api/tickets/${ticket.id}/messages`, {
          body: 'A new router is on its way.',
          visibility: 'public',
        })
        .expect(201);
      await drain();
      await relay.waitFor(before + 1);
      const mail = relay.mails[before];
      expect(mail.parsed.inReplyTo).toBe('<cust-2@example.net>');
      const references = mail.parsed.references ?? '';
      for (const id of [
        '<cust-1@example.net>',
        received.parsed.messageId as string,
        '<cust-2@example.net>',
      ]) {
        expect(references).toContain(id);
      }
    });

    it('tells them when it is resolved, as an automatic mail', async () => {
      const before = relay.mails.length;
      await as(w.engineer.auth).patch(`/api/tickets/${ticket.id}`, { status: 'resolved' }).expect(200);
      await drain();
      await relay.waitFor(before + 1);
      const mail = relay.mails[before];
      expect(mail.envelopeTo).toEqual([w.a1.email]);
      expect(mail.parsed.text).toMatch(/as solved/);
      expect(mail.header('auto-submitted')).toBe('auto-generated');
      // Undo of the resolution sends nothing more.
      await as(w.engineer.auth).post(`/api/tickets/${ticket.id}/undo`).expect(200);
      await as(w.engineer.auth).patch(`/api/tickets/${ticket.id}`, { status: 'closed' }).expect(200);
      expect(await drain()).toMatchObject({ sent: 0 });
    });
  });

  describe('to staff who chose it', () => {
    it('tells subscribed staff of new tickets (not the creator) and assignees of tickets assigned by others', async () => {
      for (const who of [w.engineer, w.engineer2]) {
        const res = await as(who.auth)
          .put('/api/mail/subscriptions/me', { newTickets: true, assignedTickets: true })
          .expect(200);
        expect(res.body).toEqual({ newTickets: true, assignedTickets: true });
      }
      expect((await as(w.engineer.auth).get('/api/mail/subscriptions/me').expect(200)).body).toEqual({
        newTickets: true,
        assignedTickets: true,
      });
      const before = relay.mails.length;
      const logged = await ticketBy(w.engineer, 'Phone line crackles', { requesterId: w.a2.id });
      await drain();
      await relay.waitFor(before + 2);
      const mails = tagged(relay.mails.slice(before), logged.reference);
      expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual([w.a2.email, w.engineer2.email].sort());
      const staffMail = mails.find((m) => m.envelopeTo[0] === w.engineer2.email) as ArrivedMail;
      expect(staffMail.parsed.subject).toBe(`[${logged.reference}] New ticket: Phone line crackles`);
      expect(staffMail.header('auto-submitted')).toBe('auto-generated');

      const assignedBefore = relay.mails.length;
      await as(w.engineer.auth)
        .patch(`/api/tickets/${logged.id}`, { assigneeId: w.engineer2.id })
        .expect(200);
      // Taking a ticket oneself is no news.
      await as(w.engineer.auth).patch(`/api/tickets/${logged.id}`, { assigneeId: w.engineer.id }).expect(200);
      expect(await drain()).toMatchObject({ sent: 1 });
      await relay.waitFor(assignedBefore + 1);
      const assigned = relay.mails[assignedBefore];
      expect(assigned.envelopeTo).toEqual([w.engineer2.email]);
      expect(assigned.parsed.subject).toBe(`[${logged.reference}] Assigned to you: Phone line crackles`);

      await as(w.engineer.auth)
        .put('/api/mail/subscriptions/me', { newTickets: false, assignedTickets: false })
        .expect(200);
      await as(w.engineer2.auth)
        .put('/api/mail/subscriptions/me', { newTickets: false, assignedTickets: false })
        .expect(200);
    });

    it('refuses customers and bad input', async () => {
      await as(w.a1.auth).get('/api/mail/subscriptions/me').expect(403);
      await as(w.engineer.auth)
        .put('/api/mail/subscriptions/me', { newTickets: 'yes', assignedTickets: true })
        .expect(400);
    });
  });

  describe('a change that rolls back', () => {
    it('queues nothing: a reply refused on a closed ticket, and work undone after queueing', async () => {
      const ticket = await ticketBy(w.b1, 'Fibre box dead');
      await drain();
      await as(w.engineer.auth).patch(`/api/tickets/${ticket.id}`, { status: 'closed' }).expect(200);
      await as(w.engineer.auth)
        .post(`/api/tickets/${ticket.id}/messages`, { body: 'Too late', visibility: 'public' })
        .expect(409);
      expect((await rows(ticket.id)).map((r) => r.kind)).toEqual(['ticket_received']);

      const open = await ticketBy(w.b1, 'Fibre box dead again');
      const engineer: Actor = {
        userId: w.engineer.id,
        personId: w.engineer.personId,
        role: 'engineer',
        organisationId: null,
        sessionId: 'test',
      };
      const transactions = t.app.get(Transactions);
      const rolledBack = new Error('rolled back on purpose');
      await expect(
        transactions.run(async (tx) => {
          await t.app
            .get(MessagesService)
            .addIn(tx, engineer, open.id, { body: 'On my way', visibility: 'public' }, 'portal');
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
      const customer: Actor = {
        ...engineer,
        userId: w.b1.id,
        personId: w.b1.personId,
        role: 'customer',
        organisationId: w.orgB,
      };
      const subject = `Never created ${Date.now()}`;
      await expect(
        transactions.run(async (tx) => {
          await t.app
            .get(TicketsService)
            .createIn(tx, customer, { type: 'fault', subject, description: 'x' });
          throw rolledBack;
        }),
      ).rejects.toBe(rolledBack);
      expect((await rows(open.id)).map((r) => r.kind)).toEqual(['ticket_received']);
      const { rows: stray } = await t.db.query('SELECT 1 FROM tickets WHERE subject = $1', [subject]);
      expect(stray).toEqual([]);
      await drain();
      expect(tagged(relay.mails, open.reference)).toHaveLength(1);
    });
  });

  describe('when the relay is down', () => {
    it('keeps the mail queued, retries with backoff, and delivers it once when the relay is back', async () => {
      await relay.down();
      const ticket = await ticketBy(w.a1, 'Outage at the depot');
      const start = new Date();
      expect(await drain()).toMatchObject({ retrying: 1, sent: 0 });
      const [row] = await rows(ticket.id);
      expect(row).toMatchObject({ status: 'queued', attempts: 1, to_address: null, body_text: null });
      expect(row.note).toMatch(/could not be reached/);
      expect(row.note).not.toContain('@');

      await relay.up();
      // Not due yet: the backoff holds it.
      expect(await drain({ now: start })).toMatchObject({ sent: 0, retrying: 0 });
      expect(await drain({ now: new Date(start.getTime() + 11 * 60_000) })).toMatchObject({ sent: 1 });
      await relay.waitFor(1);
      await new Promise((r) => setTimeout(r, 200));
      expect(tagged(relay.mails, ticket.reference)).toHaveLength(1);
      expect((await rows(ticket.id))[0]).toMatchObject({ status: 'sent', attempts: 2, note: null });
    });
  });

  describe('two send workers', () => {
    it('send each mail exactly once', async () => {
      const second = await startTestApp({
        databaseUrl: t.databaseUrl,
        env: { SMTP_URL: relay.url, MAIL_FROM },
      });
      try {
        const before = relay.mails.length;
        const tickets = [];
        for (let i = 0; i < 30; i++) tickets.push(await ticketBy(i % 2 ? w.a1 : w.b1, `Burst ${i}`));
        const [a, b] = await Promise.all([
          drain({ batch: 3 }),
          second.app.get(MailSender).drain({ batch: 3 }),
        ]);
        expect(a.sent + b.sent).toBe(30);
        await relay.waitFor(before + 30);
        await new Promise((r) => setTimeout(r, 300));
        const arrived = relay.mails.slice(before);
        expect(arrived).toHaveLength(30);
        expect(new Set(arrived.map((m) => m.parsed.messageId)).size).toBe(30);
        for (const ticket of tickets) expect(tagged(arrived, ticket.reference)).toHaveLength(1);
      } finally {
        await second.close();
      }
    }, 60_000);
  });

  describe('addresses that must not be mailed', () => {
    it('records a Do Not Contact address as suppressed, without its content', async () => {
      const dnc = await createUser(t, 'customer', { organisationId: w.orgA, fullName: 'Dora Nott' });
      await as(w.dpo.auth)
        .post('/api/privacy/suppressions', { email: dnc.email, reason: 'request' })
        .expect(201);
      const ticket = await ticketBy({ ...dnc, auth: await bearerFor(t, dnc.email) }, 'Please fix my line');
      expect(await drain()).toMatchObject({ suppressed: 1, sent: 0 });
      expect(await rows(ticket.id)).toEqual([
        expect.objectContaining({
          status: 'suppressed',
          note: expect.stringMatching(/Do Not Contact/),
          to_address: null,
          subject: null,
          body_text: null,
          body_html: null,
        }),
      ]);
      expect(relay.to(dnc.email)).toEqual([]);
      const recipient = await as(w.admin.auth).get(`/api/tickets/${ticket.id}/mail-recipient`).expect(200);
      expect(recipient.body).toMatchObject({ willEmail: false, reason: 'do_not_contact' });
    });

    it('sends no automatic mail after an objection (DSAR), and erasure keeps the address listed', async () => {
      const objector = await createUser(t, 'customer', { organisationId: w.orgA, fullName: 'Otto Jection' });
      const auth = await bearerFor(t, objector.email);
      const dsar = await as(w.dpo.auth)
        .post('/api/dsar', { kind: 'objection', subject: { email: objector.email } })
        .expect(201);
      await as(w.dpo.auth).post(`/api/dsar/${dsar.body.id}/verify`, { method: 'id_document' }).expect(200);
      await as(w.dpo.auth)
        .post(`/api/dsar/${dsar.body.id}/object`, { reason: 'Asked not to be contacted' })
        .expect(200);
      const ticket = await ticketBy({ ...objector, auth }, 'One more fault');
      await drain();
      expect(await rows(ticket.id)).toEqual([
        expect.objectContaining({ status: 'suppressed', to_address: null, subject: null, body_text: null }),
      ]);
      expect(relay.to(objector.email)).toEqual([]);
    });

    it('marks an address refused with a 5xx undeliverable, and mails it no more', async () => {
      const bouncer = await createUser(t, 'customer', { organisationId: w.orgB, fullName: 'Bo Unce' });
      const auth = await bearerFor(t, bouncer.email);
      relay.refuse.add(bouncer.email);
      const first = await ticketBy({ ...bouncer, auth }, 'Mailbox gone?');
      expect(await drain()).toMatchObject({ failed: 1 });
      const [failed] = await rows(first.id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
      expect(failed.note).toMatch(/refused the address permanently \(550 5\.1\.1\)/);
      expect(failed.note).not.toContain('@');
      const second = await ticketBy({ ...bouncer, auth }, 'Still there?');
      expect(await drain()).toMatchObject({ suppressed: 1 });
      expect((await rows(second.id))[0]).toMatchObject({
        status: 'suppressed',
        note: expect.stringMatching(/undeliverable/),
      });
      const recipient = await as(w.engineer.auth).get(`/api/tickets/${second.id}/mail-recipient`).expect(200);
      expect(recipient.body).toMatchObject({ willEmail: false, reason: 'undeliverable' });
      expect(relay.to(bouncer.email)).toEqual([]);
    });
  });

  describe('who a reply would reach', () => {
    it('shows staff the requester as their field policies allow, and refuses customers', async () => {
      const ticket = await ticketBy(w.a2, 'Who gets this?');
      const engineer = await as(w.engineer.auth).get(`/api/tickets/${ticket.id}/mail-recipient`).expect(200);
      expect(engineer.body.willEmail).toBe(true);
      expect(engineer.body.reason).toBeNull();
      // Engineers see emails masked by default.
      expect(engineer.body.to).toMatch(/^Arthur Ames <.+>$/);
      expect(engineer.body.to).not.toContain(w.a2.email);
      const admin = await as(w.admin.auth).get(`/api/tickets/${ticket.id}/mail-recipient`).expect(200);
      expect(admin.body.to).toBe(`Arthur Ames <${w.a2.email}>`);
      await as(w.a2.auth).get(`/api/tickets/${ticket.id}/mail-recipient`).expect(403);
      await as(w.engineer.auth)
        .get('/api/tickets/00000000-0000-4000-8000-000000000000/mail-recipient')
        .expect(404);
    });
  });

  describe('names the policy hides', () => {
    it("leaves the engineer's name out of the mail when customers may not see it", async () => {
      const ticket = await ticketBy(w.a1, 'Name policy check');
      await drain();
      await as(w.dpo.auth)
        .patch('/api/privacy/fields/person.fullName', { visibility: { ...CLEAR, customer: 'hidden' } })
        .expect(200);
      try {
        const before = relay.mails.length;
        await as(w.engineer.auth)
          .post(`/api/tickets/${ticket.id}/messages`, { body: 'Checking now.', visibility: 'public' })
          .expect(201);
        await drain();
        await relay.waitFor(before + 1);
        const mail = relay.mails[before];
        expect(mail.raw.toString()).not.toContain('Sam Patel');
        expect(mail.parsed.text).toContain('Support staff');
      } finally {
        await as(w.dpo.auth).patch('/api/privacy/fields/person.fullName', { visibility: CLEAR }).expect(200);
      }
    });
  });

  it('logs no address, name or mail text', () => {
    const logs = t.logs.text;
    for (const secret of [
      w.a1.email,
      w.a2.email,
      w.b1.email,
      w.engineer2.email,
      'Sam Patel',
      'Router keeps rebooting',
      'lights stay amber',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('outbound mail without SMTP_URL', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startTestApp({ env: { MAIL_FROM } });
    w = await buildWorld(t);
  }, 60_000);
  afterAll(() => t?.close());

  it('keeps the rendered mail for admins to read', async () => {
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send({ type: 'fault', subject: 'Kept, not sent', description: 'x' })
      .expect(201);
    expect(await t.app.get(MailSender).drain()).toMatchObject({ kept: 1, sent: 0 });

    const admin = (url: string) => t.http().get(url).set('authorization', w.admin.auth);
    const status = await admin('/api/mail/status').expect(200);
    expect(status.body).toEqual({ sending: false, from: MAIL_FROM, intake: null });
    const page = await admin('/api/mail/outbox?status=kept').expect(200);
    expect(page.body.nextCursor).toBeNull();
    expect(page.body.items).toEqual([
      expect.objectContaining({
        kind: 'ticket_received',
        status: 'kept',
        to: w.a1.email,
        subject: `[${ticket.body.reference}] Kept, not sent`,
        ticket: { id: ticket.body.id, reference: ticket.body.reference },
        attempts: 0,
        sentAt: null,
      }),
    ]);
    const one = await admin(`/api/mail/outbox/${page.body.items[0].id}`).expect(200);
    expect(one.body.bodyText).toContain(`logged it as ${ticket.body.reference}`);
    expect((await admin('/api/mail/outbox?status=sent').expect(200)).body.items).toEqual([]);
    await t.http().get('/api/mail/outbox').set('authorization', w.engineer.auth).expect(403);
    await admin('/api/mail/outbox/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('tells the engineer a reply will not be emailed, rather than promise a mail that is only kept', async () => {
    const ticket = await t
      .http()
      .post('/api/tickets')
      .set('authorization', w.a1.auth)
      .send({ type: 'fault', subject: 'Who hears of it', description: 'x' })
      .expect(201);
    const res = await t
      .http()
      .get(`/api/tickets/${ticket.body.id}/mail-recipient`)
      .set('authorization', w.engineer.auth)
      .expect(200);
    expect(res.body).toMatchObject({ willEmail: false, reason: 'not_sending', portal: true });
  });
});

describe('the send job', () => {
  it('sends queued mail by itself, soon after the change commits', async () => {
    const relay = await SmtpRelay.start();
    const t = await startTestApp({ env: { SMTP_URL: relay.url, MAIL_FROM, JOBS_ENABLED: '1' } });
    try {
      const customer = await createUser(t, 'customer');
      const auth = await bearerFor(t, customer.email);
      const ticket = await t
        .http()
        .post('/api/tickets')
        .set('authorization', auth)
        .send({ type: 'fault', subject: 'Sent by the job', description: 'x' })
        .expect(201);
      await relay.waitFor(1, 20_000);
      expect(relay.mails[0].parsed.subject).toBe(`[${ticket.body.reference}] Sent by the job`);
    } finally {
      await t.close();
      await relay.down();
    }
  }, 60_000);
});
