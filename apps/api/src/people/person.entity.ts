import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A data subject: anyone Hushdesk holds personal data about, with or without a login.
 * Contact fields are nullable because each one is collected only when its field policy allows.
 */
@Entity('people')
@Index('uq_people_email', ['email'], { unique: true })
@Index('ix_people_name_key', ['nameKey'])
@Index('ix_people_phone', ['phone'])
// GIN over to_tsvector('simple', full_name): ticket search by requester name (migration SearchByEquipmentAndNames).
@Index('ix_people_name_search', { synchronize: false })
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_people' })
  id: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  fullName: string | null;

  /** Stored normalised (trimmed, lower-case), so equality is plain equality. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  /** The full name normalised (lower-case, no diacritics), to recognise it in free text. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  nameKey: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  jobTitle: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  employer: string | null;

  @Column({ type: 'text', nullable: true })
  workAddress: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  imHandle: string | null;

  /** Set while a restriction request freezes processing: their tickets are read-only except for the DPO. */
  @Column({ type: 'timestamptz', nullable: true })
  processingRestrictedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
