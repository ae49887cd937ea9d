import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Consecutive failed sign-ins per key: an HMAC of the account's email, of the client's address, or
 * of the two together. The table counts across API instances without holding either in clear.
 */
@Entity('login_throttle')
@Index('ix_login_throttle_last_failed', ['lastFailedAt'])
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'bytea', primaryKeyConstraintName: 'pk_login_throttle' })
  keyHash: Buffer;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  /** When the last failure (or attempt in progress) was counted; null until one is. */
  @Column({ type: 'timestamptz', nullable: true })
  lastFailedAt: Date | null;
}
