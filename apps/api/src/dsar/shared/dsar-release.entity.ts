import type { DsarDownloadAccess } from '@hushdesk/contracts';
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
import { DsarRequestEntity } from './dsar-request.entity';

/**
 * A built answer package and the requester's link to it. The link works for DSAR_LINK_DAYS (only
 * the token's hash is stored) and only for the requester: signed in as the account that asked, or
 * with a one-time code the DPO passes on (only its hash is stored). Retention deletes the package
 * itself 30 days after it was built.
 */
@Entity('dsar_releases')
@Check('ck_dsar_releases_access', `"access" IN ('sign_in', 'one_time_code')`)
@Index('uq_dsar_releases_token', ['tokenHash'], { unique: true })
@Index('ix_dsar_releases_dsar', ['dsarId', 'createdAt'])
@Index('ix_dsar_releases_delete_after', ['deleteAfter'])
export class DsarReleaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_dsar_releases' })
  id: string;

  @Column({ type: 'uuid' })
  dsarId: string;

  @ManyToOne(() => DsarRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dsar_id', foreignKeyConstraintName: 'fk_dsar_releases_dsar' })
  dsar?: DsarRequestEntity;

  @Column({ type: 'bytea' })
  tokenHash: Buffer;

  /** Null once retention has deleted the package. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  blobKey: string | null;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz' })
  deleteAfter: Date;

  @Column({ type: 'timestamptz', nullable: true })
  downloadedAt: Date | null;

  /** How the requester proves it is them: their session, or a one-time code. */
  @Column({ type: 'varchar', length: 16, default: 'sign_in' })
  access: DsarDownloadAccess;

  /** SHA-256 of the token's hash and the current one-time code. */
  @Column({ type: 'bytea', nullable: true })
  codeHash: Buffer | null;

  @Column({ type: 'timestamptz', nullable: true })
  codeUsedAt: Date | null;

  /** Wrong codes entered for the current code; at 5 it is void. */
  @Column({ type: 'smallint', default: 0 })
  codeFailures: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
