import type { DsarItemType } from '@hushdesk/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DsarRequestEntity } from './dsar-request.entity';

/**
 * One thing a collection found about the subject: a pointer to the source (ticket, message,
 * recording…), never a copy of its content, so an erasure or a redaction elsewhere leaves no stale
 * duplicate here. The export reads the sources when it is built.
 */
@Entity('dsar_items')
@Index('uq_dsar_items_source', ['dsarId', 'itemType', 'sourceId'], { unique: true })
export class DsarItemEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_dsar_items' })
  id: string;

  @Column({ type: 'uuid' })
  dsarId: string;

  @ManyToOne(() => DsarRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dsar_id', foreignKeyConstraintName: 'fk_dsar_items_dsar' })
  dsar?: DsarRequestEntity;

  @Column({ type: 'varchar', length: 16 })
  itemType: DsarItemType;

  @Column({ type: 'varchar', length: 64 })
  sourceId: string;

  @Column({ type: 'uuid', nullable: true })
  ticketId: string | null;

  /** requester, party, author, mention:email, caller, person… */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  foundBy: string[];

  @Column({ type: 'timestamptz', nullable: true })
  at: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  excludedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  excludeReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  excludedById: string | null;
}
