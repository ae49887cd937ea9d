import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * An IMAP mailbox an admin added: polled by a job, its mail imported like the SMTP intake's.
 * The password or OAuth token is encrypted at rest (`secret`: AES-256-GCM, iv | tag | ciphertext,
 * under MAIL_CREDENTIALS_KEY) and never leaves the API.
 */
@Entity('mailboxes')
@Check('ck_mailboxes_auth', `"auth" IN ('password', 'oauth2')`)
@Index('uq_mailboxes_account_folder', ['host', 'port', 'username', 'folder'], { unique: true })
export class MailboxEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_mailboxes' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  host: string;

  @Column({ type: 'integer' })
  port: number;

  /** Implicit TLS (IMAPS, usually 993); false means plain, upgraded by STARTTLS where offered. */
  @Column({ type: 'boolean', default: true })
  tls: boolean;

  @Column({ type: 'varchar', length: 320 })
  username: string;

  @Column({ type: 'varchar', length: 10, default: 'password' })
  auth: 'password' | 'oauth2';

  @Column({ type: 'bytea' })
  secret: Buffer;

  @Column({ type: 'varchar', length: 255, default: 'INBOX' })
  folder: string;

  @Column({ type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastPolledAt: Date | null;

  /** The last failure, in words an admin can act on; never the credentials or mail content. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastErrorAt: Date | null;

  /** The folder's UIDVALIDITY when `lastUid` was read; a change means every UID is new. */
  @Column({ type: 'bigint', nullable: true })
  uidValidity: string | null;

  /** Every UID up to this one has been imported (or recorded as skipped) and committed. */
  @Column({ type: 'bigint', default: 0 })
  lastUid: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
