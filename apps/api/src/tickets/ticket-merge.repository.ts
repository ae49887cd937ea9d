import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';
import { formatReference } from './ticket-rows';

/** A ticket another was merged into, as its pointer shows it. */
export interface MergeTargetRow {
  id: string;
  reference: string;
}

/** What merging tickets does to `tickets` and `ticket_history`. Callers check who may see them. */
@Injectable()
export class TicketMergeRepository extends SqlRepository {
  /** The ticket's pointer: where it was merged into, and when (both null when it was not). */
  async mergedInto(id: string, tx?: Tx): Promise<{ merged_into_id: string | null; merged_at: Date | null }> {
    const [row] = await this.query<{ merged_into_id: string | null; merged_at: Date | null }>(
      'SELECT merged_into_id, merged_at FROM tickets WHERE id = $1',
      [id],
      tx,
    );
    return row ?? { merged_into_id: null, merged_at: null };
  }

  async reference(id: string): Promise<string | undefined> {
    const [row] = await this.query<MergeTargetRow>('SELECT id, reference FROM tickets WHERE id = $1', [id]);
    return row ? formatReference(row.reference) : undefined;
  }

  async markMerged(tx: Tx, id: string, intoId: string, at: Date): Promise<void> {
    await this.query(
      'UPDATE tickets SET merged_into_id = $2, merged_at = $3 WHERE id = $1',
      [id, intoId, at],
      tx,
    );
  }

  async historyCount(ticketId: string, tx?: Tx): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ticket_history WHERE ticket_id = $1',
      [ticketId],
      tx,
    );
    return n;
  }

  /** Moves the history; entries keep the ticket they first happened on, so none is undone elsewhere. */
  async moveHistory(tx: Tx, fromId: string, intoId: string): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `WITH moved AS (
         UPDATE ticket_history SET ticket_id = $2, merged_from_ticket_id = COALESCE(merged_from_ticket_id, $1)
          WHERE ticket_id = $1 RETURNING 1)
       SELECT count(*)::int AS n FROM moved`,
      [fromId, intoId],
      tx,
    );
    return n;
  }
}
