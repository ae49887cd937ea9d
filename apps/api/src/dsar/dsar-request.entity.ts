import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A data-subject request. Retention needs to know which subjects have one open (their data is
 * frozen while it is answered); the DSAR module builds the rest of the lifecycle on this table.
 */
@Entity('dsar_requests')
@Index('ix_dsar_requests_subject_open', ['subjectPersonId', 'closedAt'])
export class DsarRequestEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_dsar_requests' })
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'uuid', nullable: true })
  subjectPersonId: string | null;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  /** Null while the request is open. */
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
