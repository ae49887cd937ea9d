import { emailTexts } from '../shared/email-texts';
import { Injectable, Logger } from '@nestjs/common';
import { normaliseEmail } from '@hushdesk/privacy';
import { createReadStream } from 'node:fs';
import { readFile, stat, unlink } from 'node:fs/promises';
import { Readable } from 'node:stream';
import PostalMime, { type Email } from 'postal-mime';
import { QueryFailedError } from 'typeorm';
import { AttachmentsService, ticketFileOf } from '../../attachments/attachments.service';
import { OwnedBlobs } from '../../blobs/owned-blobs.service';
import type { Actor } from '../../common/auth/actor';
import { DomainError } from '../../common/errors/domain-error';
import { loggable } from '../../common/http/exception.filter';
import { AppConfig } from '../../config/app-config';
import { Transactions } from '../../database/transactions';
import type { Tx } from '../../database/tx';
import { MessagesService } from '../../messages/messages.service';
import { OrganisationsRepository } from '../../organisations/organisations.repository';
import { FieldPoliciesService } from '../../privacy/field-policies.service';
import { IdentifierIndex } from '../../privacy/identifier-index.service';
import { TicketLookupRepository } from '../../tickets/ticket-lookup.repository';
import { parseReference, type TicketDetailRow } from '../../tickets/ticket-rows';
import { isStaff } from '../../tickets/ticket-scope';
import { TicketsService } from '../../tickets/tickets.service';
import { UsersRepository } from '../../users/users.repository';
import { UsersService } from '../../users/users.service';
import { EmailMessagesRepository } from '../shared/email-messages.repository';
import { MailReceiptsRepository, type ReceiptOutcome } from '../shared/mail-receipts.repository';
import { messageIdsIn, messageKeyOf, messageKeyOfStream, ticketNumberInOurId } from '../shared/message-ids';
import { UndeliverableAddressesRepository } from '../shared/undeliverable-addresses.repository';
import {
  addressesOf,
  addressOf,
  automaticKind,
  hardBounces,
  splitReply,
  subjectReference,
  textOf,
} from './mail-reading';
import { slimMail, type CutPart } from './mail-slimming';

export type ImportOutcome = ReceiptOutcome | 'duplicate';

export interface ImportResult {
  outcome: ImportOutcome;
  ticketId: string | null;
}

export type MailSource = { kind: 'smtp' } | { kind: 'imap'; mailboxId: string };

/** The contacts organisation's name, and the one it takes if an organisation already has that name. */
const CONTACTS_NAMES = ['Email contacts', 'Email contacts (mail channel)'];
/** Ticket descriptions and replies are capped as the API caps them; the raw copy keeps the rest. */
const TEXT_MAX = 20_000;
const DUPLICATE: ImportResult = { outcome: 'duplicate', ticketId: null };
/**
 * Mail bytes being parsed and imported at once, SMTP and IMAP together. A parsed mail holds several
 * times its size (the raw bytes, decoded parts, their copies), so 25 MB mails go one at a time; a
 * mail bigger than the budget waits for an empty one. Small mails are not held back by it.
 */
const PARSE_BUDGET = 16 * 1024 * 1024;
/** A merged ticket's target may itself have been merged on; a chain is followed this far. */
const MAX_MERGE_HOPS = 5;

interface Prepared {
  key: Buffer;
  mail: Email;
  messageId: string | null;
  from: { address: string; name: string };
  reply: string;
  quoted: string | null;
  signature: string | null;
  accepted: { fileName: string; contentType: string; bytes: Buffer; blobKey: string }[];
  rejected: { name: string; reason: string }[];
  rawBlobKey: string;
  rawBytes: number;
  source: MailSource;
}

/** A mail to import: its bytes in memory (IMAP), or the scratch file it was streamed to (SMTP). */
type RawMail = { bytes: Buffer } | { file: string; size: number };

interface Sender {
  actor: Actor;
  contact: boolean;
}

/**
 * Turns one inbound mail into a ticket or a reply, once: everything of it (the receipt first, the
 * ticket or message, attachments, the email_messages row, the raw copy's claim) commits in one
 * transaction, so a mail is either wholly imported or not at all, and a second import of the same
 * Message-ID (re-poll, relay retry, crash and restart, or the same mail at the same moment) stops
 * at the receipt. SMTP and IMAP both come here.
 */
@Injectable()
export class MailImporter {
  private readonly logger = new Logger(MailImporter.name);
  private readonly ourAddress: string;
  /**
   * Import transactions at once: half the pool. The rest stays free for the API's requests, and for
   * the reads a transaction's services make on the pool (a field-policy cache refresh), which would
   * wait forever if every connection were held by an import waiting for one.
   */
  private readonly slots: Slots;
  private readonly parsing = new ByteBudget(PARSE_BUDGET);

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly receipts: MailReceiptsRepository,
    private readonly emailMessages: EmailMessagesRepository,
    private readonly undeliverable: UndeliverableAddressesRepository,
    private readonly tickets: TicketsService,
    private readonly ticketLookup: TicketLookupRepository,
    private readonly messages: MessagesService,
    private readonly attachments: AttachmentsService,
    private readonly users: UsersService,
    private readonly accounts: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly policies: FieldPoliciesService,
    private readonly index: IdentifierIndex,
    private readonly owned: OwnedBlobs,
  ) {
    this.ourAddress = (/<([^<>]+)>/.exec(config.mail.from)?.[1] ?? config.mail.from).trim().toLowerCase();
    this.slots = new Slots(Math.max(1, Math.floor(config.dbPoolSize / 2)));
  }

  /** Imports a mail held in memory (the IMAP poller's fetched source). */
  async import(raw: Buffer, source: MailSource): Promise<ImportResult> {
    return this.parsing.run(raw.length, () => this.importRaw({ bytes: raw }, source));
  }

  /**
   * Imports a mail written to a scratch file (`BlobStore.scratchFile()`, as the SMTP intake streams
   * it), which this takes over: the file becomes the raw copy without being copied, or is removed.
   * It is read only once its turn under the parse budget comes, and never whole into memory when
   * it is bigger than an attachment may be (see `parse`).
   */
  async importFile(file: string, source: MailSource): Promise<ImportResult> {
    try {
      const { size } = await stat(file);
      return await this.parsing.run(size, () => this.importRaw({ file, size }, source));
    } finally {
      // Gone already when it became the raw copy (an unlink, not `rm`: that stats the path first).
      await unlink(file).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
  }

  private async importRaw(raw: RawMail, source: MailSource): Promise<ImportResult> {
    const rawBytes = 'bytes' in raw ? raw.bytes.length : raw.size;
    const parsed = await this.parse(raw);
    if (!parsed) {
      // Not MIME at all: recorded (by its bytes) so a mailbox does not offer it again and again.
      return this.recordOnly(await this.keyOf(null, raw), 'rejected');
    }
    const { mail, cut } = parsed;
    const messageId = messageIdsIn(mail.messageId)[0]?.slice(0, 998) ?? null;
    const key = await this.keyOf(messageId, raw);
    // A mailbox offers whole batches again (a lost last UID, a new UIDVALIDITY): skip writing their
    // copies. Over SMTP a resent mail is rare, and the receipt's claim in the import stops it anyway.
    if (source.kind === 'imap' && (await this.receipts.seen(key))) return DUPLICATE;

    const automatic = automaticKind(mail, { domain: this.config.mail.domain, fromAddress: this.ourAddress });
    if (automatic) {
      return this.recordOnly(key, automatic, automatic === 'bounce' ? hardBounces(mail) : []);
    }
    const from = addressOf(mail.from);
    if (!from) return this.recordOnly(key, 'rejected');

    // The raw copy is the original bytes, from the file when there is one.
    const copy = 'file' in raw ? { file: raw.file } : raw.bytes;
    const prepared = await this.prepare(key, mail, cut, messageId, from, copy, rawBytes, source);
    const blobs = [prepared.rawBlobKey, ...prepared.accepted.map((a) => a.blobKey)];
    let done: { result: ImportResult; publish?: () => Promise<void> };
    // Read (and cache) the name policy before holding a connection: see `slots`.
    await this.policies.get('person.fullName');
    await this.slots.acquire();
    try {
      done = await this.withRetry(() => this.transactions.run((tx) => this.importIn(tx, prepared)));
    } catch (e) {
      await Promise.all(blobs.map((b) => this.owned.discard(b)));
      throw e;
    } finally {
      this.slots.release();
    }
    const kept = done.result.outcome === 'ticket' || done.result.outcome === 'reply';
    if (!kept) await Promise.all(blobs.map((b) => this.owned.discard(b)));
    if (done.publish) {
      await done
        .publish()
        .catch((e: unknown) =>
          this.logger.warn({ msg: 'live event after a mail import failed', err: loggable(e) }),
        );
    }
    return done.result;
  }

  /**
   * The parsed mail, or null when it is not MIME. A mail bigger than an attachment may be first
   * streams through `slimMail`, which cuts every part too large to pass the upload checks: such a
   * part is never decoded (postal-mime would hold it several times over), only named in `cut`.
   */
  private async parse(raw: RawMail): Promise<{ mail: Email; cut: Map<string, CutPart> } | null> {
    const limit = this.config.attachmentMaxBytes;
    try {
      if ('bytes' in raw && raw.bytes.length <= limit) {
        return { mail: await PostalMime.parse(wholeBuffer(raw.bytes), PARSE_OPTIONS), cut: new Map() };
      }
      if ('file' in raw && raw.size <= limit) {
        return {
          mail: await PostalMime.parse(wholeBuffer(await readFile(raw.file)), PARSE_OPTIONS),
          cut: new Map(),
        };
      }
      const slim = await slimMail(this.stream(raw), limit);
      return { mail: await PostalMime.parse(wholeBuffer(slim.bytes), PARSE_OPTIONS), cut: slim.cut };
    } catch {
      return null;
    }
  }

  /** The mail's message key: by its Message-ID, or by its original bytes (streamed from a file). */
  private async keyOf(messageId: string | null, raw: RawMail): Promise<Buffer> {
    if ('bytes' in raw) return messageKeyOf(this.config.identifierKey, messageId, raw.bytes);
    return messageKeyOfStream(this.config.identifierKey, messageId, () => this.stream(raw));
  }

  private stream(raw: RawMail): Readable {
    return 'bytes' in raw ? Readable.from([raw.bytes]) : createReadStream(raw.file);
  }

  /** Text, attachments through the upload checks, and the raw copy written (claimed in the import). */
  private async prepare(
    key: Buffer,
    mail: Email,
    cut: Map<string, CutPart>,
    messageId: string | null,
    from: { address: string; name: string },
    copy: Buffer | { file: string },
    rawBytes: number,
    source: MailSource,
  ): Promise<Prepared> {
    const { reply, quoted, signature } = splitReply(textOf(mail));
    const accepted: Prepared['accepted'] = [];
    const rejected: Prepared['rejected'] = [];
    // Parts cut for their size (see `parse`) not yet accounted for.
    const uncounted = new Map(cut);
    try {
      for (const [i, part] of mail.attachments.entries()) {
        const wasCut = part.description !== undefined && uncounted.delete(part.description);
        // Parts of the HTML body (inline images) are not files anyone attached; the HTML is never shown.
        if (part.related) continue;
        const name = part.filename ?? `attachment-${i + 1}`;
        if (wasCut) {
          // Rejected as the upload check would have rejected it, without its bytes ever decoded.
          const { fileName, reason } = this.attachments.tooLarge(name);
          rejected.push({ name: fileName, reason });
          continue;
        }
        const bytes = Buffer.from(part.content as ArrayBuffer);
        const check = this.attachments.check(name, bytes);
        if (!check.ok) {
          rejected.push({ name: check.fileName, reason: check.reason });
          continue;
        }
        accepted.push({ ...check, bytes, blobKey: await this.owned.write(bytes) });
      }
      // A cut part the parser read as body text (a huge inline text part) was not attached either.
      for (const part of uncounted.values()) {
        const { fileName, reason } = this.attachments.tooLarge(part.name ?? 'attachment');
        rejected.push({ name: fileName, reason });
      }
      const rawBlobKey = await this.owned.write(copy);
      // Every part is checked and written: a big one's bytes are not held through the transaction.
      mail.attachments = [];
      return {
        key,
        mail,
        messageId,
        from,
        reply: reply.slice(0, TEXT_MAX) || '(no text)',
        quoted,
        signature,
        accepted,
        rejected,
        rawBlobKey,
        rawBytes,
        source,
      };
    } catch (e) {
      await Promise.all(accepted.map((a) => this.owned.discard(a.blobKey)));
      throw e;
    }
  }

  private async importIn(
    tx: Tx,
    p: Prepared,
  ): Promise<{ result: ImportResult; publish?: () => Promise<void> }> {
    // First: a second import of this mail waits here for the first, then finds it done.
    if (!(await this.receipts.claim(tx, p.key, 'ticket'))) return { result: DUPLICATE };
    const sender = await this.sender(tx, p.from);
    if (!sender) {
      await this.receipts.settle(tx, p.key, 'rejected', null);
      return { result: { outcome: 'rejected', ticketId: null } };
    }
    const { actor } = sender;
    const target = await this.threadOf(tx, actor, p.mail);
    let ticketId: string;
    let ticketMessageId: string | null = null;
    let publish: () => Promise<void>;
    let outcome: 'ticket' | 'reply';
    if (target) {
      const added = await this.messages.addIn(
        tx,
        actor,
        target,
        { body: p.reply, visibility: 'public' },
        'email',
      );
      ticketId = target;
      ticketMessageId = added.message.id;
      publish = added.publish;
      outcome = 'reply';
    } else if (isStaff(actor)) {
      // Staff write new tickets in the console, for a named customer; their mail must answer a thread.
      await this.receipts.settle(tx, p.key, 'rejected', null);
      return { result: { outcome: 'rejected', ticketId: null } };
    } else {
      const created = await this.tickets.createIn(
        tx,
        actor,
        {
          type: 'service_request',
          subject: (p.mail.subject ?? '').trim().slice(0, 200) || '(no subject)',
          description: p.reply,
          tags: sender.contact ? ['triage'] : undefined,
        },
        'email',
      );
      ticketId = created.row.id;
      publish = created.publish;
      outcome = 'ticket';
    }
    for (const file of p.accepted) await this.attachments.addIn(tx, actor, ticketId, ticketFileOf(file));

    const names = (await this.policies.get('person.fullName')).collection !== 'off';
    const fromName = names ? p.from.name.slice(0, 200) || null : null;
    const subject = p.mail.subject?.slice(0, 998) ?? null;
    const to = addressesOf(p.mail.to);
    const cc = addressesOf(p.mail.cc);
    const sentAt = p.mail.date ? new Date(p.mail.date) : null;
    await this.emailMessages.insert(
      tx,
      {
        ticketId,
        ticketMessageId,
        source: p.source.kind,
        mailboxId: p.source.kind === 'imap' ? p.source.mailboxId : null,
        messageKey: p.key,
        messageId: p.messageId,
        inReplyTo: messageIdsIn(p.mail.inReplyTo)[0]?.slice(0, 998) ?? null,
        references: messageIdsIn(p.mail.references)
          .slice(-100)
          .map((r) => r.slice(0, 998)),
        fromAddress: p.from.address.slice(0, 320),
        fromName,
        toAddresses: to,
        ccAddresses: cc,
        subject,
        sentAt: sentAt && !Number.isNaN(sentAt.getTime()) ? sentAt : null,
        quotedText: p.quoted,
        signature: p.signature,
        rejectedAttachments: p.rejected,
        rawBlobKey: p.rawBlobKey,
        rawBytes: p.rawBytes,
      },
      // The reply text went through the index with its ticket or message; what only the mail holds goes here.
      (source, add) =>
        this.index.insertNewSourceSql(
          source,
          emailTexts({
            from_name: fromName,
            from_address: p.from.address,
            to_addresses: to,
            cc_addresses: cc,
            subject,
            quoted_text: p.quoted,
            signature: p.signature,
            rejected_attachments: p.rejected,
          }),
          add,
        ),
    );
    await this.owned.claim(tx, p.rawBlobKey);
    await this.receipts.settle(tx, p.key, outcome, ticketId);
    return { result: { outcome, ticketId }, publish };
  }

  /**
   * The sender's account as an actor: whoever holds the From address as their own email. An
   * unknown address becomes a contact (customer account no password opens) in the contacts
   * organisation. Null for a disabled account: its mail is recorded, not imported.
   */
  private async sender(tx: Tx, from: { address: string; name: string }): Promise<Sender | null> {
    const found = await this.accounts.accountByEmail(from.address, tx);
    if (found?.user_id && found.role) {
      if (found.disabled) return null;
      return {
        actor: {
          userId: found.user_id,
          personId: found.person_id,
          role: found.role,
          organisationId: found.organisation_id,
          sessionId: '',
        },
        contact: found.email_contact,
      };
    }
    const organisationId = await this.contactsOrganisation(tx);
    const names = (await this.policies.get('person.fullName')).collection !== 'off';
    const created = await this.users.insertContact(tx, {
      email: from.address,
      fullName: names ? from.name.slice(0, 200) || null : null,
      organisationId,
      personId: found?.person_id,
    });
    return {
      actor: { ...created, role: 'customer', organisationId, sessionId: '' },
      contact: true,
    };
  }

  /** In the import's transaction: nothing here may wait for a second pool connection. */
  private async contactsOrganisation(tx: Tx): Promise<string> {
    for (const name of CONTACTS_NAMES) {
      const id = await this.organisations.emailContactsId(name, tx);
      if (id) return id;
    }
    throw new Error('no organisation could be made to hold email contacts');
  }

  /**
   * The ticket this mail answers: In-Reply-To, then every References entry (newest first), then
   * `[HD-000123]` in the subject; the first of those the sender may write on (see it, not closed,
   * not frozen by a restriction). None: the mail opens a new ticket, so a stranger's mail never
   * lands in someone else's thread.
   */
  private async threadOf(tx: Tx, actor: Actor, mail: Email): Promise<string | null> {
    const ids = [
      ...new Set([...messageIdsIn(mail.inReplyTo), ...messageIdsIn(mail.references).reverse()]),
    ].slice(0, 100);
    const candidates: string[] = [];
    const theirs = ids.filter((id) => ticketNumberInOurId(id, this.config.mail.domain) === null);
    const keyed = await this.emailMessages.ticketsByKeys(
      theirs.map((id) => messageKeyOf(this.config.identifierKey, id, Buffer.alloc(0))),
      tx,
    );
    const byKey = new Map(keyed.map((r) => [r.message_key.toString('hex'), r.ticket_id]));
    for (const id of ids) {
      const number = ticketNumberInOurId(id, this.config.mail.domain);
      const ticketId =
        number !== null
          ? await this.ticketLookup.idByReference(number, tx)
          : byKey.get(messageKeyOf(this.config.identifierKey, id, Buffer.alloc(0)).toString('hex'));
      if (ticketId) candidates.push(ticketId);
    }
    const bracketed = subjectReference(mail.subject);
    const reference = bracketed !== null ? parseReference(`HD-${bracketed}`) : null;
    if (reference !== null) {
      const ticketId = await this.ticketLookup.idByReference(reference, tx);
      if (ticketId) candidates.push(ticketId);
    }
    for (const candidate of new Set(candidates)) {
      const ticketId = await this.writableFollowingMerges(tx, actor, candidate);
      if (ticketId) return ticketId;
    }
    return null;
  }

  /**
   * The ticket itself if the sender may write on it; for a ticket merged into another (closed, with
   * a pointer), the one it was merged into, as the sender's reply belongs there, under the same
   * checks. Null: neither.
   */
  private async writableFollowingMerges(tx: Tx, actor: Actor, first: string): Promise<string | null> {
    let ticketId: string | null = first;
    for (let hop = 0; ticketId && hop < MAX_MERGE_HOPS; hop++) {
      let ticket: TicketDetailRow;
      try {
        ticket = await this.tickets.findVisible(actor, ticketId, tx);
      } catch (e) {
        if (e instanceof DomainError) return null;
        throw e;
      }
      if (ticket.status === 'closed') {
        ticketId = ticket.merged_into_id;
        continue;
      }
      if (ticket.processing_restricted && actor.role !== 'dpo') return null;
      return ticketId;
    }
    return null;
  }

  /** A mail that opens nothing: only its receipt (and a hard bounce's undeliverable addresses). */
  private async recordOnly(
    key: Buffer,
    outcome: 'auto_reply' | 'bounce' | 'own_mail' | 'rejected',
    bounces: { address: string; status: string }[] = [],
  ): Promise<ImportResult> {
    return this.transactions.run(async (tx) => {
      if (!(await this.receipts.claim(tx, key, outcome))) return DUPLICATE;
      for (const b of bounces)
        await this.undeliverable.mark(tx, this.index.hash('email', normaliseEmail(b.address)), b.status);
      return { outcome, ticketId: null };
    });
  }

  /** Two first mails from one unknown sender race to create the contact: the loser runs again and finds it. */
  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        const constraint =
          e instanceof QueryFailedError ? (e.driverError as { constraint?: string }).constraint : '';
        if (attempt < 2 && (constraint === 'uq_people_email' || constraint === 'uq_users_person')) continue;
        throw e;
      }
    }
  }
}

const PARSE_OPTIONS = { attachmentEncoding: 'arraybuffer' } as const;

/** The bytes as the ArrayBuffer they fill, when they do: postal-mime copies a view first. */
function wholeBuffer(raw: Buffer): Buffer | ArrayBuffer {
  return raw.byteOffset === 0 && raw.byteLength === raw.buffer.byteLength && raw.buffer instanceof ArrayBuffer
    ? raw.buffer
    : raw;
}

/**
 * A semaphore over bytes, first come first served (a big mail is not passed over for ever by small
 * ones): work runs once its bytes fit, or alone when they never would.
 */
class ByteBudget {
  private used = 0;
  private readonly waiting: { bytes: number; go: () => void }[] = [];

  constructor(private readonly budget: number) {}

  async run<T>(bytes: number, work: () => Promise<T>): Promise<T> {
    if (this.waiting.length || !this.fits(bytes)) {
      await new Promise<void>((go) => this.waiting.push({ bytes, go }));
    } else {
      this.used += bytes;
    }
    try {
      return await work();
    } finally {
      this.used -= bytes;
      for (let next = this.waiting[0]; next && this.fits(next.bytes); next = this.waiting[0]) {
        this.waiting.shift();
        this.used += next.bytes;
        next.go();
      }
    }
  }

  private fits(bytes: number): boolean {
    return this.used === 0 || this.used + bytes <= this.budget;
  }
}

/** A counting semaphore. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
