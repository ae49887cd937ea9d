import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The outbox of blobs to delete. A row is written in the same transaction that removes the record
 * owning the blob, and removed only once the file is gone, so a crash between the two can never
 * leave a file nobody accounts for: the next sweep retries it. A new blob is queued too, before its
 * bytes are written and with `notBefore` an hour ahead, until the transaction that records its
 * owner takes it off (see OwnedBlobs): a crash in between leaves no file nobody accounts for.
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

  @Column({ type: 'timestamptz', default: () => 'now()' })
  notBefore: Date;
}
