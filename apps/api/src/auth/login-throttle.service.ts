import { Injectable } from '@nestjs/common';
import { keyedHash, normaliseEmail } from '@hushdesk/privacy';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';

/**
 * Counts failed logins per account and per client address in PostgreSQL, so the limit holds
 * across API instances. Keys are HMACs: the table never holds an email or an IP in clear.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  keysFor(email: string, ip: string): { account: Buffer; address: Buffer } {
    return {
      account: keyedHash(this.config.identifierKey, 'login-account', normaliseEmail(email)),
      address: keyedHash(this.config.identifierKey, 'login-address', ip),
    };
  }

  async assertAllowed(keys: { account: Buffer; address: Buffer }): Promise<void> {
    const { maxFailures, windowMinutes } = this.config.login;
    const [row] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE key_hash = $1)::int AS account,
              count(*) FILTER (WHERE key_hash = $2)::int AS address
         FROM login_failures
        WHERE key_hash IN ($1, $2) AND failed_at > now() - make_interval(mins => $3)`,
      [keys.account, keys.address, windowMinutes],
    );
    if (row.account >= maxFailures || row.address >= maxFailures) {
      throw new DomainError(
        DomainErrorCode.RateLimited,
        `Too many failed sign-in attempts; try again in ${windowMinutes} minutes`,
        { retryAfterSeconds: windowMinutes * 60 },
      );
    }
  }

  async recordFailure(keys: { account: Buffer; address: Buffer }): Promise<void> {
    await this.dataSource.query(
      `WITH expired AS (
         DELETE FROM login_failures WHERE failed_at < now() - make_interval(mins => $3)
       )
       INSERT INTO login_failures (key_hash) VALUES ($1), ($2)`,
      [keys.account, keys.address, this.config.login.windowMinutes],
    );
  }

  /** A successful sign-in forgives the account's failures (not the address's). */
  async clearAccount(keys: { account: Buffer }): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failures WHERE key_hash = $1', [keys.account]);
  }
}
