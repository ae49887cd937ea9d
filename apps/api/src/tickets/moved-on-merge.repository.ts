import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/**
 * What merging tickets does to a table of a ticket's rows (messages, attachments, calls): each row
 * moves to the ticket merged into and keeps, in `merged_from_ticket_id`, the ticket it was first on,
 * which DSARs and erasure of that ticket's requester follow. Each owning module names its table.
 */
export abstract class MovedOnMergeRepository extends SqlRepository {
  protected abstract readonly table: 'ticket_messages' | 'attachments' | 'recordings';

  async count(ticketId: string, tx?: Tx): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${this.table} WHERE ticket_id = $1`,
      [ticketId],
      tx,
    );
    return n;
  }

  async move(tx: Tx, fromId: string, intoId: string): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `WITH moved AS (
         UPDATE ${this.table} SET ticket_id = $2, merged_from_ticket_id = COALESCE(merged_from_ticket_id, $1)
          WHERE ticket_id = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [fromId, intoId],
      tx,
    );
    return n;
  }
}
