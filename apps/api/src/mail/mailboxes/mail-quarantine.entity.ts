import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { MailboxEntity } from './mailbox.entity';

/**
 * Mail a mailbox holds that was not imported (over MAIL_MAX_BYTES, unreadable): left on the
 * server for an admin to deal with, and listed here without its content.
 */
@Entity('mail_quarantine')
@Index('uq_mail_quarantine_mailbox_uid', ['mailboxId', 'uidValidity', 'uid'], { unique: true })
export class MailQuarantineEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_mail_quarantine' })
  id: string;

  @Column({ type: 'uuid' })
  mailboxId: string;

  @ManyToOne(() => MailboxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mailbox_id', foreignKeyConstraintName: 'fk_mail_quarantine_mailbox' })
  mailbox?: MailboxEntity;

  @Column({ type: 'bigint' })
  uidValidity: string;

  @Column({ type: 'bigint' })
  uid: string;

  @Column({ type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'varchar', length: 40 })
  reason: 'too_large' | 'unreadable';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
