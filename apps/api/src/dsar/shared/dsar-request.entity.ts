import type {
  DsarChannel,
  DsarKind,
  DsarProgress,
  DsarStatus,
  VerificationMethod,
} from '@hushdesk/contracts';
import type {
  DsarCandidateDto,
  DsarCountsDto,
  DsarRequestedChangesDto,
  DsarSubjectIdentifiersDto,
  ErasureReceiptDto,
} from '../dto/dsar-responses.dto';
import { Check, Column, CreateDateColumn, Entity, Generated, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface StoredPause {
  from: string;
  to: string | null;
  reason: string;
}

/**
 * A data-subject request, from intake to a provable answer. Retention reads `subjectPersonId` and
 * `closedAt` to freeze the data of subjects with an open request.
 *
 * The subject's identifiers are kept in `subject` only while they are needed; an erasure replaces
 * them with keyed hashes (`subjectHashes`), so the record proves what was done without keeping
 * who it was about in clear.
 */
@Entity('dsar_requests')
@Index('ix_dsar_requests_subject_open', ['subjectPersonId', 'closedAt'])
@Index('ix_dsar_requests_due', ['closedAt', 'dueAt'])
@Index('ix_dsar_requests_requester', ['requesterUserId', 'createdAt'])
@Index('uq_dsar_requests_reference', ['reference'], { unique: true })
@Check(
  'ck_dsar_requests_kind',
  `"kind" IN ('access', 'portability', 'erasure', 'rectification', 'restriction', 'objection')`,
)
@Check('ck_dsar_requests_channel', `"channel" IN ('portal', 'email', 'phone', 'post')`)
@Check('ck_dsar_requests_extension', `"extension_months" BETWEEN 0 AND 2`)
export class DsarRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_dsar_requests' })
  id: string;

  /** DSAR-000012, from a sequence. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  reference: string;

  @Column({ type: 'varchar', length: 20 })
  kind: DsarKind;

  @Column({ type: 'varchar', length: 24, default: 'received' })
  status: DsarStatus;

  @Column({ type: 'varchar', length: 8, default: 'portal' })
  channel: DsarChannel;

  @Column({ type: 'uuid', nullable: true })
  subjectPersonId: string | null;

  /**
   * The DPO's decision on who the request is about, when it was theirs to make: `person` (they chose
   * `subjectPersonId` among the candidates) or `nobody` (no one on record: the subject is only
   * mentioned). Null while the identifiers decide.
   */
  @Column({ type: 'varchar', length: 8, nullable: true })
  subjectDecision: 'person' | 'nobody' | null;

  /** The identifiers as given at intake and expanded by collection; emptied by erasure. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  subject: DsarSubjectIdentifiersDto;

  /** Keyed hashes (hex) of the subject's identifiers, kept after erasure as proof. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  subjectHashes: string[];

  /** "Former customer #12" once erased. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  subjectLabel: string | null;

  @Column({ type: 'varchar', length: 12, default: 'subject' })
  requesterRelation: 'subject' | 'third_party';

  @Column({ type: 'varchar', length: 200, nullable: true })
  requesterName: string | null;

  /** The customer who asked from the portal: they may follow it and download the answer. */
  @Column({ type: 'uuid', nullable: true })
  requesterUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'text', nullable: true })
  details: string | null;

  /** A rectification asked for in a structured form (a new sign-in email); nulled on erasure. */
  @Column({ type: 'jsonb', nullable: true })
  requestedChanges: DsarRequestedChangesDto | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  evidenceBlobKey: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  evidenceFileName: string | null;

  @Column({ type: 'integer', nullable: true })
  evidenceSizeBytes: number | null;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  /** Cached for ordering; the detail recomputes it with any open pause. */
  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  pauses: StoredPause[];

  @Column({ type: 'smallint', default: 0 })
  extensionMonths: 0 | 1 | 2;

  @Column({ type: 'text', nullable: true })
  extensionReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  extendedAt: Date | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  verificationMethod: VerificationMethod | null;

  @Column({ type: 'text', nullable: true })
  verificationNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  progress: DsarProgress | null;

  @Column({ type: 'jsonb', nullable: true })
  counts: DsarCountsDto | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  candidates: DsarCandidateDto[];

  @Column({ type: 'timestamptz', nullable: true })
  collectedAt: Date | null;

  /** Milliseconds the last collection took. */
  @Column({ type: 'integer', nullable: true })
  collectionMs: number | null;

  @Column({ type: 'jsonb', nullable: true })
  receipt: ErasureReceiptDto | null;

  /** What the requester was told at the end (or on a rejection, with the right to complain). */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  restrictionLiftedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
