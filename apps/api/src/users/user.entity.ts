import type { Role } from '@hushdesk/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { PersonEntity } from '../people/person.entity';

/** A login account. The person it belongs to holds the contact data; the account holds only access. */
@Entity('users')
@Check('ck_users_role', `"role" IN ('customer', 'engineer', 'dpo', 'admin')`)
@Check('ck_users_customer_organisation', `"role" <> 'customer' OR "organisation_id" IS NOT NULL`)
@Index('uq_users_person', ['personId'], { unique: true })
@Index('ix_users_organisation', ['organisationId'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_users' })
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'fk_users_person' })
  person?: PersonEntity;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_users_organisation' })
  organisation?: OrganisationEntity;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /** Set by an admin's password reset: until a new password is chosen, only that is allowed. */
  @Column({ type: 'boolean', default: false })
  passwordChangeRequired: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
