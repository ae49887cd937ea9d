import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The identifier index: for every piece of free text, the identifiers found in it, stored only as
 * keyed hashes (HMAC of the normalised email, E.164 phone or known name). A DSAR finds every
 * mention of a person with an index lookup, and nobody can read an identifier back out of it.
 */
@Entity('identifier_mentions')
@Index('ix_identifier_mentions_hash', ['hash'])
@Index('ix_identifier_mentions_source', ['sourceType', 'sourceId'])
export class IdentifierMentionEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_identifier_mentions' })
  id: string;

  /** `digits`: the last digits of a run of digit groups, to find any written form of a known number. */
  @Column({ type: 'varchar', length: 8 })
  kind: 'email' | 'phone' | 'name' | 'digits';

  @Column({ type: 'bytea' })
  hash: Buffer;

  /** ticket (subject and description), message, attachment (text files) or recording (call notes). */
  @Column({ type: 'varchar', length: 16 })
  sourceType: string;

  @Column({ type: 'uuid' })
  sourceId: string;

  /** The ticket the text belongs to, when there is one: lets a lookup land on tickets directly. */
  @Column({ type: 'uuid', nullable: true })
  ticketId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
