import { Injectable } from '@nestjs/common';
import type { DsarKind, DsarProgress, DsarStatus, VerificationMethod } from '@hushdesk/contracts';
import type { DsarSubjectIdentifiersDto } from '../dto/dsar-responses.dto';
import type { Actor } from '../../common/auth/actor';
import { SqlParams } from '../../database/sql-params';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';
import { DSAR_COLUMNS, DSAR_FROM, type DsarRow } from './dsar-rows';

/** What a request records about its subject: the person bound, and the DPO's decision if any. */
export interface SubjectBinding {
  subject: DsarSubjectIdentifiersDto;
  subject_person_id: string | null;
  /** `nobody`: the DPO decided no one on record is the subject (they are only mentioned). */
  subject_decision: 'person' | 'nobody' | null;
}

/** A request's free-text fields, as one text per request. */
export interface RequestText {
  id: string;
  text: string;
}

type Pauses = DsarRow['pauses'];

/** The free-text fields an erasure scrubs from a request. */
export type RequestNotesRow = Record<string, string | null> & { pauses: Pauses };

export interface NewDsarRequest {
  kind: DsarKind;
  status: DsarStatus;
  channel: DsarRow['channel'];
  subjectPersonId: string | null;
  subject: DsarSubjectIdentifiersDto;
  relation: DsarRow['requester_relation'];
  requesterName: string | null;
  requesterUserId: string | null;
  createdById: string;
  details: string | null;
  receivedAt: Date;
  dueAt: Date;
  verificationMethod: VerificationMethod | null;
  verifiedAt: Date | null;
}

export interface DsarListFilter {
  /** A customer sees only the requests they made. */
  requesterUserId?: string;
  state: 'open' | 'closed' | 'all';
  kind?: DsarKind;
  after?: (string | number)[];
  limit: number;
}

/** Every statement on `dsar_requests`. */
@Injectable()
export class DsarRequestsRepository extends SqlRepository {
  async insert(tx: Tx, r: NewDsarRequest): Promise<{ id: string; reference: string; status: DsarStatus }> {
    const [row] = await this.query<{ id: string; reference: string; status: DsarStatus }>(
      `INSERT INTO dsar_requests (kind, status, channel, subject_person_id, subject, requester_relation,
           requester_name, requester_user_id, created_by_id, details, received_at, due_at,
           verification_method, verified_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         RETURNING id, reference, status`,
      [
        r.kind,
        r.status,
        r.channel,
        r.subjectPersonId,
        JSON.stringify(r.subject),
        r.relation,
        r.requesterName,
        r.requesterUserId,
        r.createdById,
        r.details,
        r.receivedAt,
        r.dueAt,
        r.verificationMethod,
        r.verifiedAt,
      ],
      tx,
    );
    return row;
  }

  /** The reference of the requester's open request of this kind, if any. */
  async openReference(requesterUserId: string, kind: DsarKind): Promise<string | null> {
    const [open] = await this.query<{ reference: string }>(
      `SELECT reference FROM dsar_requests WHERE requester_user_id = $1 AND kind = $2 AND closed_at IS NULL LIMIT 1`,
      [requesterUserId, kind],
    );
    return open?.reference ?? null;
  }

  /** One page by due date, one row more than the limit (for the cursor). */
  list(filter: DsarListFilter): Promise<DsarRow[]> {
    const p = new SqlParams();
    const where: string[] = [];
    if (filter.requesterUserId) where.push(`d.requester_user_id = ${p.add(filter.requesterUserId)}`);
    const state = filter.state;
    if (state === 'open') where.push('d.closed_at IS NULL');
    if (state === 'closed') where.push('d.closed_at IS NOT NULL');
    if (filter.kind) where.push(`d.kind = ${p.add(filter.kind)}`);
    const after = filter.after;
    if (after) where.push(`(d.due_at, d.id) > (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`);
    return this.query<DsarRow>(
      `SELECT ${DSAR_COLUMNS} FROM ${DSAR_FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY d.due_at, d.id LIMIT ${p.add(filter.limit + 1)}`,
      p.values,
    );
  }

  open(): Promise<DsarRow[]> {
    return this.query<DsarRow>(
      `SELECT ${DSAR_COLUMNS} FROM ${DSAR_FROM} WHERE d.closed_at IS NULL ORDER BY d.due_at LIMIT 5000`,
    );
  }

  /** The DPO sees any request; a customer only their own. `lock`: for the change in `tx`. */
  async findVisible(actor: Actor, id: string, lock = false, tx?: Tx): Promise<DsarRow | null> {
    const p = new SqlParams();
    const scope = actor.role === 'customer' ? ` AND d.requester_user_id = ${p.add(actor.userId)}` : '';
    const [row] = await this.query<DsarRow>(
      `SELECT ${DSAR_COLUMNS} FROM ${DSAR_FROM} WHERE d.id = ${p.add(id)}${scope}${lock ? ' FOR UPDATE OF d' : ''}`,
      p.values,
      tx,
    );
    return row ?? null;
  }

  async referenceOf(id: string): Promise<{ reference: string; subject_person_id: string | null }> {
    const [row] = await this.query<{ reference: string; subject_person_id: string | null }>(
      'SELECT reference, subject_person_id FROM dsar_requests WHERE id = $1',
      [id],
    );
    return row;
  }

  // ---- the lifecycle

  async verify(
    tx: Tx,
    id: string,
    method: string,
    note: string | null,
    pauses: Pauses,
    dueAt: Date,
  ): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET status = 'verified', verification_method = $2, verification_note = $3,
                verified_at = now(), pauses = $4, due_at = $5 WHERE id = $1`,
      [id, method, note, JSON.stringify(pauses), dueAt],
      tx,
    );
  }

  async pause(tx: Tx, id: string, pauses: Pauses, dueAt: Date): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET status = 'awaiting_information', pauses = $2, due_at = $3 WHERE id = $1`,
      [id, JSON.stringify(pauses), dueAt],
      tx,
    );
  }

  async resume(tx: Tx, id: string, pauses: Pauses, dueAt: Date): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET status = 'received', pauses = $2, due_at = $3 WHERE id = $1`,
      [id, JSON.stringify(pauses), dueAt],
      tx,
    );
  }

  async reject(tx: Tx, id: string, reason: string, pauses: Pauses, outcome: string): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET status = 'rejected', rejection_reason = $2, rejected_at = now(), closed_at = now(),
                pauses = $3, outcome = $4 WHERE id = $1`,
      [id, reason, JSON.stringify(pauses), outcome],
      tx,
    );
  }

  async extend(tx: Tx, id: string, months: number, reason: string, dueAt: Date): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET extension_months = $2, extension_reason = $3, extended_at = now(), due_at = $4
            WHERE id = $1`,
      [id, months, reason, dueAt],
      tx,
    );
  }

  async queueCollection(tx: Tx, id: string, progress: DsarProgress): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET status = 'collecting', progress = $2 WHERE id = $1`,
      [id, JSON.stringify(progress)],
      tx,
    );
  }

  async chooseSubject(
    tx: Tx,
    id: string,
    personId: string | null,
    decision: 'person' | 'nobody',
    progress: DsarProgress,
  ): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET subject_person_id = $2, subject_decision = $3, candidates = '[]',
                status = 'collecting', progress = $4
          WHERE id = $1`,
      [id, personId, decision, JSON.stringify(progress)],
      tx,
    );
  }

  /** Completed with the outcome the requester is told. */
  async complete(tx: Tx, id: string, outcome: string): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET status = 'completed', closed_at = now(), outcome = $2 WHERE id = $1`,
      [id, outcome],
      tx,
    );
  }

  /** Completed, bound to the person whose data the decision was about. */
  async completeFor(tx: Tx, id: string, personId: string, outcome: string): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET status = 'completed', closed_at = now(), subject_person_id = $2, outcome = $3
            WHERE id = $1`,
      [id, personId, outcome],
      tx,
    );
  }

  async liftRestriction(tx: Tx, id: string, outcome: string): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET restriction_lifted_at = now(), outcome = $2 WHERE id = $1`,
      [id, outcome],
      tx,
    );
  }

  async setEvidence(tx: Tx, id: string, key: string, fileName: string, sizeBytes: number): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET evidence_blob_key = $2, evidence_file_name = $3, evidence_size_bytes = $4
              WHERE id = $1`,
      [id, key, fileName, sizeBytes],
      tx,
    );
  }

  // ---- collection

  async binding(id: string): Promise<(SubjectBinding & { id: string; status: DsarStatus }) | null> {
    const [row] = await this.query<SubjectBinding & { id: string; status: DsarStatus }>(
      'SELECT id, status, subject, subject_person_id, subject_decision FROM dsar_requests WHERE id = $1',
      [id],
    );
    return row ?? null;
  }

  async setState(id: string, status: DsarStatus, progress: DsarProgress | null): Promise<void> {
    await this.query('UPDATE dsar_requests SET status = $2, progress = $3 WHERE id = $1', [
      id,
      status,
      progress ? JSON.stringify(progress) : null,
    ]);
  }

  async needsSubject(id: string, candidates: unknown[]): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET status = 'needs_subject', candidates = $2, progress = NULL WHERE id = $1`,
      [id, JSON.stringify(candidates)],
    );
  }

  /** Earlier requests about the same person. */
  earlierAbout(personId: string, id: string): Promise<{ id: string; received_at: Date }[]> {
    return this.query('SELECT id, received_at FROM dsar_requests WHERE subject_person_id = $1 AND id <> $2', [
      personId,
      id,
    ]);
  }

  async collected(
    id: string,
    c: {
      progress: DsarProgress;
      counts: unknown;
      personId: string | null;
      hashes: string[];
      ms: number;
    },
  ): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET status = 'in_review', progress = $2, counts = $3, candidates = '[]',
              subject_person_id = COALESCE(subject_person_id, $4), subject_hashes = $5,
              collected_at = now(), collection_ms = $6
        WHERE id = $1`,
      [id, JSON.stringify(c.progress), JSON.stringify(c.counts), c.personId, c.hashes, c.ms],
    );
  }

  /** The review's exclusions, counted again into the request's counts. */
  async recountExcluded(tx: Tx, id: string): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET counts = jsonb_set(counts, '{excluded}',
           to_jsonb((SELECT count(*)::int FROM dsar_items WHERE dsar_id = $1 AND excluded_at IS NOT NULL)))
          WHERE id = $1 AND counts IS NOT NULL`,
      [id],
      tx,
    );
  }

  /** Earlier requests, for a package. */
  forPackage(ids: string[]): Promise<
    {
      id: string;
      reference: string;
      kind: string;
      status: string;
      received_at: Date;
      closed_at: Date | null;
    }[]
  > {
    return this.query(
      'SELECT id, reference, kind, status, received_at, closed_at FROM dsar_requests WHERE id = ANY($1)',
      [ids],
    );
  }

  // ---- erasure

  async lockForErasure(tx: Tx, id: string): Promise<void> {
    await this.query('SELECT 1 FROM dsar_requests WHERE id = $1 FOR UPDATE', [id], tx);
  }

  /** This request and every one about the same person or their identifiers. */
  async idsAbout(
    id: string,
    personId: string | null,
    emails: string[],
    phones: string[],
    tx?: Tx,
  ): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM dsar_requests WHERE id = $1 OR subject_person_id = $2
          OR subject->>'email' = ANY($3) OR subject->>'phone' = ANY($4)`,
      [id, personId, emails, phones],
      tx,
    );
    return rows.map((r) => String(r.id));
  }

  /** The evidence files of these requests and their released packages. */
  async blobKeys(tx: Tx, ids: string[]): Promise<{ key: string | null }[]> {
    return this.query(
      `SELECT evidence_blob_key AS key FROM dsar_requests WHERE id = ANY($1) AND evidence_blob_key IS NOT NULL
       UNION ALL SELECT blob_key FROM dsar_releases WHERE dsar_id = ANY($1) AND blob_key IS NOT NULL`,
      [ids],
      tx,
    );
  }

  notesAbout(tx: Tx, ids: string[]): Promise<RequestNotesRow[]> {
    return this.query(
      `SELECT id, details, verification_note, rejection_reason, extension_reason, outcome, pauses
         FROM dsar_requests WHERE id = ANY($1)`,
      [ids],
      tx,
    );
  }

  async reduceToHashes(
    tx: Tx,
    id: string,
    r: {
      hashes: string[];
      label: string;
      personId: string | null;
      details: string | null;
      verificationNote: string | null;
      rejectionReason: string | null;
      extensionReason: string | null;
      outcome: string | null;
      pauses: Pauses;
    },
  ): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET subject = '{}', subject_hashes = $2, subject_label = $3, subject_person_id = $4,
                details = $5, verification_note = $6, rejection_reason = $7, extension_reason = $8, outcome = $9,
                requester_name = CASE WHEN requester_relation = 'subject' THEN NULL ELSE requester_name END,
                evidence_blob_key = NULL, evidence_file_name = NULL, evidence_size_bytes = NULL, pauses = $10,
                requested_changes = NULL
          WHERE id = $1`,
      [
        id,
        r.hashes,
        r.label,
        r.personId,
        r.details,
        r.verificationNote,
        r.rejectionReason,
        r.extensionReason,
        r.outcome,
        JSON.stringify(r.pauses),
      ],
      tx,
    );
  }

  /** Other people's requests: their notes, and the email of a requested change. */
  notesElsewhere(tx: Tx, ids: string[]): Promise<RequestNotesRow[]> {
    return this.query(
      `SELECT id, details, verification_note, rejection_reason, extension_reason, outcome, requester_name, pauses,
              requested_changes->>'email' AS requested_email
         FROM dsar_requests WHERE id = ANY($1)`,
      [ids],
      tx,
    );
  }

  async scrubNotes(
    tx: Tx,
    id: string,
    r: {
      details: string | null;
      verificationNote: string | null;
      rejectionReason: string | null;
      extensionReason: string | null;
      outcome: string | null;
      requesterName: string | null;
      pauses: Pauses;
      dropRequestedChanges: boolean;
    },
  ): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET details = $2, verification_note = $3, rejection_reason = $4, extension_reason = $5,
                outcome = $6, requester_name = $7, pauses = $8,
                requested_changes = CASE WHEN $9 THEN NULL ELSE requested_changes END
          WHERE id = $1`,
      [
        id,
        r.details,
        r.verificationNote,
        r.rejectionReason,
        r.extensionReason,
        r.outcome,
        r.requesterName,
        JSON.stringify(r.pauses),
        r.dropRequestedChanges,
      ],
      tx,
    );
  }

  async erased(tx: Tx, id: string, receipt: unknown, outcome: string): Promise<void> {
    await this.query(
      `UPDATE dsar_requests SET status = 'completed', closed_at = now(), receipt = $2, outcome = $3 WHERE id = $1`,
      [id, JSON.stringify(receipt), outcome],
      tx,
    );
  }

  // ---- the erasure's rescan

  async countInClear(emails: string[], phones: string[], nameKeys: string[], tx?: Tx): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM dsar_requests WHERE subject->>'email' = ANY($1) OR subject->>'phone' = ANY($2)
              OR lower(subject->>'fullName') = ANY($3)`,
      [emails, phones, nameKeys],
      tx,
    );
    return n;
  }

  /**
   * One page of every request's text: its details, notes, reasons, pauses and outcome, and the
   * email of a requested change.
   */
  textPage(after: string, limit: number, tx?: Tx): Promise<RequestText[]> {
    return this.query<RequestText>(
      `SELECT id, concat_ws(E'\\n', details, verification_note, rejection_reason, extension_reason, outcome,
                requester_name, (SELECT string_agg(p->>'reason', E'\\n') FROM jsonb_array_elements(pauses) p),
                requested_changes->>'email') AS text
         FROM dsar_requests WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, limit],
      tx,
    );
  }
}
