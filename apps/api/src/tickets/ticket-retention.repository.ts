import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/**
 * The statements retention and field policies run on `tickets` and `ticket_history`: closed
 * tickets' anonymisation, and counting, purging and expiring a personal field's values. These
 * are system-wide by design (no caller to scope by).
 */
@Injectable()
export class TicketRetentionRepository extends SqlRepository {
  /** Tickets due, excluding those whose requester has an open data-subject request. */
  private due(cutoff: Date) {
    return `FROM tickets t
             JOIN users ru ON ru.id = t.requester_id
            WHERE t.status = 'closed' AND t.closed_at < '${cutoff.toISOString()}'::timestamptz AND t.anonymised_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM dsar_requests d WHERE d.subject_person_id = ru.person_id AND d.closed_at IS NULL)`;
  }

  async countDue(cutoff: Date): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(`SELECT count(*)::int AS n ${this.due(cutoff)}`);
    return n;
  }

  /** The next batch of due tickets, locked for `tx`; tickets another run holds are skipped. */
  lockDue(tx: Tx, cutoff: Date, batchSize: number): Promise<{ id: string; organisation_id: string }[]> {
    return this.query<{ id: string; organisation_id: string }>(
      `SELECT t.id, t.organisation_id ${this.due(cutoff)} ORDER BY t.closed_at LIMIT $1 FOR UPDATE OF t SKIP LOCKED`,
      [batchSize],
      tx,
    );
  }

  async texts(tx: Tx, ticketId: string): Promise<{ subject: string; description: string }> {
    const [t] = await this.query<{ subject: string; description: string }>(
      'SELECT subject, description FROM tickets WHERE id = $1',
      [ticketId],
      tx,
    );
    return t;
  }

  /** Scrubbed texts in, contact phone out, and customers replaced by the placeholder account. */
  async anonymise(
    tx: Tx,
    ticketId: string,
    texts: { subject: string; description: string },
    placeholderId: string,
  ): Promise<void> {
    await this.query(
      `UPDATE tickets SET subject = $2, description = $3, contact_phone = NULL, anonymised_at = now(),
              requester_id = $4,
              created_by_id = CASE WHEN (SELECT role FROM users WHERE id = created_by_id) = 'customer' THEN $4 ELSE created_by_id END
        WHERE id = $1`,
      [ticketId, texts.subject, texts.description, placeholderId],
      tx,
    );
    await this.query(
      `UPDATE ticket_history SET actor_id = $2
        WHERE ticket_id = $1 AND actor_id IN (SELECT id FROM users WHERE role = 'customer')`,
      [ticketId, placeholderId],
      tx,
    );
  }

  /** How many tickets have a value in `column` (a column of the field registry). */
  async countStored(column: string): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets WHERE ${column} IS NOT NULL`,
    );
    return n;
  }

  /** Nulls every value of `column`; returns how many there were. */
  async purge(tx: Tx, column: string): Promise<number> {
    const [, count] = (await this.query(
      `UPDATE tickets SET ${column} = NULL WHERE ${column} IS NOT NULL`,
      [],
      tx,
    )) as unknown as [unknown, number];
    return count;
  }

  /**
   * Values of `column` whose retention, counted from `from`, ended before `cutoff`: counted, or
   * nulled. Null when `from` does not apply to tickets. A ticket whose requester has an open
   * data-subject request is not touched until it is answered.
   */
  async expire(tx: Tx, column: string, from: string, cutoff: Date, dryRun: boolean): Promise<number | null> {
    const expired =
      from === 'ticket_closed' ? 'r.closed_at < $1' : from === 'collected' ? 'r.created_at < $1' : null;
    if (!expired) return null;
    const frozen = `EXISTS (SELECT 1 FROM users u JOIN dsar_requests d ON d.subject_person_id = u.person_id
                        WHERE u.id = r.requester_id AND d.closed_at IS NULL)`;
    const where = `r.${column} IS NOT NULL AND ${expired} AND NOT ${frozen}`;
    if (dryRun) {
      const [{ n }] = await this.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM tickets r WHERE ${where}`,
        [cutoff],
        tx,
      );
      return n;
    }
    const [, values] = (await this.query(
      `UPDATE tickets r SET ${column} = NULL WHERE ${where}`,
      [cutoff],
      tx,
    )) as unknown as [unknown, number];
    return values;
  }
}
