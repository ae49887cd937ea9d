import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Addresses a hard bounce proved undeliverable, by keyed hash (as the suppression list): no
 * automatic mail goes to them until the person's address changes.
 */
@Entity('undeliverable_addresses')
export class UndeliverableAddressEntity {
  @PrimaryColumn({ type: 'bytea', primaryKeyConstraintName: 'pk_undeliverable_addresses' })
  hash: Buffer;

  /** The bounce's status code (5.1.1 ...), never its text. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  status: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
