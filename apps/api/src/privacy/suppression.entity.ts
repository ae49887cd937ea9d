import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The "do not contact" list: keyed hashes of emails and phone numbers only, so it survives a
 * person's erasure without keeping anything that identifies them in clear.
 */
@Entity('suppressions')
@Index('uq_suppressions_kind_hash', ['kind', 'hash'], { unique: true })
export class SuppressionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_suppressions' })
  id: string;

  @Column({ type: 'varchar', length: 8 })
  kind: 'email' | 'phone';

  @Column({ type: 'bytea' })
  hash: Buffer;

  @Column({ type: 'varchar', length: 20 })
  reason: 'objection' | 'erasure' | 'request';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
