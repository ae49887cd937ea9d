import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { PersonEntity } from '../people/person.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { UserEntity } from '../users/user.entity';

/**
 * A phone call on the support line. Kept until `expiresAt` (60 days from the call by default),
 * unless the DPO puts it on legal hold; then the retention sweep deletes its audio and the row,
 * keeping only an anonymous daily statistic.
 */
@Entity('recordings')
@Check('ck_recordings_direction', `"direction" IN ('inbound', 'outbound')`)
@Check('ck_recordings_duration', `"duration_seconds" >= 0`)
@Check('ck_recordings_match', `"person_match" IN ('given', 'matched', 'ambiguous', 'none')`)
@Index('ix_recordings_expires', ['expiresAt'])
@Index('ix_recordings_person', ['personId', 'startedAt'])
// A DSAR finds calls by the subject's number as well as by person.
@Index('ix_recordings_caller', ['callerNumber', 'startedAt'])
@Index('ix_recordings_ticket', ['ticketId', 'startedAt'])
@Index('uq_recordings_import_key', ['importKey'], { unique: true })
@Index('ix_recordings_merged_from', ['mergedFromTicketId'], { where: '"merged_from_ticket_id" IS NOT NULL' })
export class RecordingEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_recordings' })
  id: string;

  /** E.164. */
  @Column({ type: 'varchar', length: 20 })
  callerNumber: string;

  @Column({ type: 'varchar', length: 8 })
  direction: 'inbound' | 'outbound';

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'integer' })
  durationSeconds: number;

  @Column({ type: 'uuid', nullable: true })
  agentId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'fk_recordings_agent' })
  agent?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  ticketId: string | null;

  @ManyToOne(() => TicketEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_recordings_ticket' })
  ticket?: TicketEntity;

  /**
   * The ticket this row was on before a merge moved it here (the first one, across merges): a DSAR
   * and an erasure of that ticket's requester still reach it.
   */
  @Column({ type: 'uuid', nullable: true })
  mergedFromTicketId: string | null;

  @ManyToOne(() => TicketEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_from_ticket_id', foreignKeyConstraintName: 'fk_recordings_merged_from' })
  mergedFromTicket?: TicketEntity;

  @Column({ type: 'uuid', nullable: true })
  personId: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_recordings_person' })
  person?: PersonEntity;

  /** How the person was linked: given by the caller, matched by number, ambiguous (flagged), or none. */
  @Column({ type: 'varchar', length: 10, default: 'none' })
  personMatch: 'given' | 'matched' | 'ambiguous' | 'none';

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  audioBlobKey: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  audioContentType: string | null;

  @Column({ type: 'integer', nullable: true })
  audioSizeBytes: number | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'text', nullable: true })
  holdReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  holdById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  holdAt: Date | null;

  /** For imports: a hash of the phone system's row, so importing a file twice adds nothing. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  importKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
