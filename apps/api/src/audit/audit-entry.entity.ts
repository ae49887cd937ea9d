import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One line of the audit trail: who read, revealed, exported, changed or erased personal data, and
 * why. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and hash-chained: `hash` covers
 * the previous entry's hash and this entry's content, so any edit, removal or reordering shows.
 * Entries hold ids and field names only, never the personal values themselves.
 */
@Entity('audit_log')
@Index('ix_audit_log_subject', ['subjectPersonId', 'seq'])
@Index('ix_audit_log_actor', ['actorId', 'seq'])
@Index('ix_audit_log_action', ['action', 'seq'])
@Index('ix_audit_log_at', ['at'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_audit_log' })
  seq: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** Null for the system itself (jobs). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  actorRole: string | null;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'uuid', nullable: true })
  subjectPersonId: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  targetType: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fields: string[];

  /** Why, in the actor's words, with any email or phone number masked before it is stored. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** Counts and other non-personal facts. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @Column({ type: 'char', length: 64 })
  prevHash: string;

  @Column({ type: 'char', length: 64 })
  hash: string;
}
