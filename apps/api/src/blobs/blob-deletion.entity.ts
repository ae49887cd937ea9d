import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The outbox of blobs to delete. A row is written in the same transaction that removes the record
 * owning the blob, and removed only once the file is gone, so a crash between the two can never
 * leave a file nobody accounts for: the next sweep retries it.
 */
@Entity('blob_deletions')
@Index('uq_blob_deletions_key', ['blobKey'], { unique: true })
export class BlobDeletionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_blob_deletions' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  blobKey: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
