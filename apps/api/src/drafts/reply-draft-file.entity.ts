import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ReplyDraftEntity } from './reply-draft.entity';

/**
 * A file attached in the reply box and not sent yet: it belongs to its author's draft, not to the
 * ticket, so nobody else sees it (not the customer, not another engineer). It goes onto the ticket
 * when the reply is sent, and with the draft otherwise: a trigger queues its blob in the deletion
 * outbox whenever the row is deleted, also by the cascade from the draft (expiry, erasure, the
 * ticket or the account going).
 */
@Entity('reply_draft_files')
@Index('ix_reply_draft_files_draft', ['userId', 'ticketId'])
@Index('uq_reply_draft_files_blob_key', ['blobKey'], { unique: true })
export class ReplyDraftFileEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_reply_draft_files' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => ReplyDraftEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    {
      name: 'user_id',
      referencedColumnName: 'userId',
      foreignKeyConstraintName: 'fk_reply_draft_files_draft',
    },
    {
      name: 'ticket_id',
      referencedColumnName: 'ticketId',
      foreignKeyConstraintName: 'fk_reply_draft_files_draft',
    },
  ])
  draft?: ReplyDraftEntity;

  /** Personal data by policy (`attachment.fileName`), like a sent attachment's; never logged. */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** Detected from the content, as for an upload. */
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
