import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/**
 * What merging tickets does to `attachments`: each file moves to the ticket merged into and
 * keeps the ticket it was first attached to, which DSARs and erasure of that ticket's requester follow.
 */
@Injectable()
export class AttachmentMergeRepository extends SqlRepository {
  async count(ticketId: string, tx?: Tx): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM attachments WHERE ticket_id = $1',
      [ticketId],
      tx,
    );
    return n;
  }

  async move(tx: Tx, fromId: string, intoId: string): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `WITH moved AS (
         UPDATE attachments SET ticket_id = $2, merged_from_ticket_id = COALESCE(merged_from_ticket_id, $1)
          WHERE ticket_id = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [fromId, intoId],
      tx,
    );
    return n;
  }
}
