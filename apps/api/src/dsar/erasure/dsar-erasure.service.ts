import { Injectable, Logger } from '@nestjs/common';
import { formatDsarReference, type ErasurePreview, type ErasureReceipt } from '@hushdesk/contracts';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { BlobStore, readAll } from '../../blobs/blob-store';
import { OwnedBlobs } from '../../blobs/owned-blobs';
import type { Actor } from '../../common/auth/actor';
import { DomainError } from '../../common/errors/domain-error';
import { IdentifierIndex } from '../../privacy/identifier-index.service';
import {
  attachmentTexts,
  findOnly,
  scrubFileNameOnly,
  scrubOnly,
  type KnownIdentifiers,
} from '../../privacy/text-scrub';
import { SuppressionList } from '../../privacy/suppression.service';
import { TicketEvents } from '../../realtime/ticket-events';
import {
  DsarErasureRescan,
  forEachRequestText,
  knownSet,
  requestsElsewhereSet,
} from './dsar-erasure-rescan.service';
import { SubjectMentions } from '../collection/dsar-mentions.service';
import { ErasedRequesterTickets } from './erased-requester-tickets.service';
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
    private readonly dataSource: DataSource,
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
  ) {}

  async previewFor(actor: Actor, id: string): Promise<ErasurePreview> {
    return this.preview(await this.requests.load(actor, id));
  }

  async eraseFor(actor: Actor, id: string, confirmation: string): Promise<ErasureReceipt> {
    return this.erase(actor, await this.requests.load(actor, id), confirmation);
  }

  confirmationPhrase(row: DsarRow): string {
    return `ERASE ${formatDsarReference(row.reference)}`;
  }

  async preview(row: DsarRow): Promise<ErasurePreview> {
    if (row.kind !== 'erasure') throw notErasure(row);
    const s = await this.scope(this.dataSource.manager, row);
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
        { what: 'Call recordings and their audio: deleted', count: s.deleteRecordings.length },
        { what: 'Other call notes that mention them: scrubbed', count: s.scrubRecordings.length },
        {
          what: 'Identifiers in earlier requests about them: replaced by keyed hashes',
          count: s.requests.length,
        },
        { what: 'Other requests whose notes mention them: scrubbed', count: s.requestNotes.length },
      ],
      keep: keptRecords(s),
      confirmationPhrase: this.confirmationPhrase(row),
    };
  }

  async erase(actor: Actor, row: DsarRow, confirmation: string): Promise<ErasureReceipt> {
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
      const receipt = await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT 1 FROM dsar_requests WHERE id = $1 FOR UPDATE', [row.id]);
        const s = await this.scope(manager, row);
        userIds = s.who.userIds;
        const done = await this.apply(manager, actor, row, s, written, doomed);
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

  private async scope(manager: EntityManager, row: DsarRow): Promise<Scope> {
    const resolution = await this.subjects.resolve(row, manager);
    if (resolution.kind === 'ambiguous') throw ambiguous();
    const who = resolution.identity;
    const set = knownSet(who);
    const q = async (sql: string, params: unknown[]) =>
      ((await manager.query(sql, params)) as { id: string }[]).map((r) => String(r.id));
    const mentions = await this.mentions.find(who, manager);
    const mentioned = (type: string) => [
      ...new Set(mentions.filter((m) => m.sourceType === type).map((m) => m.sourceId)),
    ];
    const ownTickets = await q('SELECT id FROM tickets WHERE requester_id = ANY($1)', [who.userIds]);
    const mentionTickets = mentioned('ticket').filter((id) => !ownTickets.includes(id));
    const phoneTickets = await q(
      'SELECT id FROM tickets WHERE contact_phone = ANY($1) AND id <> ALL($2::uuid[])',
      [who.phones, [...ownTickets, ...mentionTickets]],
    );
    const messages = await q(
      'SELECT id FROM ticket_messages WHERE author_id = ANY($1) OR ticket_id = ANY($2) OR id = ANY($3)',
      [who.userIds, ownTickets, mentioned('message')],
    );
    const deleteAttachments = await q(
      'SELECT id FROM attachments WHERE ticket_id = ANY($1) OR uploaded_by_id = ANY($2)',
      [ownTickets, who.userIds],
    );
    // Theirs: matched to them, from a number they gave us, or logged on one of their tickets.
    const recordings: { id: string; held: boolean }[] = await manager.query(
      `SELECT id, hold_at IS NOT NULL AS held FROM recordings
        WHERE person_id = $1 OR caller_number = ANY($2) OR ticket_id = ANY($3)`,
      [who.personId, who.phones, ownTickets],
    );
    const theirs = new Set(recordings.map((r) => r.id));
    const held = await q('SELECT id FROM recordings WHERE id = ANY($1) AND hold_at IS NOT NULL', [
      mentioned('recording').filter((id) => !theirs.has(id)),
    ]);
    const [{ n: sessions }] = await manager.query(
      'SELECT count(*)::int AS n FROM sessions WHERE user_id = ANY($1) AND revoked_at IS NULL',
      [who.userIds],
    );
    const [{ n: auditEntries }] = await manager.query(
      'SELECT count(*)::int AS n FROM audit_log WHERE subject_person_id = $1',
      [who.personId],
    );
    const requests = await q(
      `SELECT id FROM dsar_requests WHERE id = $1 OR subject_person_id = $2
          OR subject->>'email' = ANY($3) OR subject->>'phone' = ANY($4)`,
      [row.id, who.personId, who.emails, who.phones],
    );
    const requestNotes: string[] = [];
    const elsewhere = requestsElsewhereSet(who);
    await forEachRequestText(manager, async (page) => {
      for (const r of page) {
        if (!requests.includes(r.id) && findOnly(r.text, elsewhere).length) requestNotes.push(r.id);
      }
    });
    return {
      who,
      set,
      hashes: this.subjects.hashes(who),
      indexHashes: this.mentions.lookupHashes(who),
      ownTickets,
      openTickets: await this.openTickets.unresolved(manager, ownTickets),
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
    };
  }

  private async apply(
    manager: EntityManager,
    actor: Actor,
    row: DsarRow,
    s: Scope,
    written: string[],
    doomed: string[],
  ): Promise<{ receipt: ErasureReceipt; announce: () => Promise<void> }> {
    const scrub = (text: string | null, set = s.set) => (text ? scrubOnly(text, set) : { text, removed: 0 });
    let scrubbed = 0;
    const label = `Former customer #${row.reference}`;

    // Tickets: theirs and anyone else's that mention them.
    const tickets: { id: string; subject: string; description: string }[] = await manager.query(
      'SELECT id, subject, description FROM tickets WHERE id = ANY($1)',
      [[...s.ownTickets, ...s.mentionTickets, ...s.phoneTickets]],
    );
    for (const t of tickets) {
      const subject = scrub(t.subject);
      const description = scrub(t.description);
      scrubbed += subject.removed + description.removed;
      await manager.query(
        `UPDATE tickets SET subject = $2, description = $3,
                contact_phone = CASE WHEN id = ANY($4::uuid[]) OR contact_phone = ANY($5) THEN NULL ELSE contact_phone END
          WHERE id = $1`,
        [t.id, subject.text, description.text, s.ownTickets, s.who.phones],
      );
      await this.index.index(manager, { type: 'ticket', id: t.id, ticketId: t.id }, [
        subject.text,
        description.text,
      ]);
    }
    const messages: { id: string; ticket_id: string; body: string }[] = await manager.query(
      'SELECT id, ticket_id, body FROM ticket_messages WHERE id = ANY($1)',
      [s.messages],
    );
    for (const m of messages) {
      const body = scrub(m.body);
      scrubbed += body.removed;
      if (!body.removed) continue;
      await manager.query('UPDATE ticket_messages SET body = $2 WHERE id = $1', [m.id, body.text]);
      await this.index.index(manager, { type: 'message', id: m.id, ticketId: m.ticket_id }, [body.text]);
    }

    // Files: theirs go; elsewhere, names are rewritten without them, and text files too.
    await this.queueBlobs(
      manager,
      'SELECT blob_key AS key FROM attachments WHERE id = ANY($1)',
      s.deleteAttachments,
      doomed,
    );
    await manager.query(
      `DELETE FROM identifier_mentions WHERE source_type = 'attachment' AND source_id = ANY($1)`,
      [s.deleteAttachments],
    );
    await manager.query('DELETE FROM attachments WHERE id = ANY($1)', [s.deleteAttachments]);
    for (const a of (await manager.query(
      'SELECT id, ticket_id, blob_key, content_type, file_name FROM attachments WHERE id = ANY($1)',
      [s.scrubAttachments],
    )) as { id: string; ticket_id: string; blob_key: string; content_type: string; file_name: string }[]) {
      const name = scrubFileNameOnly(a.file_name, s.set);
      scrubbed += name.removed;
      if (name.removed) {
        await manager.query('UPDATE attachments SET file_name = $2 WHERE id = $1', [a.id, name.text]);
      }
      let content: string | null = null;
      if (a.content_type.startsWith('text/')) {
        const text = scrub((await readAll(await this.blobs.read(a.blob_key))).toString('utf8'));
        scrubbed += text.removed;
        content = text.text ?? '';
        const bytes = Buffer.from(content, 'utf8');
        const key = await this.owned.write(bytes);
        written.push(key);
        await manager.query(
          'UPDATE attachments SET blob_key = $2, size_bytes = $3, sha256 = $4 WHERE id = $1',
          [a.id, key, bytes.length, createHash('sha256').update(bytes).digest()],
        );
        await this.owned.claim(manager, key);
        await this.queueBlobs(manager, 'SELECT unnest($1::text[]) AS key', [a.blob_key], doomed);
      }
      await this.index.index(
        manager,
        { type: 'attachment', id: a.id, ticketId: a.ticket_id },
        attachmentTexts(name.text, content),
      );
    }

    // Recordings: theirs deleted with the audio (kept as an anonymous statistic); held ones kept.
    await this.queueBlobs(
      manager,
      'SELECT audio_blob_key AS key FROM recordings WHERE id = ANY($1) AND audio_blob_key IS NOT NULL',
      s.deleteRecordings,
      doomed,
    );
    await manager.query(
      `INSERT INTO call_statistics (day, direction, calls, total_seconds)
       SELECT started_at::date, direction, count(*), sum(duration_seconds) FROM recordings WHERE id = ANY($1) GROUP BY 1, 2
       ON CONFLICT (day, direction) DO UPDATE
         SET calls = call_statistics.calls + EXCLUDED.calls, total_seconds = call_statistics.total_seconds + EXCLUDED.total_seconds`,
      [s.deleteRecordings],
    );
    await manager.query(
      `DELETE FROM identifier_mentions WHERE source_type = 'recording' AND source_id = ANY($1)`,
      [s.deleteRecordings],
    );
    await manager.query('DELETE FROM recordings WHERE id = ANY($1)', [s.deleteRecordings]);
    for (const r of (await manager.query('SELECT id, ticket_id, notes FROM recordings WHERE id = ANY($1)', [
      s.scrubRecordings,
    ])) as { id: string; ticket_id: string | null; notes: string | null }[]) {
      const notes = scrub(r.notes);
      scrubbed += notes.removed;
      await manager.query('UPDATE recordings SET notes = $2 WHERE id = $1', [r.id, notes.text]);
      await this.index.index(manager, { type: 'recording', id: r.id, ticketId: r.ticket_id }, [notes.text]);
    }

    // The person and their account.
    if (s.who.personId) {
      await manager.query(
        `UPDATE people SET full_name = $2, email = NULL, phone = NULL, name_key = NULL, job_title = NULL,
                employer = NULL, work_address = NULL, im_handle = NULL, processing_restricted_at = NULL,
                updated_at = now()
          WHERE id = $1`,
        [s.who.personId, label],
      );
      await this.index.remove(manager, { type: 'person', id: s.who.personId });
    }
    await manager.query(
      `UPDATE users SET disabled_at = COALESCE(disabled_at, now()), password_hash = '!', updated_at = now()
        WHERE id = ANY($1)`,
      [s.who.userIds],
    );
    await manager.query(
      'UPDATE sessions SET revoked_at = now() WHERE user_id = ANY($1) AND revoked_at IS NULL',
      [s.who.userIds],
    );
    // Anything still indexed under their identifiers, except what a legal hold keeps.
    await manager.query(
      `DELETE FROM identifier_mentions WHERE hash = ANY($1)
          AND NOT (source_type = 'recording' AND source_id = ANY($2::uuid[]))`,
      [s.indexHashes, s.heldRecordings],
    );
    let suppressed = 0;
    for (const email of s.who.emails)
      suppressed += await this.suppressions.add(manager, { email }, 'erasure');
    for (const phone of s.who.phones)
      suppressed += await this.suppressions.add(manager, { phone }, 'erasure');

    // The requests about them keep only keyed hashes, and lose their files.
    await this.queueBlobs(
      manager,
      `SELECT evidence_blob_key AS key FROM dsar_requests WHERE id = ANY($1) AND evidence_blob_key IS NOT NULL
       UNION ALL SELECT blob_key FROM dsar_releases WHERE dsar_id = ANY($1) AND blob_key IS NOT NULL`,
      s.requests,
      doomed,
    );
    await manager.query('UPDATE dsar_releases SET blob_key = NULL WHERE dsar_id = ANY($1)', [s.requests]);
    const hashes = s.hashes.map((h) => h.toString('hex'));
    for (const r of (await manager.query(
      `SELECT id, details, verification_note, rejection_reason, extension_reason, outcome, pauses
         FROM dsar_requests WHERE id = ANY($1)`,
      [s.requests],
    )) as (Record<string, string | null> & {
      pauses: { from: string; to: string | null; reason: string }[];
    })[]) {
      await manager.query(
        `UPDATE dsar_requests SET subject = '{}', subject_hashes = $2, subject_label = $3, subject_person_id = $4,
                details = $5, verification_note = $6, rejection_reason = $7, extension_reason = $8, outcome = $9,
                requester_name = CASE WHEN requester_relation = 'subject' THEN NULL ELSE requester_name END,
                evidence_blob_key = NULL, evidence_file_name = NULL, evidence_size_bytes = NULL, pauses = $10,
                requested_changes = NULL
          WHERE id = $1`,
        [
          r.id,
          hashes,
          label,
          s.who.personId,
          scrub(r.details).text,
          scrub(r.verification_note).text,
          scrub(r.rejection_reason).text,
          scrub(r.extension_reason).text,
          scrub(r.outcome).text,
          JSON.stringify(r.pauses.map((p) => ({ ...p, reason: scrub(p.reason).text }))),
        ],
      );
    }
    // Other people's requests keep their subject; only notes that mention this person change.
    const elsewhere = requestsElsewhereSet(s.who);
    for (const r of (await manager.query(
      `SELECT id, details, verification_note, rejection_reason, extension_reason, outcome, requester_name, pauses,
              requested_changes->>'email' AS requested_email
         FROM dsar_requests WHERE id = ANY($1)`,
      [s.requestNotes],
    )) as (Record<string, string | null> & {
      pauses: { from: string; to: string | null; reason: string }[];
    })[]) {
      const f = (text: string | null) => scrub(text, elsewhere).text;
      // Someone else asked to sign in with this person's address: the request keeps no trace of it.
      const asksForTheirs = scrub(r.requested_email, elsewhere).removed > 0;
      await manager.query(
        `UPDATE dsar_requests SET details = $2, verification_note = $3, rejection_reason = $4, extension_reason = $5,
                outcome = $6, requester_name = $7, pauses = $8,
                requested_changes = CASE WHEN $9 THEN NULL ELSE requested_changes END
          WHERE id = $1`,
        [
          r.id,
          f(r.details),
          f(r.verification_note),
          f(r.rejection_reason),
          f(r.extension_reason),
          f(r.outcome),
          f(r.requester_name),
          JSON.stringify(r.pauses.map((p) => ({ ...p, reason: f(p.reason) }))),
          asksForTheirs,
        ],
      );
    }

    // Their unresolved tickets: nobody can answer on them now.
    const closing = await this.openTickets.close(
      manager,
      actor,
      s.openTickets,
      formatDsarReference(row.reference),
    );

    const rescan = await this.rescanner.run(manager, {
      who: s.who,
      ownTickets: s.ownTickets,
      touched: {
        tickets: tickets.map((t) => t.id),
        messages: s.messages,
        recordings: s.scrubRecordings,
        attachments: s.scrubAttachments,
        requests: s.requests,
      },
      held: s.heldRecordings,
    });
    const receipt: ErasureReceipt = {
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
        { action: 'Call recordings and audio deleted', count: s.deleteRecordings.length },
        { action: 'Call notes scrubbed', count: s.scrubRecordings.length },
        { action: 'Added to the do-not-contact list (keyed hashes)', count: suppressed },
        { action: 'Requests about them reduced to keyed hashes', count: s.requests.length },
        { action: 'Other requests’ notes scrubbed of their identifiers', count: s.requestNotes.length },
      ],
      kept: keptRecords(s),
      rescan,
    };
    await this.audit.record(manager, {
      actor,
      action: 'dsar.erase',
      subjectPersonId: s.who.personId,
      target: { type: 'dsar', id: row.id },
      details: {
        tickets: tickets.length,
        messages: messages.length,
        attachments: s.deleteAttachments.length,
        recordings: s.deleteRecordings.length,
        ticketsClosed: closing.closed.length,
        kept: { heldRecordings: s.heldRecordings.length },
        remaining: rescan.remaining,
      },
    });
    await manager.query(
      `UPDATE dsar_requests SET status = 'completed', closed_at = now(), receipt = $2, outcome = $3 WHERE id = $1`,
      [row.id, JSON.stringify(receipt), erasedOutcome(closing.closed.length)],
    );
    return { receipt, announce: closing.announce };
  }

  private async queueBlobs(
    manager: EntityManager,
    sql: string,
    ids: string[],
    doomed: string[],
  ): Promise<void> {
    if (!ids.length) return;
    const keys = ((await manager.query(sql, [ids])) as { key: string | null }[])
      .map((r) => r.key)
      .filter((k): k is string => !!k);
    if (!keys.length) return;
    await manager.query(
      'INSERT INTO blob_deletions (blob_key) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING',
      [keys],
    );
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
function keptRecords(s: Scope): ErasureReceipt['kept'] {
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
