import type { ErasureReceipt } from '@hushdesk/api-client';
import { randomBytes } from 'node:crypto';
import { BlobStore } from '../../apps/api/src/blobs/blob-store';
import { OwnedBlobs } from '../../apps/api/src/blobs/owned-blobs.service';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { Transactions } from '../../apps/api/src/database/transactions';
import { emailTexts } from '../../apps/api/src/mail/shared/email-texts';
import { DsarEraser } from '../../apps/api/src/dsar/erasure/dsar-erasure.service';
import { DsarPackager } from '../../apps/api/src/dsar/export/dsar-package.service';
import { DsarService } from '../../apps/api/src/dsar/intake/dsar.service';
import { messageKeyOf } from '../../apps/api/src/mail/shared/message-ids';
import { IdentifierIndex } from '../../apps/api/src/privacy/identifier-index.service';
import { ProcessingRecords } from '../../apps/api/src/privacy/processing-records.service';
import { RetentionService } from '../../apps/api/src/retention/retention.service';
import { TicketsService } from '../../apps/api/src/tickets/tickets.service';
import { organisation, signedIn, type SignedIn } from '../support/accounts';
import { findInDatabase } from '../support/db-scan';
import { startServiceContext, type ServiceContext } from '../support/service-context';

/**
 * The email channel's privacy promises, attacked from outside: mail rows and raw .eml blobs are
 * planted as the intake writes them (SQL, OwnedBlobs, identifier index under source type `email`),
 * then the retention run, a DSAR and an erasure must each reach every copy, and no further.
 */
const DANA = { name: 'Dana Whitfield', email: 'dana.whitfield@acme-telecom.test', phone: '+447700900123' };
const BELLA = { name: 'Bella Brook', email: 'bella.brook@globex.test' };
/** On no record at all: only ever in the Cc of Bella's mail. */
const CAROL = 'carol.quinn@initech.test';
const STAFF_NAME = 'Sam Patel';

let s: ServiceContext;
let dpo: SignedIn;
let engineer: SignedIn;
let dana: SignedIn;
let bella: SignedIn;
let namesake: SignedIn;
let danaTicket: string;
let bellaTicket: string;
const raw: Record<'dana' | 'bella' | 'expired', { key: string; mail: string }> = {} as never;
const outbox: Record<'toDana' | 'aboutDana' | 'aboutBella' | 'old', string> = {} as never;

function eml(from: string, to: string, cc: string, subject: string, body: string, id: string): Buffer {
  return Buffer.from(
    `From: ${from}\r\nTo: ${to}\r\n${cc ? `Cc: ${cc}\r\n` : ''}Subject: ${subject}\r\nMessage-ID: ${id}\r\n` +
      `Date: Mon, 30 Nov 2026 09:00:00 +0000\r\n\r\n${body}\r\n`,
  );
}

/** One mail as the intake stores it: the row, its raw copy (claimed), and its index entries. */
async function plantMail(m: {
  ticketId: string;
  from: string;
  fromName: string;
  cc?: string[];
  subject: string;
  quoted?: string;
  signature?: string;
  body: string;
  rawExpires: string;
  createdAgo?: string;
}): Promise<{ key: string; mail: string }> {
  const messageId = `<${randomBytes(6).toString('hex')}@mail.test>`;
  const bytes = eml(
    `${m.fromName} <${m.from}>`,
    'support@hushdesk.test',
    (m.cc ?? []).join(', '),
    m.subject,
    `${m.body}\r\n\r\n${m.quoted ?? ''}\r\n-- \r\n${m.signature ?? ''}`,
    messageId,
  );
  const owned = s.ctx.get(OwnedBlobs);
  const key = await owned.write(bytes);
  const messageKey = messageKeyOf(s.ctx.get(AppConfig).identifierKey, messageId, bytes);
  const mail = await s.ctx.get(Transactions).run(async (tx) => {
    await owned.claim(tx, key);
    const { rows } = await s.db.query(
      `INSERT INTO email_messages (ticket_id, source, message_key, message_id, from_address, from_name, to_addresses,
              cc_addresses, subject, quoted_text, signature, raw_blob_key, raw_bytes, raw_expires_at, created_at)
       VALUES ($1, 'smtp', $2, $3, $4, $5, '{support@hushdesk.test}', $6, $7, $8, $9, $10, $11,
               now() + $12::interval, now() - $13::interval)
       RETURNING id`,
      [
        m.ticketId,
        messageKey,
        messageId,
        m.from,
        m.fromName,
        m.cc ?? [],
        m.subject,
        m.quoted ?? null,
        m.signature ?? null,
        key,
        bytes.length,
        m.rawExpires,
        m.createdAgo ?? '0 seconds',
      ],
    );
    await s.db.query(
      `INSERT INTO mail_receipts (message_key, outcome, ticket_id) VALUES ($1, 'ticket', $2)`,
      [messageKey, m.ticketId],
    );
    return rows[0].id as string;
  });
  await s.ctx.get(Transactions).run((tx) =>
    s.ctx.get(IdentifierIndex).index(
      tx,
      { type: 'email', id: mail, ticketId: m.ticketId },
      emailTexts({
        from_name: m.fromName,
        from_address: m.from,
        to_addresses: ['support@hushdesk.test'],
        cc_addresses: m.cc ?? [],
        subject: m.subject,
        quoted_text: m.quoted ?? null,
        signature: m.signature ?? null,
        rejected_attachments: [],
      }),
    ),
  );
  return { key, mail };
}

async function plantOutbox(o: {
  kind: string;
  ticketId: string;
  to: SignedIn;
  toAddress: string;
  subject: string;
  body: string;
  createdAgo?: string;
}): Promise<string> {
  const { rows } = await s.db.query(
    `INSERT INTO mail_outbox (kind, ticket_id, recipient_user_id, status, to_address, subject, body_text, body_html,
            message_id, created_at, sent_at)
     VALUES ($1, $2, $3, 'sent', $4, $5, $6, $7, $8, now() - $9::interval, now() - $9::interval) RETURNING id`,
    [
      o.kind,
      o.ticketId,
      o.to.userId,
      o.toAddress,
      o.subject,
      o.body,
      `<p>${o.body}</p>`,
      `<hd.1.${randomBytes(6).toString('hex')}@hushdesk.test>`,
      o.createdAgo ?? '0 seconds',
    ],
  );
  return rows[0].id as string;
}

async function blobExists(key: string): Promise<boolean> {
  return (await s.ctx.get(BlobStore).size(key)) !== null;
}

async function collected(
  id: string,
): Promise<{ item_type: string; source_id: string; found_by: string[] }[]> {
  for (let i = 0; i < 400; i++) {
    const { rows } = await s.db.query('SELECT status FROM dsar_requests WHERE id = $1', [id]);
    if (rows[0].status !== 'collecting') break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const { rows } = await s.db.query(
    'SELECT item_type, source_id, found_by FROM dsar_items WHERE dsar_id = $1 ORDER BY id',
    [id],
  );
  return rows;
}

async function accessRequest(by: SignedIn, dto: Parameters<DsarService['create']>[1]) {
  const requests = s.ctx.get(DsarService);
  const { id } = await requests.create(by, dto);
  if (by.role !== 'customer')
    await requests.verify(dpo, id, { method: 'known_contact_details', note: 'Checked by phone' });
  await requests.collect(dpo, id);
  return { id, items: await collected(id) };
}

async function erase(by: SignedIn, dto: Parameters<DsarService['create']>[1]): Promise<ErasureReceipt> {
  const requests = s.ctx.get(DsarService);
  const { id } = await requests.create(by, dto);
  if (by.role !== 'customer')
    await requests.verify(dpo, id, { method: 'known_contact_details', note: 'Checked by phone' });
  const eraser = s.ctx.get(DsarEraser);
  const { confirmationPhrase } = await eraser.previewFor(dpo, id);
  return eraser.eraseFor(dpo, id, confirmationPhrase);
}

beforeAll(async () => {
  s = await startServiceContext();
  const acme = await organisation(s, 'Acme Telecom');
  const globex = await organisation(s, 'Globex Networks');
  dpo = await signedIn(s, 'dpo', 'Priya Shah');
  engineer = await signedIn(s, 'engineer', STAFF_NAME);
  dana = await signedIn(s, 'customer', DANA.name, {
    email: DANA.email,
    organisationId: acme,
    phone: '07700 900123',
  });
  bella = await signedIn(s, 'customer', BELLA.name, { email: BELLA.email, organisationId: globex });
  // A customer with the engineer's name, and an address of their own.
  namesake = await signedIn(s, 'customer', STAFF_NAME, {
    email: 'sam.p@globex.test',
    organisationId: globex,
  });

  const tickets = s.ctx.get(TicketsService);
  danaTicket = (
    await tickets.create(dana, { type: 'fault', subject: 'Line down', description: 'No dial tone.' })
  ).id;
  bellaTicket = (
    await tickets.create(bella, { type: 'fault', subject: 'Router config', description: 'Config is wrong.' })
  ).id;

  raw.dana = await plantMail({
    ticketId: danaTicket,
    from: DANA.email,
    fromName: DANA.name,
    subject: 'Line down',
    body: 'No dial tone since Monday.',
    quoted: `On Monday ${STAFF_NAME} wrote: we are looking into it`,
    signature: `${DANA.name}\n07700 900123`,
    rawExpires: '30 days',
  });
  raw.bella = await plantMail({
    ticketId: bellaTicket,
    from: BELLA.email,
    fromName: BELLA.name,
    cc: [DANA.email, CAROL],
    subject: 'Router config from Acme',
    body: 'See the config below.',
    quoted: `Call ${DANA.name} on 0044-7700-900-123 please; ${STAFF_NAME} knows the router.`,
    rawExpires: '30 days',
  });
  raw.expired = await plantMail({
    ticketId: bellaTicket,
    from: BELLA.email,
    fromName: BELLA.name,
    subject: 'Old mail',
    body: 'An old one.',
    rawExpires: '-1 day',
    createdAgo: '31 days',
  });

  outbox.toDana = await plantOutbox({
    kind: 'ticket_received',
    ticketId: danaTicket,
    to: dana,
    toAddress: DANA.email,
    subject: '[HD-000001] Line down',
    body: `Hello ${DANA.name}, we received your ticket.`,
  });
  outbox.aboutDana = await plantOutbox({
    kind: 'new_ticket',
    ticketId: danaTicket,
    to: engineer,
    toAddress: 'sam.patel.engineer@example.test',
    subject: '[HD-000001] New ticket',
    body: `${DANA.name} (${DANA.email}) raised a ticket.`,
  });
  outbox.aboutBella = await plantOutbox({
    kind: 'new_ticket',
    ticketId: bellaTicket,
    to: engineer,
    toAddress: 'sam.patel.engineer@example.test',
    subject: '[HD-000002] New ticket',
    body: `${BELLA.name} raised a ticket; ${STAFF_NAME}, please look.`,
  });
  outbox.old = await plantOutbox({
    kind: 'ticket_received',
    ticketId: bellaTicket,
    to: bella,
    toAddress: BELLA.email,
    subject: '[HD-000002] Router config',
    body: `Hello ${BELLA.name}, we received your ticket.`,
    createdAgo: '40 days',
  });
  await s.db.query('INSERT INTO undeliverable_addresses (hash, status) VALUES ($1, $2)', [
    s.ctx.get(IdentifierIndex).hash('email', DANA.email),
    '5.1.1',
  ]);
});
afterAll(() => s.close());

describe('retention of raw email and of mail sent', () => {
  it('a dry run counts the expired raw copy and the old mail content, and changes nothing', async () => {
    const report = await s.ctx.get(RetentionService).runNow(null, true);
    expect(report.rawEmails).toMatchObject({ expired: 1, deleted: 0, sentMail: { due: 1, scrubbed: 0 } });
    expect(await blobExists(raw.expired.key)).toBe(true);
  });

  it('the run deletes the expired raw blob from the store and keeps the mail; fresh ones stay', async () => {
    const report = await s.ctx.get(RetentionService).runNow(null, false);
    expect(report.rawEmails).toMatchObject({ deleted: 1, ids: [raw.expired.mail] });
    expect(await blobExists(raw.expired.key)).toBe(false);
    const { rows } = await s.db.query('SELECT raw_blob_key, subject FROM email_messages WHERE id = $1', [
      raw.expired.mail,
    ]);
    expect(rows).toEqual([{ raw_blob_key: null, subject: 'Old mail' }]);
    expect(await blobExists(raw.dana.key)).toBe(true);
    expect(await blobExists(raw.bella.key)).toBe(true);
    const queued = await s.db.query('SELECT count(*)::int AS n FROM blob_deletions WHERE blob_key = $1', [
      raw.expired.key,
    ]);
    expect(queued.rows[0].n).toBe(0);
  });

  it('mail sent longer ago than the period loses address, subject and text, keeping kind and status', async () => {
    const { rows } = await s.db.query(
      'SELECT id, kind, status, to_address, subject, body_text, body_html FROM mail_outbox WHERE id = ANY($1)',
      [[outbox.old, outbox.toDana]],
    );
    const byId = new Map(rows.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(outbox.old)).toMatchObject({
      kind: 'ticket_received',
      status: 'sent',
      to_address: null,
      subject: null,
      body_text: null,
      body_html: null,
    });
    expect(byId.get(outbox.toDana)).toMatchObject({ to_address: DANA.email });
  });

  it('a new period moves every kept raw copy’s expiry, within 1 to 365 days, and shows in the notice', async () => {
    const retention = s.ctx.get(RetentionService);
    await expect(retention.updatePolicy(dpo, 'raw_emails', 366)).rejects.toThrow(/at most 365/);
    await expect(retention.updatePolicy(dpo, 'raw_emails', 0)).rejects.toThrow();
    expect(await retention.updatePolicy(dpo, 'raw_emails', 10)).toMatchObject({
      category: 'raw_emails',
      days: 10,
      minDays: 1,
      maxDays: 365,
    });
    const { rows } = await s.db.query(
      `SELECT (raw_expires_at - created_at) = interval '10 days' AS moved FROM email_messages WHERE id = $1`,
      [raw.dana.mail],
    );
    expect(rows[0].moved).toBe(true);
    const notice = await s.ctx.get(ProcessingRecords).notice();
    expect(notice.find((n) => n.field === 'email.rawCopy')).toMatchObject({
      category: 'Email',
      retention: '10 days after the email arrived, then deleted',
    });
    const ropa = await s.ctx.get(ProcessingRecords).ropa();
    const mail = ropa.activities.find((a) => a.name.startsWith('Email'));
    expect(mail?.retention.join('\n')).toMatch(/deleted 10 days after the mail arrived/);
    expect(mail?.dataCategories.map((c) => c.field)).toEqual(
      expect.arrayContaining([
        'email.rawCopy',
        'email.sentMail',
        'email.doNotContact',
        'email.undeliverable',
      ]),
    );
    await retention.updatePolicy(dpo, 'raw_emails', 30);
  });
});

describe('a DSAR reaches every mail about the subject', () => {
  it('Dana’s: her mail with its raw .eml, the mail that copies her, the mail we sent her, the bounce', async () => {
    const { id, items } = await accessRequest(dana, { kind: 'access' });
    const find = (type: string, source: string) =>
      items.find((i) => i.item_type === type && i.source_id === source);
    expect(find('email', raw.dana.mail)?.found_by).toEqual(
      expect.arrayContaining(['sender', 'in_their_ticket']),
    );
    expect(find('email', raw.bella.mail)?.found_by).toEqual(expect.arrayContaining(['copied']));
    expect(find('outbound_email', outbox.toDana)?.found_by).toEqual(['recipient']);
    expect(find('outbound_email', outbox.aboutBella)).toBeUndefined();
    expect(items.some((i) => i.item_type === 'undeliverable')).toBe(true);

    const row = await s.ctx.get(DsarService).load(dpo, id);
    const { data, files } = await s.ctx.get(DsarPackager).build(row);
    const own = data.items.find((i) => i.type === 'email' && i.foundBy.includes('sender'));
    expect(own?.file).toMatch(/^emails\/.+\.eml$/);
    expect(files).toContainEqual({ path: own?.file, blobKey: raw.dana.key });
    // Someone else's mail: its text, with the other people in it redacted, never its raw copy.
    const copied = data.items.find((i) => i.type === 'email' && i.foundBy.includes('copied'));
    expect(copied?.file).toBeNull();
    expect(copied?.text).toContain(DANA.email);
    expect(copied?.text).not.toContain(CAROL);
    expect(copied?.text).not.toContain(BELLA.email);
    expect(data.supplementaryInformation.retention.join('\n')).toMatch(/Raw copies of incoming email/);
    await s.ctx.get(DsarService).complete(dpo, id, 'Answered');
  });

  it('after expiry the package lists the mail but carries no .eml', async () => {
    await s.db.query(`UPDATE email_messages SET raw_expires_at = now() - interval '1 minute' WHERE id = $1`, [
      raw.dana.mail,
    ]);
    await s.ctx.get(RetentionService).runNow(null, false);
    expect(await blobExists(raw.dana.key)).toBe(false);
    const { id } = await accessRequest(dana, { kind: 'access' });
    const { data, files } = await s.ctx.get(DsarPackager).build(await s.ctx.get(DsarService).load(dpo, id));
    const own = data.items.find((i) => i.type === 'email' && i.foundBy.includes('sender'));
    expect(own).toMatchObject({ file: null, record: { rawCopyKept: false } });
    expect(files.filter((f) => f.path.startsWith('emails/'))).toEqual([]);
    await s.ctx.get(DsarService).complete(dpo, id, 'Answered');
  });

  it('someone only in another person’s Cc, on no record, is found there', async () => {
    const { items } = await accessRequest(dpo, {
      kind: 'access',
      channel: 'email',
      subject: { email: CAROL },
    });
    expect(items).toContainEqual(
      expect.objectContaining({
        item_type: 'email',
        source_id: raw.bella.mail,
        found_by: expect.arrayContaining(['copied']),
      }),
    );
  });

  it('an index rebuild finds mail again by what only the mail holds (a Cc address)', async () => {
    const index = s.ctx.get(IdentifierIndex);
    const inMail = async () =>
      (await index.lookup({ emails: [CAROL] })).filter(
        (m) => m.sourceType === 'email' && m.sourceId === raw.bella.mail,
      );
    expect(await inMail()).not.toEqual([]);
    await s.db.query(`DELETE FROM identifier_mentions WHERE source_type = 'email'`);
    expect(await inMail()).toEqual([]);
    await index.rebuild();
    expect(await inMail()).not.toEqual([]);
  });

  it('a customer who shares a staff member’s name gets none of the staff member’s mail', async () => {
    const { items } = await accessRequest(namesake, { kind: 'access' });
    expect(items.filter((i) => i.item_type === 'outbound_email' || i.item_type === 'email')).toEqual([]);
  });
});

describe('erasure reaches every mail about the subject', () => {
  let receipt: ErasureReceipt;
  beforeAll(async () => {
    // The namesake first: the staff member's name in other people's mail is not theirs to erase.
    await erase(namesake, { kind: 'erasure' });
    receipt = await erase(dana, { kind: 'erasure' });
  });

  it('the namesake’s erasure left the staff member’s name in other mail alone', async () => {
    const { rows } = await s.db.query('SELECT body_text FROM mail_outbox WHERE id = $1', [outbox.aboutBella]);
    expect(rows[0].body_text).toBe(`${BELLA.name} raised a ticket; ${STAFF_NAME}, please look.`);
  });

  it('her own mail keeps no header or text, and its raw blob is gone from the store', async () => {
    const { rows } = await s.db.query(
      `SELECT from_address, from_name, to_addresses, cc_addresses, subject, message_id, quoted_text, signature,
              raw_blob_key FROM email_messages WHERE id = $1`,
      [raw.dana.mail],
    );
    expect(rows).toEqual([
      {
        from_address: null,
        from_name: null,
        to_addresses: [],
        cc_addresses: [],
        subject: null,
        message_id: null,
        quoted_text: null,
        signature: null,
        raw_blob_key: null,
      },
    ]);
    expect(await blobExists(raw.dana.key)).toBe(false);
  });

  it('Bella’s mail loses her in Cc and in its text (her number written 0044-7700-900-123), keeps the rest', async () => {
    const { rows } = await s.db.query(
      'SELECT from_address, cc_addresses, quoted_text, raw_blob_key FROM email_messages WHERE id = $1',
      [raw.bella.mail],
    );
    expect(rows).toEqual([
      {
        from_address: BELLA.email,
        cc_addresses: ['[email]', CAROL],
        quoted_text: `Call [name] on [phone] please; ${STAFF_NAME} knows the router.`,
        raw_blob_key: null,
      },
    ]);
    expect(await blobExists(raw.bella.key)).toBe(false);
  });

  it('mail we sent her is emptied; mail about her to staff is rewritten; Bella’s is untouched', async () => {
    const { rows } = await s.db.query(
      'SELECT id, kind, status, to_address, subject, body_text, body_html FROM mail_outbox WHERE id = ANY($1)',
      [[outbox.toDana, outbox.aboutDana, outbox.aboutBella]],
    );
    const byId = new Map(rows.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(outbox.toDana)).toMatchObject({
      kind: 'ticket_received',
      status: 'sent',
      to_address: null,
      subject: null,
      body_text: null,
      body_html: null,
    });
    expect(byId.get(outbox.aboutDana)).toMatchObject({
      body_text: '[name] ([email]) raised a ticket.',
      body_html: '<p>[name] ([email]) raised a ticket.</p>',
    });
    expect(byId.get(outbox.aboutBella)).toMatchObject({
      body_text: `${BELLA.name} raised a ticket; ${STAFF_NAME}, please look.`,
    });
  });

  it('her mail receipts stay, her address is on Do Not Contact, and her bounce marker is gone', async () => {
    const receipts = await s.db.query('SELECT count(*)::int AS n FROM mail_receipts WHERE ticket_id = $1', [
      danaTicket,
    ]);
    expect(receipts.rows[0].n).toBe(1);
    const hash = s.ctx.get(IdentifierIndex).hash('email', DANA.email);
    const dnc = await s.db.query(
      "SELECT count(*)::int AS n FROM suppressions WHERE kind = 'email' AND hash = $1",
      [hash],
    );
    expect(dnc.rows[0].n).toBe(1);
    const bounced = await s.db.query(
      'SELECT count(*)::int AS n FROM undeliverable_addresses WHERE hash = $1',
      [hash],
    );
    expect(bounced.rows[0].n).toBe(0);
  });

  it('the rescan finds nothing, and neither does a scan of every column', async () => {
    expect(receipt.rescan.remaining).toBe(0);
    expect(receipt.rescan.checked.join('\n')).toMatch(/raw email copies/);
    for (const needle of [DANA.email, DANA.name, '7700 900123', '7700-900-123', DANA.phone]) {
      expect({ needle, hits: await findInDatabase(s.db, needle) }).toEqual({ needle, hits: [] });
    }
  });

  it('someone only in a Cc is erased from it too, and the rescan agrees', async () => {
    const carol = await erase(dpo, { kind: 'erasure', channel: 'email', subject: { email: CAROL } });
    expect(carol.rescan.remaining).toBe(0);
    const { rows } = await s.db.query('SELECT cc_addresses FROM email_messages WHERE id = $1', [
      raw.bella.mail,
    ]);
    expect(rows[0].cc_addresses).toEqual(['[email]', '[email]']);
    expect(await findInDatabase(s.db, CAROL)).toEqual([]);
  });
});
