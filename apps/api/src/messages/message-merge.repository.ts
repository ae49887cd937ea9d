import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/**
 * What merging tickets does to `ticket_messages`: each message moves to the ticket merged into and
 * keeps the ticket it was first written on, which DSARs and erasure of that ticket's requester follow.
 */
@Injectable()
export class MessageMergeRepository extends SqlRepository {
  async count(ticketId: string, tx?: Tx): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ticket_messages WHERE ticket_id = $1',
      [ticketId],
      tx,
    );
    return n;
  }

  async move(tx: Tx, fromId: string, intoId: string): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `WITH moved AS (
         UPDATE ticket_messages SET ticket_id = $2, merged_from_ticket_id = COALESCE(merged_from_ticket_id, $1)
          WHERE ticket_id = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [fromId, intoId],
      tx,
    );
    return n;
  }
}
