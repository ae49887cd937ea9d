import {
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
 * A built answer package and the requester's link to it. The link works for 7 days (only the
 * token's hash is stored); retention deletes the package itself 30 days after it was built.
 */
@Entity('dsar_releases')
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
