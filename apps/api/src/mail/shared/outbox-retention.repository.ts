import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';

/** Rendered content of a mail that went (or was kept): what the period removes. */
const HAS_CONTENT = `o.status <> 'queued'
  AND (o.to_address IS NOT NULL OR o.subject IS NOT NULL OR o.body_text IS NOT NULL OR o.body_html IS NOT NULL)`;
/** Mail to someone with an open data-subject request is frozen until it is answered. */
const FROZEN = `EXISTS (SELECT 1 FROM users u JOIN dsar_requests d ON d.subject_person_id = u.person_id
                 WHERE u.id = o.recipient_user_id AND d.closed_at IS NULL)`;

/**
 * What the retention run does to the outbox (`mail_outbox`): once the raw-email period has passed
 * since a mail was rendered, its address, subject and bodies go; the row keeps its kind, status,
 * ticket, our Message-ID (threading needs it, and it names no one) and dates.
 */
@Injectable()
export class OutboxRetentionRepository extends SqlRepository {
  async counts(cutoff: Date): Promise<{ due: number; openDsar: number }> {
    const [row] = await this.query<{ due: number; openDsar: number }>(
      `SELECT count(*) FILTER (WHERE NOT ${FROZEN})::int AS due, count(*) FILTER (WHERE ${FROZEN})::int AS "openDsar"
         FROM mail_outbox o WHERE ${HAS_CONTENT} AND o.created_at < $1`,
      [cutoff],
    );
    return row;
  }

  /** Empties up to `batchSize` rows' content; how many. */
  async scrubBatch(cutoff: Date, batchSize: number): Promise<number> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [, count] = await this.query<number>(
      `WITH doomed AS (
         SELECT o.id FROM mail_outbox o WHERE ${HAS_CONTENT} AND o.created_at < $1 AND NOT ${FROZEN}
          ORDER BY o.created_at LIMIT $2 FOR UPDATE OF o SKIP LOCKED
       )
       UPDATE mail_outbox o SET to_address = NULL, subject = NULL, body_text = NULL, body_html = NULL
         FROM doomed WHERE o.id = doomed.id RETURNING o.id`,
      [cutoff, batchSize],
    );
    return count ?? 0;
  }
}
