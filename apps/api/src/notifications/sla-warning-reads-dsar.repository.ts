import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/**
 * What an erasure does to `sla_warning_reads`: the rows say when a staff member read a warning, so
 * theirs go with them. (The rows go with their warning, and so with its ticket, by cascade.)
 */
@Injectable()
export class SlaWarningReadsDsarRepository extends SqlRepository {
  async countFor(userIds: string[], tx?: Tx): Promise<number> {
    if (!userIds.length) return 0;
    const [row] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sla_warning_reads WHERE user_id = ANY($1::uuid[])',
      [userIds],
      tx,
    );
    return row.n;
  }

  /** Deletes the read marks of these accounts; how many went. */
  async deleteFor(tx: Tx, userIds: string[]): Promise<number> {
    if (!userIds.length) return 0;
    const [row] = await this.query<{ n: number }>(
      `WITH d AS (DELETE FROM sla_warning_reads WHERE user_id = ANY($1::uuid[]) RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [userIds],
      tx,
    );
    return row.n;
  }
}
