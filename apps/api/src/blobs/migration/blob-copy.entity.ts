import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The ledger of `npm run blobs:migrate`: each blob it has to copy into a target store, and, once
 * the copy was read back from the target and matched the source, its size and SHA-256. It lives in
 * the database, not in a file, so a run stopped on one host can be resumed on another, and so the
 * work list is one set-based query against the tables that own blobs.
 */
@Entity('blob_copies')
@Index('ix_blob_copies_pending', ['target', 'blobKey'], { where: '"verified_at" IS NULL' })
export class BlobCopyEntity {
  /** Which store the copy goes to: `s3:<endpoint>/<bucket>` or `fs:<directory>`; never a secret. */
  @PrimaryColumn({ type: 'varchar', length: 300, primaryKeyConstraintName: 'pk_blob_copies' })
  target: string;

  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'pk_blob_copies' })
  blobKey: string;

  @Column({ type: 'bigint', nullable: true })
  sizeBytes: string | null;

  @Column({ type: 'bytea', nullable: true })
  sha256: Buffer | null;

  /** Null until the copy was read back and matched; only then is the blob skipped on a resume. */
  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;
}
