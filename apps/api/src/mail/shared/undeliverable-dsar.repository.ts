import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';

/**
 * Statements data-subject requests run on `undeliverable_addresses`, keyed like the suppression
 * list (`IdentifierIndex.hash('email', normalised address)`): whether a subject's address bounced,
 * and its removal by an erasure (the Do Not Contact entry, same keyed hash, takes over).
 */
@Injectable()
export class UndeliverableDsarRepository extends SqlRepository {
  async listed(hashes: Buffer[], tx?: Tx): Promise<{ status: string | null; created_at: Date }[]> {
    if (!hashes.length) return [];
    return this.query(
      'SELECT status, created_at FROM undeliverable_addresses WHERE hash = ANY($1)',
      [hashes],
      tx,
    );
  }

  async remove(tx: Tx, hashes: Buffer[]): Promise<number> {
    if (!hashes.length) return 0;
    // TypeORM answers a DELETE with [rows, affectedCount].
    const [, count] = await this.query<number>(
      'DELETE FROM undeliverable_addresses WHERE hash = ANY($1)',
      [hashes],
      tx,
    );
    return count ?? 0;
  }
}
