import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** A key's failures within the forgetting window, and the seconds since its last one. */
export interface ThrottleKeyRow {
  key_hash: Buffer;
  failures: number;
  seconds_since: number | null;
}

/** Every statement on `login_throttle`: failure counters keyed by HMACs only. */
@Injectable()
export class LoginThrottleRepository extends SqlRepository {
  /** Makes sure each key has a row, so all of them can be locked. */
  async ensureKeys(tx: Tx, hashes: Buffer[]): Promise<void> {
    await this.query(
      `INSERT INTO login_throttle (key_hash)
         SELECT k FROM unnest($1::bytea[]) AS k ORDER BY k
         ON CONFLICT (key_hash) DO NOTHING`,
      [hashes],
      tx,
    );
  }

  /** Locks the keys' rows (in a fixed order, so parallel attempts cannot deadlock) and reads them. */
  lockKeys(tx: Tx, hashes: Buffer[], forgetAfterHours: number): Promise<ThrottleKeyRow[]> {
    return this.query<ThrottleKeyRow>(
      `SELECT key_hash,
                CASE WHEN last_failed_at > now() - make_interval(hours => $2) THEN failures ELSE 0 END AS failures,
                extract(epoch FROM now() - last_failed_at)::float8 AS seconds_since
           FROM login_throttle WHERE key_hash = ANY($1::bytea[])
          ORDER BY key_hash FOR UPDATE`,
      [hashes, forgetAfterHours],
      tx,
    );
  }

  async countFailure(tx: Tx, hashes: Buffer[], forgetAfterHours: number): Promise<void> {
    await this.query(
      `UPDATE login_throttle
            SET failures = CASE WHEN last_failed_at > now() - make_interval(hours => $2) THEN failures + 1 ELSE 1 END,
                last_failed_at = now()
          WHERE key_hash = ANY($1::bytea[])`,
      [hashes, forgetAfterHours],
      tx,
    );
  }

  /**
   * Forgives `accountClient`'s failures and takes them off `client`'s tally; forgets `account`'s
   * too unless `knownDevice` (see LoginThrottle.succeeded).
   */
  async forgive(
    keys: { accountClient: Buffer; account: Buffer; client: Buffer },
    knownDevice: boolean,
  ): Promise<void> {
    await this.query(
      `WITH own AS (
         SELECT failures FROM login_throttle WHERE key_hash = $1
       ), client AS (
         UPDATE login_throttle SET failures = GREATEST(failures - COALESCE((SELECT failures FROM own), 1), 0)
          WHERE key_hash = $3 AND NOT $4::boolean
       )
       DELETE FROM login_throttle WHERE key_hash = $1 OR (key_hash = $2 AND NOT $4::boolean)`,
      [keys.accountClient, keys.account, keys.client, knownDevice],
    );
  }

  async forgetOlderThan(hours: number): Promise<void> {
    await this.query('DELETE FROM login_throttle WHERE last_failed_at < now() - make_interval(hours => $1)', [
      hours,
    ]);
  }
}
