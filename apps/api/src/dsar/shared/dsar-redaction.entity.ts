import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DsarItemEntity } from './dsar-item.entity';

/**
 * Another person's identifier inside a disclosed item, redacted by default. It is recorded by
 * keyed hash, never in clear; the DPO may undo it (and redo it), each time with a reason.
 */
@Entity('dsar_redactions')
@Index('uq_dsar_redactions_value', ['itemId', 'kind', 'valueHash'], { unique: true })
@Index('ix_dsar_redactions_dsar', ['dsarId'])
export class DsarRedactionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_dsar_redactions' })
  id: string;

  @Column({ type: 'uuid' })
  dsarId: string;

  @Column({ type: 'bigint' })
  itemId: string;

  @ManyToOne(() => DsarItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'fk_dsar_redactions_item' })
  item?: DsarItemEntity;

  @Column({ type: 'varchar', length: 8 })
  kind: 'email' | 'phone' | 'name';

  @Column({ type: 'bytea' })
  valueHash: Buffer;

  @Column({ type: 'boolean', default: true })
  redacted: boolean;

  /** Why the last decision went as it did (only when the DPO changed the default). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
