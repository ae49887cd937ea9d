import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { TicketEntity } from '../tickets/ticket.entity';
import { UserEntity } from '../users/user.entity';

/** A file on a ticket. The bytes live in the BlobStore under `blobKey`; deleting the row deletes the blob. */
@Entity('attachments')
@Index('ix_attachments_ticket', ['ticketId', 'createdAt'])
@Index('ix_attachments_uploader', ['uploadedById'])
@Index('uq_attachments_blob_key', ['blobKey'], { unique: true })
@Index('ix_attachments_merged_from', ['mergedFromTicketId'], { where: '"merged_from_ticket_id" IS NOT NULL' })
export class AttachmentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_attachments' })
  id: string;

  @Column({ type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id', foreignKeyConstraintName: 'fk_attachments_ticket' })
  ticket?: TicketEntity;

  /**
   * The ticket this row was on before a merge moved it here (the first one, across merges): a DSAR
   * and an erasure of that ticket's requester still reach it.
   */
  @Column({ type: 'uuid', nullable: true })
  mergedFromTicketId: string | null;

  @ManyToOne(() => TicketEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'merged_from_ticket_id', foreignKeyConstraintName: 'fk_attachments_merged_from' })
  mergedFromTicket?: TicketEntity;

  @Column({ type: 'uuid' })
  uploadedById: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by_id', foreignKeyConstraintName: 'fk_attachments_uploaded_by' })
  uploadedBy?: UserEntity;

  /** Personal data by policy (a file name can name a person); shown, never logged. */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** Detected from the content, not taken from the upload's claim. */
  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'varchar', length: 100 })
  blobKey: string;

  @Column({ type: 'bytea' })
  sha256: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
