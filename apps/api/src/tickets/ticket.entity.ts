import type { Priority, TicketStatus, TicketType } from '@hushdesk/ticketing';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TicketGroupEntity } from '../groups/ticket-group.entity';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { UserEntity } from '../users/user.entity';

@Entity('tickets')
@Check('ck_tickets_type', `"type" IN ('fault', 'service_request')`)
@Check(
  'ck_tickets_status',
  `"status" IN ('new', 'open', 'pending_customer', 'on_hold', 'resolved', 'closed')`,
)
@Check('ck_tickets_priority', `"priority" IN ('P1', 'P2', 'P3', 'P4')`)
@Check('ck_tickets_channel', `"channel" IN ('portal', 'phone', 'email')`)
@Index('uq_tickets_reference', ['reference'], { unique: true })
@Index('ix_tickets_requester_created', ['requesterId', 'createdAt'])
@Index('ix_tickets_organisation_created', ['organisationId', 'createdAt'])
// Queue ordering and full-text search use expression indexes, created in the migrations. The
// queue's filter indexes carry `status` so a filtered queue's counts read the index alone.
@Index('ix_tickets_assignee_priority', { synchronize: false })
@Index('ix_tickets_queue', { synchronize: false })
@Index('ix_tickets_status_queue', { synchronize: false })
@Index('ix_tickets_assignee_queue', { synchronize: false })
@Index('ix_tickets_group_queue', { synchronize: false })
// The SLA warning job finds tickets that just reached their at-risk point.
@Index('ix_tickets_next_at_risk', { synchronize: false })
@Index('ix_tickets_search', { synchronize: false })
// A subject's numbers find the tickets that give them as the number to call (DSAR, erasure).
@Index('ix_tickets_contact_phone', { synchronize: false })
@Index('ix_tickets_merged_into', ['mergedIntoId'], { where: '"merged_into_id" IS NOT NULL' })
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_tickets' })
  id: string;

  /** Human reference (HD-000123) from a database sequence, never from counting rows. */
  @Column({ type: 'bigint' })
  @Generated('increment')
  reference: string;

  @Column({ type: 'varchar', length: 20 })
  type: TicketType;

  @Column({ type: 'varchar', length: 20, default: 'new' })
  status: TicketStatus;

  @Column({ type: 'varchar', length: 2, default: 'P3' })
  priority: Priority;

  @Column({ type: 'varchar', length: 40, nullable: true })
  category: string | null;

  /** How it came in: the portal, a call logged by an engineer, or a mail. */
  @Column({ type: 'varchar', length: 10, default: 'portal' })
  channel: 'portal' | 'phone' | 'email';

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'text' })
  description: string;

  /**
   * Subject, description and equipment (asset tag, model, serial number) as full-text search reads
   * them, kept by PostgreSQL: a search that scans for a common word tests this instead of parsing
   * each text again (ix_tickets_search). One vector, so "Polycom no audio" finds a ticket whose
   * model is a Polycom and whose description says "no audio".
   */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `to_tsvector('english', "subject" || ' ' || "description" || ' ' || COALESCE("equipment_asset_tag", '') || ' ' || COALESCE("equipment_model", '') || ' ' || COALESCE("equipment_serial_number", ''))`,
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string;

  /** The customer account the ticket is for. */
  @Column({ type: 'uuid' })
  requesterId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requester_id', foreignKeyConstraintName: 'fk_tickets_requester' })
  requester?: UserEntity;

  /** Who logged it: the customer, or the engineer who took the call. */
  @Column({ type: 'uuid' })
  createdById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_tickets_created_by' })
  createdBy?: UserEntity;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_tickets_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'uuid', nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_tickets_assignee' })
  assignee?: UserEntity;

  @Column({ type: 'uuid', nullable: true })
  groupId: string | null;

  @ManyToOne(() => TicketGroupEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'group_id', foreignKeyConstraintName: 'fk_tickets_group' })
  group?: TicketGroupEntity;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'varchar', length: 100, nullable: true })
  equipmentAssetTag: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  equipmentModel: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  equipmentSerialNumber: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  equipmentLocation: string | null;

  /** Collected only when the customer wants a call back (see the field policies). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstResponseDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstResponseAtRiskAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolutionDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolutionAtRiskAt: Date | null;

  /** The running deadline (first response, then resolution); null while the clock is stopped. */
  @Column({ type: 'timestamptz', nullable: true })
  nextDueAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  nextAtRiskAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  slaPausedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstRespondedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** The ticket this one was merged into: it was closed then, and points there for good. */
  @Column({ type: 'uuid', nullable: true })
  mergedIntoId: string | null;

  @ManyToOne(() => TicketEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'fk_tickets_merged_into' })
  mergedInto?: TicketEntity;

  @Column({ type: 'timestamptz', nullable: true })
  mergedAt: Date | null;

  /** When retention anonymised this closed ticket: no identifiers left, the requester a placeholder. */
  @Column({ type: 'timestamptz', nullable: true })
  anonymisedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
