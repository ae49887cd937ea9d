import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';

/**
 * What the retention engine does to `sla_warnings`: warnings sent before the cutoff go, with their
 * read marks (by cascade). The job never warns about a crossing older than a day, so a deleted
 * warning is not sent again.
 */
@Injectable()
export class SlaWarningRetentionRepository extends SqlRepository {
  async countSentBefore(cutoff: Date): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sla_warnings WHERE created_at < $1',
      [cutoff],
    );
    return row.n;
  }

  /** Deletes up to `limit` warnings sent before the cutoff, oldest first; how many went. */
  async deleteSentBefore(cutoff: Date, limit: number): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      `WITH d AS (
         DELETE FROM sla_warnings WHERE id IN (
           SELECT id FROM sla_warnings WHERE created_at < $1 ORDER BY created_at LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS n FROM d`,
      [cutoff, limit],
    );
    return row.n;
  }
}
