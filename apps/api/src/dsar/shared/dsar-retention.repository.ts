import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';

/** Retention of DSAR answer packages (`dsar_releases`' files). */
@Injectable()
export class DsarRetentionRepository extends SqlRepository {
  async countPackagesBefore(cutoff: Date): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM dsar_releases WHERE created_at < $1 AND blob_key IS NOT NULL',
      [cutoff],
    );
    return n;
  }

  /** Queues the files of packages built before `cutoff` for deletion and unlinks them; returns how many. */
  async releasePackagesBefore(cutoff: Date): Promise<number> {
    const [rows] = await this.query(
      `WITH doomed AS (
         SELECT id, blob_key FROM dsar_releases WHERE created_at < $1 AND blob_key IS NOT NULL FOR UPDATE SKIP LOCKED
       ), queued AS (
         INSERT INTO blob_deletions (blob_key) SELECT blob_key FROM doomed ON CONFLICT DO NOTHING
       )
       UPDATE dsar_releases r SET blob_key = NULL FROM doomed WHERE r.id = doomed.id RETURNING r.id`,
      [cutoff],
    );
    return (rows as unknown as unknown[]).length;
  }
}
