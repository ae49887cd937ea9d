import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('organisations')
@Index('uq_organisations_name', ['name'], { unique: true })
// GIN over to_tsvector('simple', name): ticket search by organisation name (migration SearchByEquipmentAndNames).
@Index('ix_organisations_name_search', { synchronize: false })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_organisations' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** When on, a customer sees every ticket of their organisation, not only the ones they raised. */
  @Column({ type: 'boolean', default: false })
  sharedTicketVisibility: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
