import nodemailer from 'nodemailer';
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { BlobStore, readAll } from '../../apps/api/src/blobs/blob-store';
import { SmtpIntake } from '../../apps/api/src/mail/intake/smtp-intake.service';
import { ourMessageId } from '../../apps/api/src/mail/shared/message-ids';
import { formatReference } from '../../apps/api/src/tickets/ticket-rows';
import { bearerFor, createUser, startTestApp, type TestApp } from '../support/test-app';

const DOMAIN = 'help.example.test';
const MAX = 256 * 1024;

/**
 * The SMTP intake end to end: a real SMTP client (nodemailer) talks to the intake the API opened
 * on a free port, and the outcome is read back from the database and the API.
 */
describe('email intake over SMTP', () => {
  let t: TestApp;
  let port: number;
  let orgShared: string;
  let alice: { id: string; email: string; personId: string };
  let arthur: { id: string; email: string };
  let bella: { id: string; email: string };
  let engineer: { id: string; email: string };

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        MAIL_INTAKE_PORT: '0',
        MAIL_FROM: `Hushdesk Support <support@${DOMAIN}>`,
        MAIL_MAX_BYTES: String(MAX),
        ATTACHMENT_MAX_BYTES: '2048',
      },
    });
    port = (t.app.get(SmtpIntake).address() as { port: number }).port;
    const { rows } = await t.db.query(
      "INSERT INTO organisations (name, shared_ticket_visibility) VALUES ('Acme Shared', true) RETURNING id",
    );
    orgShared = rows[0].id;
    const { rows: other } = await t.db.query(
      "INSERT INTO organisations (name) VALUES ('Globex') RETURNING id",
    );
    alice = await createUser(t, 'customer', {
      email: 'alice.archer@acme.test',
      organisationId: orgShared,
      fullName: 'Alice Archer',
    });
    arthur = await createUser(t, 'customer', {
      email: 'arthur.ames@acme.test',
      organisationId: orgShared,
      fullName: 'Arthur Ames',
    });
    bella = await createUser(t, 'customer', {
      email: 'bella.brook@globex.test',
      organisationId: other[0].id,
      fullName: 'Bella Brook',
    });
    engineer = await createUser(t, 'engineer', { email: 'sam.patel@hushdesk.test', fullName: 'Sam Patel' });
  });
  afterAll(() => t.close());

  const transport = () =>
    nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: false });

  let seq = 0;
  const newId = () => `m${++seq}.${randomBytes(4).toString('hex')}@client.test`;

  /** A raw mail, CRLF line ends, with the given headers and body. */
  function mail(headers: Record<string, string | undefined>, body = 'Hello.'): string {
    const lines = Object.entries(headers)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${v}`);
    return `${lines.join('\r\n')}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}\r\n`;
  }

  async function send(raw: string | Buffer, from = 'x@client.test', to: string[] = [`support@${DOMAIN}`]) {
    const tr = transport();
    try {
      return await tr.sendMail({ envelope: { from, to }, raw });
    } finally {
      tr.close();
    }
  }

  async function ticketOf(messageId: string) {
    const { rows } = await t.db.query(
      `SELECT e.ticket_id, e.ticket_message_id, e.quoted_text, e.signature, e.rejected_attachments,
              e.to_addresses, e.cc_addresses, e.from_name, e.raw_blob_key, e.raw_expires_at,
              t.subject, t.description, t.tags, t.channel, t.requester_id, t.reference
         FROM email_messages e JOIN tickets t ON t.id = e.ticket_id WHERE e.message_id = $1`,
      [messageId],
    );
    return rows[0];
  }

  const receiptCount = async () =>
    Number((await t.db.query('SELECT count(*) FROM mail_receipts')).rows[0].count);
  const ticketCount = async () => Number((await t.db.query('SELECT count(*) FROM tickets')).rows[0].count);

  it('opens a ticket for a known customer, with the reply text apart from quote and signature', async () => {
    const id = newId();
    const info = await send(
      mail(
        {
          From: 'Alice Archer <Alice.Archer@acme.test>',
          To: `Support <support@${DOMAIN}>`,
          Subject: 'Printer jammed',
          'Message-ID': `<${id}>`,
          Date: 'Fri, 04 Dec 2026 10:00:00 +0000',
          'X-Mailer': 'Secret Client 1.0',
        },
        'The printer on floor 2 is jammed again.\n\nThanks\n-- \nAlice Archer\nAcme Ltd\n\nOn Thu, 3 Dec 2026 at 09:00, Support <support@help.example.test> wrote:\n> Earlier history line\n> more history\n',
      ),
    );
    expect(info.response).toMatch(/^250/);
    const row = await ticketOf(id);
    expect(row).toMatchObject({
      subject: 'Printer jammed',
      channel: 'email',
      requester_id: alice.id,
      ticket_message_id: null,
      tags: [],
    });
    expect(row.description).toContain('floor 2 is jammed');
    expect(row.description).not.toContain('Earlier history');
    expect(row.description).not.toContain('Acme Ltd');
    expect(row.quoted_text).toContain('Earlier history line');
    expect(row.signature).toContain('Acme Ltd');
    expect(row.raw_blob_key).toBeTruthy();
    const days = (Number(new Date(row.raw_expires_at)) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29);
    expect(days).toBeLessThan(31);
    // Only the headers the contract lists are stored: nothing of X-Mailer anywhere.
    const { rows: leaked } = await t.db.query(
      "SELECT 1 FROM email_messages WHERE row_to_json(email_messages)::text LIKE '%Secret Client%'",
    );
    expect(leaked).toHaveLength(0);
    // The sender's display name and the quoted text are indexed on the mail itself.
    const { rows: mentions } = await t.db.query(
      "SELECT kind FROM identifier_mentions WHERE source_type = 'email' AND ticket_id = $1 ORDER BY kind",
      [row.ticket_id],
    );
    expect(mentions.map((m) => m.kind)).toContain('name');
    expect(mentions.map((m) => m.kind)).toContain('email');
    // The API shows it as an email ticket to its requester.
    const auth = await bearerFor(t, alice.email);
    const res = await t.http().get(`/api/tickets/${row.ticket_id}`).set('Authorization', auth).expect(200);
    expect(res.body.channel).toBe('email');
  });

  it('files an unknown sender as a contact who cannot sign in, their ticket tagged triage', async () => {
    const id = newId();
    await send(
      mail({ From: 'Zed Zephyr <zed@newcomer.test>', Subject: 'Hello there', 'Message-ID': `<${id}>` }),
    );
    const row = await ticketOf(id);
    expect(row.tags).toEqual(['triage']);
    const { rows } = await t.db.query(
      `SELECT p.full_name, u.role, o.holds_email_contacts, o.name FROM users u JOIN people p ON p.id = u.person_id
         JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1`,
      [row.requester_id],
    );
    expect(rows[0]).toEqual({
      full_name: 'Zed Zephyr',
      role: 'customer',
      holds_email_contacts: true,
      name: 'Email contacts',
    });
    // The identifier index knows the new person by their address.
    const { rows: indexed } = await t.db.query(
      "SELECT 1 FROM identifier_mentions WHERE source_type = 'person' AND source_id = (SELECT person_id FROM users WHERE id = $1)",
      [row.requester_id],
    );
    expect(indexed.length).toBeGreaterThan(0);
    // The reply box must not tell the engineer a contact will read the reply in the portal.
    const staff = await bearerFor(t, engineer.email);
    const recipient = await t
      .http()
      .get(`/api/tickets/${row.ticket_id}/mail-recipient`)
      .set('Authorization', staff)
      .expect(200);
    expect(recipient.body.portal).toBe(false);
    for (const password of ['', '!no-password', 'correct horse battery staple']) {
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: 'zed@newcomer.test', password: password || 'x' })
        .expect(401);
    }
    // Their second mail joins the same contact, and is tagged for triage too.
    const id2 = newId();
    await send(mail({ From: 'zed@newcomer.test', Subject: 'Another thing', 'Message-ID': `<${id2}>` }));
    const second = await ticketOf(id2);
    expect(second.requester_id).toBe(row.requester_id);
    expect(second.tags).toEqual(['triage']);
  });

  it('threads a reply by In-Reply-To, by a References entry that is not the last, and by [HD-…] in a new subject', async () => {
    const first = newId();
    await send(mail({ From: alice.email, Subject: 'VPN down', 'Message-ID': `<${first}>` }, 'VPN is down.'));
    const opened = await ticketOf(first);

    const byReply = newId();
    await send(
      mail(
        {
          From: alice.email,
          Subject: 'Re: VPN down',
          'Message-ID': `<${byReply}>`,
          'In-Reply-To': `<${first}>`,
        },
        'Still down.',
      ),
    );
    expect((await ticketOf(byReply)).ticket_id).toBe(opened.ticket_id);
    expect((await ticketOf(byReply)).ticket_message_id).toBeTruthy();

    // Our own notification's id first, then an unknown one last (Outlook rewrote the parent's id).
    const byRefs = newId();
    const ours = ourMessageId(opened.reference, DOMAIN);
    await send(
      mail(
        {
          From: alice.email,
          Subject: 'Re: VPN down',
          'Message-ID': `<${byRefs}>`,
          'In-Reply-To': '<rewritten-by-outlook@exchange.test>',
          References: `${ours} <rewritten-by-outlook@exchange.test>`,
        },
        'And now?',
      ),
    );
    expect((await ticketOf(byRefs)).ticket_id).toBe(opened.ticket_id);

    const bySubject = newId();
    await send(
      mail(
        {
          From: alice.email,
          Subject: `Something else entirely [${formatReference(opened.reference)}]`,
          'Message-ID': `<${bySubject}>`,
        },
        'Same problem, new subject.',
      ),
    );
    expect((await ticketOf(bySubject)).ticket_id).toBe(opened.ticket_id);

    const auth = await bearerFor(t, alice.email);
    const thread = await t
      .http()
      .get(`/api/tickets/${opened.ticket_id}/messages`)
      .set('Authorization', auth)
      .expect(200);
    expect(thread.body.items.map((m: { body: string }) => m.body)).toEqual([
      'Still down.',
      'And now?',
      'Same problem, new subject.',
    ]);
    expect(thread.body.items.every((m: { channel: string }) => m.channel === 'email')).toBe(true);
  });

  it("opens a new ticket when a stranger answers someone else's thread, and keeps their text out of it", async () => {
    const first = newId();
    await send(
      mail({ From: alice.email, Subject: 'Phone line', 'Message-ID': `<${first}>` }, 'No dial tone.'),
    );
    const opened = await ticketOf(first);
    const stranger = newId();
    await send(
      mail(
        {
          From: bella.email,
          Subject: `Re: Phone line [${formatReference(opened.reference)}]`,
          'Message-ID': `<${stranger}>`,
          'In-Reply-To': `<${first}>`,
          References: `<${first}> ${ourMessageId(opened.reference, DOMAIN)}`,
        },
        'Bella private words here.',
      ),
    );
    const theirs = await ticketOf(stranger);
    expect(theirs.ticket_id).not.toBe(opened.ticket_id);
    expect(theirs.requester_id).toBe(bella.id);
    const { rows } = await t.db.query(
      "SELECT 1 FROM ticket_messages WHERE ticket_id = $1 AND body LIKE '%Bella private%'",
      [opened.ticket_id],
    );
    expect(rows).toHaveLength(0);
  });

  it('files a reply to a merged ticket in the ticket it was merged into, while that one is open', async () => {
    const openWith = async (subject: string) => {
      const id = newId();
      await send(mail({ From: alice.email, Subject: subject, 'Message-ID': `<${id}>` }, `${subject}.`));
      return { messageId: id, ticketId: (await ticketOf(id)).ticket_id as string };
    };
    const duplicate = await openWith('Scanner offline');
    const kept = await openWith('Scanner and printer offline');
    const staff = await bearerFor(t, engineer.email);
    await t
      .http()
      .post(`/api/tickets/${duplicate.ticketId}/merge`)
      .set('Authorization', staff)
      .send({ intoTicketId: kept.ticketId })
      .expect(200);

    const reply = newId();
    await send(
      mail(
        {
          From: alice.email,
          Subject: 'Re: Scanner offline',
          'Message-ID': `<${reply}>`,
          'In-Reply-To': `<${duplicate.messageId}>`,
        },
        'The scanner is back, the printer is not.',
      ),
    );
    expect((await ticketOf(reply)).ticket_id).toBe(kept.ticketId);

    // Once the ticket it went into is closed too, a reply opens a follow-up, as for any closed ticket.
    await t
      .http()
      .patch(`/api/tickets/${kept.ticketId}`)
      .set('Authorization', staff)
      .send({ status: 'closed' })
      .expect(200);
    const late = newId();
    await send(
      mail(
        {
          From: alice.email,
          Subject: 'Re: Scanner offline',
          'Message-ID': `<${late}>`,
          'In-Reply-To': `<${duplicate.messageId}>`,
        },
        'It is offline again.',
      ),
    );
    const followUp = (await ticketOf(late)).ticket_id;
    expect([duplicate.ticketId, kept.ticketId]).not.toContain(followUp);
  });

  it('lets a CC colleague in an organisation that shares tickets reply into the thread', async () => {
    const first = newId();
    await send(
      mail(
        { From: alice.email, Cc: arthur.email, Subject: 'Office wifi', 'Message-ID': `<${first}>` },
        'Wifi drops.',
      ),
    );
    const opened = await ticketOf(first);
    const reply = newId();
    await send(
      mail(
        {
          From: arthur.email,
          Subject: 'Re: Office wifi',
          'Message-ID': `<${reply}>`,
          'In-Reply-To': `<${first}>`,
        },
        'Same here in room 4.',
      ),
    );
    expect((await ticketOf(reply)).ticket_id).toBe(opened.ticket_id);
  });

  it('lets staff reply in public to any thread by mail', async () => {
    const first = newId();
    await send(mail({ From: bella.email, Subject: 'Router', 'Message-ID': `<${first}>` }, 'Router blinks.'));
    const opened = await ticketOf(first);
    const reply = newId();
    await send(
      mail(
        {
          From: engineer.email,
          Subject: 'Re: Router',
          'Message-ID': `<${reply}>`,
          'In-Reply-To': `<${first}>`,
        },
        'Please restart it.',
      ),
    );
    const row = await ticketOf(reply);
    expect(row.ticket_id).toBe(opened.ticket_id);
    const { rows } = await t.db.query('SELECT visibility, author_id FROM ticket_messages WHERE id = $1', [
      row.ticket_message_id,
    ]);
    expect(rows[0]).toEqual({ visibility: 'public', author_id: engineer.id });
  });

  it('opens no ticket for auto-replies, bounces and our own mail, and marks a hard bounce undeliverable', async () => {
    const before = await ticketCount();
    const automatic: Record<string, string>[] = [
      { 'Auto-Submitted': 'auto-replied' },
      { 'Auto-Submitted': 'auto-generated; owner-email="x@y"' },
      { Precedence: 'bulk' },
      { Precedence: 'junk' },
      { Precedence: 'list' },
      { 'X-Auto-Response-Suppress': 'All' },
    ];
    for (const extra of automatic) {
      const id = newId();
      await send(mail({ From: alice.email, Subject: 'Out of office', 'Message-ID': `<${id}>`, ...extra }));
    }
    // Our own notification, relayed back to us.
    await send(mail({ From: alice.email, Subject: 'Loop', 'Message-ID': ourMessageId(1, DOMAIN) }));
    await send(
      mail({ From: `Support <support@${DOMAIN}>`, Subject: 'Loop 2', 'Message-ID': `<${newId()}>` }),
    );
    await send(mail({ From: 'postmaster@mx.example.test', Subject: 'Notice', 'Message-ID': `<${newId()}>` }));
    const dsn = mail(
      {
        From: 'Mail Delivery System <MAILER-DAEMON@mx.example.test>',
        Subject: 'Undelivered Mail Returned to Sender',
        'Message-ID': `<${newId()}>`,
        'MIME-Version': '1.0',
        'Content-Type': 'multipart/report; report-type=delivery-status; boundary="BB"',
      },
      [
        '--BB',
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered.',
        '',
        '--BB',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.test',
        '',
        'Final-Recipient: rfc822; Gone.User@Example.test',
        'Action: failed',
        'Status: 5.1.1',
        '',
        'Final-Recipient: rfc822; later@example.test',
        'Action: delayed',
        'Status: 4.4.1',
        '',
        '--BB--',
      ].join('\n'),
    );
    await send(dsn);
    expect(await ticketCount()).toBe(before);
    const { rows } = await t.db.query(
      'SELECT outcome, count(*)::int AS n FROM mail_receipts GROUP BY outcome ORDER BY outcome',
    );
    const byOutcome = Object.fromEntries(rows.map((r) => [r.outcome, r.n]));
    expect(byOutcome).toMatchObject({ auto_reply: 6, own_mail: 2, bounce: 2 });
    const { rows: dead } = await t.db.query('SELECT status FROM undeliverable_addresses');
    expect(dead).toEqual([{ status: '5.1.1' }]);
  });

  it('imports the same Message-ID once, sent twice in a row and many times at once', async () => {
    const id = newId();
    const raw = mail({ From: alice.email, Subject: 'Twice', 'Message-ID': `<${id}>` });
    const before = await ticketCount();
    expect((await send(raw)).response).toMatch(/^250/);
    expect((await send(raw)).response).toMatch(/^250/);
    expect(await ticketCount()).toBe(before + 1);

    const together = newId();
    const raw2 = mail({ From: 'new.person@race.test', Subject: 'At once', 'Message-ID': `<${together}>` });
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(raw2)));
    expect(answers.every((a) => /^250/.test(a.response))).toBe(true);
    expect(await ticketCount()).toBe(before + 2);
    // Two different first mails from one unknown sender at once: one contact, two tickets.
    await Promise.all([
      send(mail({ From: 'racer@race.test', Subject: 'One', 'Message-ID': `<${newId()}>` })),
      send(mail({ From: 'racer@race.test', Subject: 'Two', 'Message-ID': `<${newId()}>` })),
    ]);
    const { rows } = await t.db.query(
      "SELECT count(DISTINCT t.requester_id)::int AS people, count(*)::int AS tickets FROM tickets t JOIN users u ON u.id = t.requester_id JOIN people p ON p.id = u.person_id WHERE p.email = 'racer@race.test'",
    );
    expect(rows[0]).toEqual({ people: 1, tickets: 2 });
  });

  it('imports a mail without a Message-ID once, keyed by its bytes', async () => {
    const raw = mail({ From: alice.email, Subject: 'No id at all' }, 'Body without id.');
    const before = await ticketCount();
    await send(raw);
    await send(raw);
    expect(await ticketCount()).toBe(before + 1);
  });

  it('reads 8-bit and encoded-word headers', async () => {
    const id = newId();
    const raw = Buffer.concat([
      Buffer.from(
        `From: =?UTF-8?B?w4FsdmFybyBHw7NtZXo=?= <alvaro@acme-es.test>\r\nSubject: =?ISO-8859-1?Q?Caf=E9_machine?= =?UTF-8?Q?_=E2=98=95?=\r\nMessage-ID: <${id}>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`,
      ),
      Buffer.from('La máquina de café está rota. Grüße\r\n', 'utf8'),
    ]);
    await send(raw);
    const row = await ticketOf(id);
    expect(row.subject).toBe('Café machine ☕');
    expect(row.from_name).toBe('Álvaro Gómez');
    expect(row.description).toContain('La máquina de café está rota');
  });

  it('imports malformed MIME as best it can, and refuses what has no sender with 550', async () => {
    const id = newId();
    await send(
      mail(
        {
          From: alice.email,
          Subject: 'Broken',
          'Message-ID': `<${id}>`,
          'MIME-Version': '1.0',
          'Content-Type': 'multipart/mixed; boundary="never-closed"',
        },
        '--never-closed\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n%%%not base64 at all\n--never-closed\nContent-Type',
      ),
    );
    expect(await ticketOf(id)).toBeDefined();
    await expect(send('this is not a mail at all\r\n')).rejects.toMatchObject({ responseCode: 550 });
  });

  it('refuses a mail over MAIL_MAX_BYTES with 552 and stores nothing of it', async () => {
    const before = await receiptCount();
    const big = mail(
      { From: alice.email, Subject: 'Huge', 'Message-ID': `<${newId()}>` },
      'x'.repeat(MAX + 10),
    );
    await expect(send(big)).rejects.toMatchObject({ responseCode: 552 });
    expect(await receiptCount()).toBe(before);
  });

  it('keeps a rejected attachment out, imports the mail and notes why', async () => {
    const id = newId();
    const tr = transport();
    await tr.sendMail({
      from: alice.email,
      to: `support@${DOMAIN}`,
      subject: 'With files',
      messageId: `<${id}>`,
      text: 'See attached.',
      attachments: [
        { filename: 'notes.txt', content: 'plain notes' },
        { filename: 'tool.exe', content: Buffer.from('MZ\x90\x00 executable') },
        { filename: 'big.txt', content: 'y'.repeat(4096) },
      ],
    });
    tr.close();
    const row = await ticketOf(id);
    expect(row.rejected_attachments.map((r: { name: string }) => r.name).sort()).toEqual([
      'big.txt',
      'tool.exe',
    ]);
    expect(row.rejected_attachments.every((r: { reason: string }) => r.reason.length > 0)).toBe(true);
    const { rows } = await t.db.query('SELECT file_name FROM attachments WHERE ticket_id = $1', [
      row.ticket_id,
    ]);
    expect(rows).toEqual([{ file_name: 'notes.txt' }]);
  });

  it('records 300 recipients without fanning out', async () => {
    const id = newId();
    const to = Array.from({ length: 300 }, (_, i) => `person${i}@many.test`);
    const before = await ticketCount();
    const info = await send(
      mail({
        From: alice.email,
        To: to.slice(0, 200).join(', '),
        Cc: to.slice(200).join(', '),
        Subject: 'All hands',
        'Message-ID': `<${id}>`,
      }),
      alice.email,
      to,
    );
    expect(info.accepted).toHaveLength(300);
    expect(await ticketCount()).toBe(before + 1);
    const row = await ticketOf(id);
    expect(row.to_addresses).toHaveLength(200);
    expect(row.cc_addresses).toHaveLength(100);
  });

  it('turns an HTML-only mail into text without fetching anything', async () => {
    const id = newId();
    await send(
      mail(
        {
          From: alice.email,
          Subject: 'HTML only',
          'Message-ID': `<${id}>`,
          'MIME-Version': '1.0',
          'Content-Type': 'text/html; charset=utf-8',
        },
        '<html><body><p>The <b>scanner</b> is broken.</p><img src="http://tracker.example.test/pixel.gif"><script>alert(1)</script></body></html>',
      ),
    );
    const row = await ticketOf(id);
    expect(row.description).toContain('The scanner is broken.');
    expect(row.description).not.toMatch(/<|tracker|alert/);
  });

  it('tells admins the port the intake listens on, not the 0 it was configured with', async () => {
    const admin = await bearerFor(t, (await createUser(t, 'admin')).email);
    const status = await t.http().get('/api/mail/status').set('authorization', admin).expect(200);
    expect(status.body.intake).toEqual({ host: '127.0.0.1', port });
  });

  it('writes no address or subject to the log', () => {
    const text = t.logs.text;
    for (const secret of [
      'alice.archer',
      'zed@newcomer',
      'Printer jammed',
      'VPN down',
      'Zed Zephyr',
      'bella.brook',
    ]) {
      expect(text).not.toContain(secret);
    }
  });
});

/**
 * A mail with an attachment bigger than uploads allow, at the real limits: the part is cut while
 * the mail streams (never decoded), named in rejected_attachments, and the raw copy keeps it all.
 */
describe('email intake over SMTP, a part larger than the upload limit', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        MAIL_INTAKE_PORT: '0',
        MAIL_FROM: `Hushdesk Support <support@${DOMAIN}>`,
        MAIL_MAX_BYTES: String(25 * 1024 * 1024),
        ATTACHMENT_MAX_BYTES: String(10 * 1024 * 1024),
      },
    });
    port = (t.app.get(SmtpIntake).address() as { port: number }).port;
  });
  afterAll(() => t.close());

  it('imports the mail and the small attachment, rejects the large one by name, keeps the raw whole', async () => {
    const customer = await createUser(t, 'customer', { email: 'hana.hill@acme.test', fullName: 'Hana Hill' });
    const id = `big.${randomBytes(4).toString('hex')}@client.test`;
    const raw = await new MailComposer({
      from: customer.email,
      to: `support@${DOMAIN}`,
      subject: 'Logs and a dump',
      messageId: `<${id}>`,
      text: 'The dump is attached, with my notes.',
      attachments: [
        { filename: 'notes.txt', content: 'the notes on the dump' },
        { filename: 'core-dump.bin', content: randomBytes(15 * 1024 * 1024) },
      ],
    })
      .compile()
      .build();
    const tr = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    const info = await tr.sendMail({ envelope: { from: customer.email, to: [`support@${DOMAIN}`] }, raw });
    tr.close();
    expect(info.response).toMatch(/^250/);

    const { rows } = await t.db.query(
      `SELECT e.ticket_id, e.rejected_attachments, e.raw_blob_key, e.raw_bytes, t.description
         FROM email_messages e JOIN tickets t ON t.id = e.ticket_id WHERE e.message_id = $1`,
      [id],
    );
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row.description).toContain('The dump is attached');
    expect(row.rejected_attachments).toEqual([
      { name: 'core-dump.bin', reason: 'file is larger than 10 MB' },
    ]);
    const { rows: files } = await t.db.query('SELECT file_name FROM attachments WHERE ticket_id = $1', [
      row.ticket_id,
    ]);
    expect(files).toEqual([{ file_name: 'notes.txt' }]);
    // The raw copy is the mail as it came, the cut part included.
    const store = t.app.get(BlobStore);
    expect(Number(row.raw_bytes)).toBe(raw.length);
    expect(await store.size(row.raw_blob_key)).toBe(raw.length);
    expect((await readAll(await store.read(row.raw_blob_key))).equals(raw)).toBe(true);
  }, 60_000);
});
