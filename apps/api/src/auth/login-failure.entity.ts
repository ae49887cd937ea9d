import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A failed login, keyed by an HMAC of the account's email or the client address: the table
 * counts failures across API instances without holding either identifier in clear.
 */
@Entity('login_failures')
@Index('ix_login_failures_key_time', ['keyHash', 'failedAt'])
@Index('ix_login_failures_time', ['failedAt'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', primaryKeyConstraintName: 'pk_login_failures' })
  id: string;

  @Column({ type: 'bytea' })
  keyHash: Buffer;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  failedAt: Date;
}
