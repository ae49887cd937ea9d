import { Injectable, Logger } from '@nestjs/common';
import { formatDsarReference } from '@hushdesk/contracts';
import type { ErasurePreviewDto, ErasureReceiptDto } from '../dto/dsar-responses.dto';
import { createHash } from 'node:crypto';
import { AttachmentDsarRepository } from '../../attachments/attachment-dsar.repository';
import { AuditDsarRepository } from '../../audit/audit-dsar.repository';
import { AuditService } from '../../audit/audit.service';
import { SessionErasureRepository } from '../../auth/session-erasure.repository';
import { BlobDeletionQueueRepository } from '../../blobs/blob-deletion-queue.repository';
import { BlobStore, readAll } from '../../blobs/blob-store';
import { OwnedBlobs } from '../../blobs/owned-blobs.service';
import type { Actor } from '../../common/auth/actor';
import { DomainError } from '../../common/errors/domain-error';
import { Transactions } from '../../database/transactions';
import { draftText, ReplyDraftPrivacyRepository } from '../../drafts/reply-draft-privacy.repository';
import type { Tx } from '../../database/tx';
import { MessageDsarRepository } from '../../messages/message-dsar.repository';
import { SlaWarningReadsDsarRepository } from '../../notifications/sla-warning-reads-dsar.repository';
import { PersonDsarRepository } from '../../people/person-dsar.repository';
import { IdentifierIndex } from '../../privacy/identifier-index.service';
import {
  attachmentTexts,
  findOnly,
  scrubFileNameOnly,
  scrubOnly,
  type KnownIdentifiers,
} from '../../privacy/text-scrub';
import { SubjectMentionsRepository } from '../../privacy/subject-mentions.repository';
import { SuppressionList } from '../../privacy/suppression.service';
import { TicketEvents } from '../../realtime/ticket-events.service';
import { RecordingDsarRepository } from '../../recordings/recording-dsar.repository';
import { TicketDsarRepository } from '../../tickets/ticket-dsar.repository';
import { UserDsarRepository } from '../../users/user-dsar.repository';
import { DsarErasureRescan, knownSet, requestsElsewhereSet } from './dsar-erasure-rescan.service';
import { SubjectMentions } from '../collection/dsar-mentions.service';
import { ErasedRequesterTickets } from './erased-requester-tickets.service';
import { MailErasure, type MailScope } from './mail-erasure.service';
import { DsarReleasesRepository } from '../shared/dsar-releases.repository';
import { DsarRequestsRepository } from '../shared/dsar-requests.repository';
import { assertAllowed, ambiguous, type DsarRow } from '../shared/dsar-rows';
import { DsarSubjects, type SubjectIdentity } from '../collection/dsar-subject.service';
import { DsarService } from '../intake/dsar.service';

/** What an erasure touches, worked out the same way for the preview and the erasure itself. */
interface Scope {
  who: SubjectIdentity;
  set: KnownIdentifiers;
  /** Hashes of every identifier (the request's proof); `indexHashes` leaves out shared names. */
  hashes: Buffer[];
  indexHashes: Buffer[];
  ownTickets: string[];
  /** Their tickets not yet resolved: closed by the erasure. */
  openTickets: string[];
  mentionTickets: string[];
  /** Other requesters' tickets whose contact phone is one of theirs. */
  phoneTickets: string[];
  messages: string[];
  deleteAttachments: string[];
  scrubAttachments: string[];
  deleteRecordings: string[];
  heldRecordings: string[];
  scrubRecordings: string[];
  sessions: number;
  auditEntries: number;
  requests: string[];
  /** Other people's requests whose notes mention them. */
  requestNotes: string[];
  /** Unsent reply drafts written by them, on their tickets, or naming them: deleted. */
  drafts: string[];
  /** When their staff accounts read SLA warnings: deleted. */
  warningReads: number;
  mail: MailScope;
}

/**
 * Erasure (Art. 17). The person's contact fields go and they become "Former customer #n" where
 * their tickets stay for statistics; their identifiers are scrubbed from every text that mentions
 * them, in anyone's ticket; their recordings, audio and files are deleted; their index entries go;
 * they join the do-not-contact list by keyed hash. Records under legal hold are kept and listed.
 * One transaction, then a re-scan that must find none of their identifiers.
 */
@Injectable()
export class DsarEraser {
  private readonly logger = new Logger(DsarEraser.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly dsarRequests: DsarRequestsRepository,
    private readonly dsarReleases: DsarReleasesRepository,
    private readonly tickets: TicketDsarRepository,
    private readonly messages: MessageDsarRepository,
    private readonly attachments: AttachmentDsarRepository,
    private readonly recordings: RecordingDsarRepository,
    private readonly people: PersonDsarRepository,
    private readonly users: UserDsarRepository,
    private readonly sessions: SessionErasureRepository,
    private readonly auditEntries: AuditDsarRepository,
    private readonly indexEntries: SubjectMentionsRepository,
    private readonly blobDeletions: BlobDeletionQueueRepository,
    private readonly subjects: DsarSubjects,
    private readonly index: IdentifierIndex,
    private readonly suppressions: SuppressionList,
    private readonly audit: AuditService,
    private readonly blobs: BlobStore,
    private readonly owned: OwnedBlobs,
    private readonly requests: DsarService,
    private readonly events: TicketEvents,
    private readonly mentions: SubjectMentions,
    private readonly rescanner: DsarErasureRescan,
    private readonly openTickets: ErasedRequesterTickets,
    private readonly mail: MailErasure,
    private readonly drafts: ReplyDraftPrivacyRepository,
    private readonly warningReads: SlaWarningReadsDsarRepository,
  ) {}

  async previewFor(actor: Actor, id: string): Promise<ErasurePreviewDto> {
    return this.preview(await this.requests.load(actor, id));
  }

  async eraseFor(actor: Actor, id: string, confirmation: string): Promise<ErasureReceiptDto> {
    return this.erase(actor, await this.requests.load(actor, id), confirmation);
  }

  confirmationPhrase(row: DsarRow): string {
    return `ERASE ${formatDsarReference(row.reference)}`;
  }

  async preview(row: DsarRow): Promise<ErasurePreviewDto> {
    if (row.kind !== 'erasure') throw notErasure(row);
    const s = await this.scope(row);
    return {
      erase: [
        { what: 'Contact details (name, email, phone and other fields)', count: s.who.personId ? 1 : 0 },
        { what: 'Sign-in account disabled and its sessions ended', count: s.who.userIds.length },
        {
          what: 'Their tickets: identifiers scrubbed from the text, contact phone removed',
          count: s.ownTickets.length,
        },
        {
          what: 'Open tickets closed (not yet resolved; no one can reply on them), with a note',
          count: s.openTickets.length,
        },
        {
          what: 'Other people’s tickets that mention them: their identifiers scrubbed',
          count: s.mentionTickets.length + s.phoneTickets.length,
        },
        {
          what: 'Messages written by them or mentioning them: identifiers scrubbed',
          count: s.messages.length,
        },
        {
          what: 'Attachments on their tickets or uploaded by them: deleted',
          count: s.deleteAttachments.length,
        },
        {
          what: 'Attachments elsewhere that name them (file name or text): rewritten without them',
          count: s.scrubAttachments.length,
        },
        {
          what: 'Emails they sent or on their tickets: every header and text erased, raw copies deleted',
          count: s.mail.erase.length,
        },
        {
          what: 'Other people’s emails that name them (To, Cc or text): scrubbed, raw copies deleted',
          count: s.mail.scrub.length,
        },
        { what: 'Emails sent to them: address, subject and text removed', count: s.mail.sentToThem },
        { what: 'Undeliverable markers of their addresses: removed', count: s.mail.undeliverable },
        { what: 'Call recordings and their audio: deleted', count: s.deleteRecordings.length },
        { what: 'Other call notes that mention them: scrubbed', count: s.scrubRecordings.length },
        {
          what: 'Identifiers in earlier requests about them: replaced by keyed hashes',
          count: s.requests.length,
        },
        { what: 'Other requests whose notes mention them: scrubbed', count: s.requestNotes.length },
        {
          what: 'Unsent reply drafts by them, on their tickets or naming them: deleted, with their files',
          count: s.drafts.length,
        },
        { what: 'Marks of which SLA warnings their staff account read: deleted', count: s.warningReads },
      ],
      keep: keptRecords(s),
      confirmationPhrase: this.confirmationPhrase(row),
    };
  }

  async erase(actor: Actor, row: DsarRow, confirmation: string): Promise<ErasureReceiptDto> {
    if (row.kind !== 'erasure') throw notErasure(row);
    assertAllowed(row, 'erase');
    if (confirmation.trim() !== this.confirmationPhrase(row)) {
      throw DomainError.invalidField('confirmation', `must be exactly "${this.confirmationPhrase(row)}"`);
    }
    const written: string[] = [];
    const doomed: string[] = [];
    try {
      let userIds: string[] = [];
      let announce = async () => undefined as void;
      const receipt = await this.transactions.run(async (tx) => {
        await this.dsarRequests.lockForErasure(tx, row.id);
        const s = await this.scope(row, tx);
        userIds = s.who.userIds;
        const done = await this.apply(tx, actor, row, s, written, doomed);
        announce = done.announce;
        return done.receipt;
      });
      // Their sessions are revoked; their open sockets go too.
      this.events.disconnectUsers(userIds);
      // Staff hear that the closed tickets moved, as for any other change.
      await announce();
      // The files go now; the outbox keeps any that fail for the next retention run.
      for (const key of doomed) {
        if (!(await this.owned.discard(key))) {
          this.logger.warn('an erased file could not be deleted yet; the retention run will retry');
        }
      }
      return receipt;
    } catch (e) {
      for (const key of written) await this.owned.discard(key);
      throw e;
    }
  }

  private async scope(row: DsarRow, tx?: Tx): Promise<Scope> {
    const resolution = await this.subjects.resolve(row, tx);
    if (resolution.kind === 'ambiguous') throw ambiguous();
    const who = resolution.identity;
    const set = knownSet(who);
    const mentions = await this.mentions.find(who, tx);
    const mentioned = (type: string) => [
      ...new Set(mentions.filter((m) => m.sourceType === type).map((m) => m.sourceId)),
    ];
    const ownTickets = await this.tickets.idsRequestedBy(who.userIds, tx);
    const mentionTickets = mentioned('ticket').filter((id) => !ownTickets.includes(id));
    const phoneTickets = await this.tickets.idsWithContactPhone(
      who.phones,
      [...ownTickets, ...mentionTickets],
      tx,
    );
    const messages = await this.messages.idsForErasure(who.userIds, ownTickets, mentioned('message'), tx);
    const deleteAttachments = await this.attachments.idsOnTicketsOrBy(ownTickets, who.userIds, tx);
    // Theirs: matched to them, from a number they gave us, or logged on one of their tickets.
    const recordings = await this.recordings.theirsWithHold(who.personId, who.phones, ownTickets, tx);
    const theirs = new Set(recordings.map((r) => r.id));
    const held = await this.recordings.heldAmong(
      mentioned('recording').filter((id) => !theirs.has(id)),
      tx,
    );
    const sessions = await this.sessions.countLive(who.userIds, tx);
    const auditEntries = await this.auditEntries.countAbout(who.personId, tx);
    const requests = await this.dsarRequests.idsAbout(row.id, who.personId, who.emails, who.phones, tx);
    const requestNotes: string[] = [];
    const elsewhere = requestsElsewhereSet(who);
    await this.rescanner.forEachRequestText(async (page) => {
      for (const r of page) {
        if (!requests.includes(r.id) && findOnly(r.text, elsewhere).length) requestNotes.push(r.id);
      }
    }, tx);
    // Drafts are not indexed: their own and those on their tickets, and any whose text or file names name them.
    const drafts = new Set((await this.drafts.byOrOn(who.userIds, ownTickets, tx)).map((d) => d.id));
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const page = await this.drafts.page(after, 500, tx);
      for (const d of page) if (findOnly(draftText(d), set).length) drafts.add(d.id);
      if (page.length < 500) break;
      after = page[page.length - 1].id;
    }
    return {
      who,
      set,
      drafts: [...drafts],
      warningReads: await this.warningReads.countFor(who.userIds, tx),
      hashes: this.subjects.hashes(who),
      indexHashes: this.mentions.lookupHashes(who),
      ownTickets,
      openTickets: await this.openTickets.unresolved(tx, ownTickets),
      mentionTickets,
      phoneTickets,
      messages,
      deleteAttachments,
      scrubAttachments: mentioned('attachment').filter((id) => !deleteAttachments.includes(id)),
      deleteRecordings: recordings.filter((r) => !r.held).map((r) => r.id),
      heldRecordings: [...recordings.filter((r) => r.held).map((r) => r.id), ...held],
      scrubRecordings: mentioned('recording').filter((id) => !theirs.has(id) && !held.includes(id)),
      sessions,
      auditEntries,
      requests,
      requestNotes,
      mail: await this.mail.scope(tx, who, ownTickets, mentions),
    };
  }

  private async apply(
    tx: Tx,
    actor: Actor,
    row: DsarRow,
    s: Scope,
    written: string[],
    doomed: string[],
  ): Promise<{ receipt: ErasureReceiptDto; announce: () => Promise<void> }> {
    const scrub = (text: string | null, set = s.set) => (text ? scrubOnly(text, set) : { text, removed: 0 });
    let scrubbed = 0;
    const label = `Former customer #${row.reference}`;

    // Tickets: theirs and anyone else's that mention them.
    const tickets = await this.tickets.texts(tx, [...s.ownTickets, ...s.mentionTickets, ...s.phoneTickets]);
    for (const t of tickets) {
      const subject = scrub(t.subject);
      const description = scrub(t.description);
      scrubbed += subject.removed + description.removed;
      await this.tickets.scrub(tx, t.id, subject.text, description.text, s.ownTickets, s.who.phones);
      await this.index.index(tx, { type: 'ticket', id: t.id, ticketId: t.id }, [
        subject.text,
        description.text,
      ]);
    }
    const messages = await this.messages.bodies(tx, s.messages);
    for (const m of messages) {
      const body = scrub(m.body);
      scrubbed += body.removed;
      if (!body.removed) continue;
      await this.messages.setBody(tx, m.id, body.text);
      await this.index.index(tx, { type: 'message', id: m.id, ticketId: m.ticket_id }, [body.text]);
    }

    // Mail: theirs and on their tickets erased, others' rewritten without them; raw copies go.
    const outboxTickets = [...new Set([...tickets.map((t) => t.id), ...messages.map((m) => m.ticket_id)])];
    const mail = await this.mail.apply(tx, s.who, s.mail, s.set, outboxTickets, (keys) =>
      this.queueBlobs(tx, async (k) => k.map((key) => ({ key })), keys, doomed),
    );
    scrubbed += mail.removed;

    // Files: theirs go; elsewhere, names are rewritten without them, and text files too.
    await this.queueBlobs(tx, (ids) => this.attachments.blobKeys(tx, ids), s.deleteAttachments, doomed);
    await this.indexEntries.forgetAttachments(tx, s.deleteAttachments);
    await this.attachments.delete(tx, s.deleteAttachments);
    for (const a of await this.attachments.forScrub(tx, s.scrubAttachments)) {
      const name = scrubFileNameOnly(a.file_name, s.set);
      scrubbed += name.removed;
      if (name.removed) {
        await this.attachments.rename(tx, a.id, name.text);
      }
      let content: string | null = null;
      if (a.content_type.startsWith('text/')) {
        const text = scrub((await readAll(await this.blobs.read(a.blob_key))).toString('utf8'));
        scrubbed += text.removed;
        content = text.text ?? '';
        const bytes = Buffer.from(content, 'utf8');
        const key = await this.owned.write(bytes);
        written.push(key);
        await this.attachments.replaceContent(
          tx,
          a.id,
          key,
          bytes.length,
          createHash('sha256').update(bytes).digest(),
        );
        await this.owned.claim(tx, key);
        await this.queueBlobs(tx, async (keys) => keys.map((key) => ({ key })), [a.blob_key], doomed);
      }
      await this.index.index(
        tx,
        { type: 'attachment', id: a.id, ticketId: a.ticket_id },
        attachmentTexts(name.text, content),
      );
    }

    // Recordings: theirs deleted with the audio (kept as an anonymous statistic); held ones kept.
    await this.queueBlobs(tx, (ids) => this.recordings.audioKeys(tx, ids), s.deleteRecordings, doomed);
    await this.recordings.addToStatistics(tx, s.deleteRecordings);
    await this.indexEntries.forgetRecordings(tx, s.deleteRecordings);
    await this.recordings.delete(tx, s.deleteRecordings);
    for (const r of await this.recordings.notes(tx, s.scrubRecordings)) {
      const notes = scrub(r.notes);
      scrubbed += notes.removed;
      await this.recordings.setNotes(tx, r.id, notes.text);
      await this.index.index(tx, { type: 'recording', id: r.id, ticketId: r.ticket_id }, [notes.text]);
    }

    // The person and their account.
    if (s.who.personId) {
      await this.people.erase(tx, s.who.personId, label);
      await this.index.remove(tx, { type: 'person', id: s.who.personId });
    }
    await this.users.disable(tx, s.who.userIds);
    await this.sessions.revokeAll(tx, s.who.userIds);
    // Anything still indexed under their identifiers, except what a legal hold keeps.
    await this.indexEntries.forgetHashes(tx, s.indexHashes, s.heldRecordings);
    let suppressed = 0;
    for (const email of s.who.emails) suppressed += await this.suppressions.add(tx, { email }, 'erasure');
    for (const phone of s.who.phones) suppressed += await this.suppressions.add(tx, { phone }, 'erasure');

    // The requests about them keep only keyed hashes, and lose their files.
    await this.queueBlobs(tx, (ids) => this.dsarRequests.blobKeys(tx, ids), s.requests, doomed);
    await this.dsarReleases.forgetPackages(tx, s.requests);
    const hashes = s.hashes.map((h) => h.toString('hex'));
    for (const r of await this.dsarRequests.notesAbout(tx, s.requests)) {
      await this.dsarRequests.reduceToHashes(tx, r.id as string, {
        hashes,
        label,
        personId: s.who.personId,
        details: scrub(r.details).text,
        verificationNote: scrub(r.verification_note).text,
        rejectionReason: scrub(r.rejection_reason).text,
        extensionReason: scrub(r.extension_reason).text,
        outcome: scrub(r.outcome).text,
        pauses: r.pauses.map((p) => ({ ...p, reason: scrub(p.reason).text as string })),
      });
    }
    // Other people's requests keep their subject; only notes that mention this person change.
    const elsewhere = requestsElsewhereSet(s.who);
    for (const r of await this.dsarRequests.notesElsewhere(tx, s.requestNotes)) {
      const f = (text: string | null) => scrub(text, elsewhere).text;
      // Someone else asked to sign in with this person's address: the request keeps no trace of it.
      const asksForTheirs = scrub(r.requested_email, elsewhere).removed > 0;
      await this.dsarRequests.scrubNotes(tx, r.id as string, {
        details: f(r.details),
        verificationNote: f(r.verification_note),
        rejectionReason: f(r.rejection_reason),
        extensionReason: f(r.extension_reason),
        outcome: f(r.outcome),
        requesterName: f(r.requester_name),
        pauses: r.pauses.map((p) => ({ ...p, reason: f(p.reason) as string })),
        dropRequestedChanges: asksForTheirs,
      });
    }

    // Unsent drafts are working copies: deleted rather than scrubbed, with the files kept in them.
    const draftFiles = await this.drafts.fileKeys(tx, s.drafts);
    await this.queueBlobs(tx, async () => draftFiles, s.drafts, doomed);
    const draftsDeleted = await this.drafts.deleteIds(tx, s.drafts);
    // Read marks say when a staff member looked at a warning: they go with the person.
    const warningReadsDeleted = await this.warningReads.deleteFor(tx, s.who.userIds);

    // Their unresolved tickets: nobody can answer on them now.
    const closing = await this.openTickets.close(
      tx,
      actor,
      s.openTickets,
      formatDsarReference(row.reference),
    );

    const rescan = await this.rescanner.run(tx, {
      who: s.who,
      ownTickets: s.ownTickets,
      touched: {
        tickets: tickets.map((t) => t.id),
        messages: s.messages,
        recordings: s.scrubRecordings,
        attachments: s.scrubAttachments,
        requests: s.requests,
        emails: [...s.mail.erase, ...s.mail.scrub],
        outboxTickets,
      },
      held: s.heldRecordings,
    });
    const receipt: ErasureReceiptDto = {
      reference: formatDsarReference(row.reference),
      erasedAt: new Date().toISOString(),
      actions: [
        { action: 'Contact details erased; shown as ' + label, count: s.who.personId ? 1 : 0 },
        { action: 'Accounts disabled', count: s.who.userIds.length },
        { action: 'Sessions ended', count: s.sessions },
        { action: 'Tickets scrubbed of their identifiers', count: tickets.length },
        { action: 'Open tickets closed, each with an internal note', count: closing.closed.length },
        { action: 'Messages scrubbed of their identifiers', count: messages.length },
        { action: 'Identifiers removed from free text', count: scrubbed },
        { action: 'Attachments deleted', count: s.deleteAttachments.length },
        {
          action: 'Attachments elsewhere rewritten without them (file name or text)',
          count: s.scrubAttachments.length,
        },
        { action: 'Emails erased (every header and text)', count: mail.erased },
        { action: 'Other people’s emails scrubbed of their identifiers', count: mail.scrubbed },
        { action: 'Raw email copies (.eml) deleted', count: mail.rawCopies },
        { action: 'Emails sent to them emptied of address, subject and text', count: mail.sentErased },
        { action: 'Other emails sent rewritten without them', count: mail.sentScrubbed },
        { action: 'Undeliverable markers removed', count: mail.undeliverable },
        { action: 'Call recordings and audio deleted', count: s.deleteRecordings.length },
        { action: 'Call notes scrubbed', count: s.scrubRecordings.length },
        { action: 'Added to the do-not-contact list (keyed hashes)', count: suppressed },
        { action: 'Requests about them reduced to keyed hashes', count: s.requests.length },
        { action: 'Other requests’ notes scrubbed of their identifiers', count: s.requestNotes.length },
        { action: 'Unsent reply drafts deleted', count: draftsDeleted },
        { action: 'SLA warning read marks deleted', count: warningReadsDeleted },
        { action: 'Files kept in those drafts deleted', count: draftFiles.length },
      ],
      kept: keptRecords(s),
      rescan,
    };
    await this.audit.record(tx, {
      actor,
      action: 'dsar.erase',
      subjectPersonId: s.who.personId,
      target: { type: 'dsar', id: row.id },
      details: {
        tickets: tickets.length,
        messages: messages.length,
        attachments: s.deleteAttachments.length,
        recordings: s.deleteRecordings.length,
        emails: mail.erased + mail.scrubbed,
        drafts: draftsDeleted,
        warningReads: warningReadsDeleted,
        draftFiles: draftFiles.length,
        ticketsClosed: closing.closed.length,
        kept: { heldRecordings: s.heldRecordings.length },
        remaining: rescan.remaining,
      },
    });
    await this.dsarRequests.erased(tx, row.id, receipt, erasedOutcome(closing.closed.length));
    return { receipt, announce: closing.announce };
  }

  /** The files behind `ids` go in the outbox now, and from the store once the erasure commits. */
  private async queueBlobs(
    tx: Tx,
    keysOf: (ids: string[]) => Promise<{ key: string | null }[]>,
    ids: string[],
    doomed: string[],
  ): Promise<void> {
    if (!ids.length) return;
    const keys = (await keysOf(ids)).map((r) => r.key).filter((k): k is string => !!k);
    if (!keys.length) return;
    await this.blobDeletions.queue(tx, keys);
    doomed.push(...keys);
  }
}

/** What the requester is told: what went, what stays and why, and what happened to open tickets. */
function erasedOutcome(ticketsClosed: number): string {
  const closed = ticketsClosed
    ? ` Your ${ticketsClosed === 1 ? 'open ticket was' : `${ticketsClosed} open tickets were`} closed, as no one can reply on ${ticketsClosed === 1 ? 'it' : 'them'} now.`
    : '';
  return (
    'Your personal data was erased.' +
    closed +
    ' We keep anonymised ticket statistics, and keyed hashes of your email addresses and phone numbers (which cannot be read back) so that you are not contacted again.'
  );
}

function notErasure(row: DsarRow): DomainError {
  return DomainError.invalidField('kind', `is ${row.kind}; only an erasure request can erase`);
}

/** What an erasure keeps, and why: shown in the preview and repeated in the receipt. */
function keptRecords(s: Scope): ErasureReceiptDto['kept'] {
  return [
    {
      what: 'Tickets, as "Former customer" records',
      count: s.ownTickets.length,
      why: 'Kept anonymised for service statistics (legitimate interests); nothing in them identifies the person',
    },
    {
      what: 'Call recordings under legal hold',
      count: s.heldRecordings.length,
      why: 'Legal hold: deleting data needed for legal proceedings is not permitted until the hold is lifted',
    },
    {
      what: 'Audit entries about them',
      count: s.auditEntries,
      why: 'Legal obligation (accountability, Art. 5(2)): they hold ids and field names only, never the values',
    },
    {
      what: 'Mail receipts of their emails',
      count: s.mail.erase.length,
      why: 'So an erased email is never imported again if it is delivered once more; each holds a keyed hash of the Message-ID and nothing that identifies anyone',
    },
    {
      what: 'Do-not-contact entry',
      count: s.who.emails.length + s.who.phones.length,
      why: 'So they are never contacted again; kept as keyed hashes, which cannot be read back',
    },
    {
      what: 'This request',
      count: 1,
      why: 'Proof of what was done (accountability); the identifiers in it are replaced by keyed hashes',
    },
  ];
}
