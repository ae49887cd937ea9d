import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** The "do not contact" list (`suppressions`), by keyed hash. */
@Injectable()
export class SuppressionsRepository extends SqlRepository {
  /** Adds an entry; false when it was already there. */
  async add(tx: Tx, kind: 'email' | 'phone', hash: Buffer, reason: string): Promise<boolean> {
    const inserted = await this.query(
      `INSERT INTO suppressions (kind, hash, reason) VALUES ($1, $2, $3) ON CONFLICT (kind, hash) DO NOTHING RETURNING id`,
      [kind, hash, reason],
      tx,
    );
    return inserted.length > 0;
  }

  async anyOf(hashes: Buffer[]): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM suppressions WHERE hash = ANY($1) LIMIT 1', [hashes]);
    return rows.length > 0;
  }
}
