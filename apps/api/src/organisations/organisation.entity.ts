import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('organisations')
@Index('uq_organisations_name', ['name'], { unique: true })
// At most one organisation holds the contacts the email channel creates for unknown senders.
@Index('uq_organisations_email_contacts', ['holdsEmailContacts'], {
  unique: true,
  where: '"holds_email_contacts"',
})
// Contacts never see each other's tickets.
@Check(
  'ck_organisations_email_contacts_private',
  `NOT "holds_email_contacts" OR NOT "shared_ticket_visibility"`,
)
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

  /**
   * The organisation unknown email senders are filed under, as contacts without a login, until
   * staff triage them; their tickets are tagged `triage`.
   */
  @Column({ type: 'boolean', default: false })
  holdsEmailContacts: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
