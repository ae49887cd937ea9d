import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

export interface BulkChangeRow {
  id: string;
  at: Date;
  ticket_ids: string[];
  undone_at: Date | null;
  too_old: boolean;
}

/** Every statement on `ticket_bulk_changes`: a bulk change remembered for its one undo. */
@Injectable()
export class TicketBulkChangesRepository extends SqlRepository {
  /**
   * Records a bulk change; the actor's older ones, past any undo, go in the same statement, so the
   * table holds only what can still be undone.
   */
  async insert(tx: Tx, actorId: string, at: Date, ticketIds: string[], keepMinutes: number): Promise<string> {
    const [row] = await this.query<{ id: string }>(
      `WITH pruned AS (DELETE FROM ticket_bulk_changes
                        WHERE actor_id = $1 AND at < $2::timestamptz - make_interval(mins => $4))
       INSERT INTO ticket_bulk_changes (actor_id, at, ticket_ids) VALUES ($1, $2, $3::uuid[]) RETURNING id`,
      [actorId, at, ticketIds, keepMinutes],
      tx,
    );
    return row.id;
  }

  /** The actor's own bulk change, locked, with whether it is older than `windowMinutes`. */
  async lockOwn(
    tx: Tx,
    id: string,
    actorId: string,
    now: Date,
    windowMinutes: number,
  ): Promise<BulkChangeRow | undefined> {
    const [row] = await this.query<BulkChangeRow>(
      `SELECT id, at, ticket_ids, undone_at, $3::timestamptz - at > make_interval(mins => $4) AS too_old
         FROM ticket_bulk_changes WHERE id = $1 AND actor_id = $2 FOR UPDATE`,
      [id, actorId, now, windowMinutes],
      tx,
    );
    return row;
  }

  async markUndone(tx: Tx, id: string, at: Date): Promise<void> {
    await this.query('UPDATE ticket_bulk_changes SET undone_at = $2 WHERE id = $1', [id, at], tx);
  }
}
