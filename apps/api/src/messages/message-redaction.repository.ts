import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/**
 * The statements privacy and retention run on `ticket_messages`: DPO redaction, the share-safe
 * copy's public thread, closed tickets' anonymisation and the identifier index's rebuild. Callers
 * have checked the ticket is theirs to see (or are system jobs).
 */
@Injectable()
export class MessageRedactionRepository extends SqlRepository {
  /** A message's body, locked for `tx`. */
  async lockBody(tx: Tx, messageId: string, ticketId: string): Promise<string | undefined> {
    const [row] = await this.query<{ body: string }>(
      'SELECT body FROM ticket_messages WHERE id = $1 AND ticket_id = $2 FOR UPDATE',
      [messageId, ticketId],
      tx,
    );
    return row?.body;
  }

  async setBody(tx: Tx, messageId: string, body: string): Promise<void> {
    await this.query('UPDATE ticket_messages SET body = $1 WHERE id = $2', [body, messageId], tx);
  }

  /** A ticket's public thread, oldest first, with whether staff wrote each message. */
  publicThread(ticketId: string): Promise<{ body: string; created_at: Date; staff: boolean }[]> {
    return this.query<{ body: string; created_at: Date; staff: boolean }>(
      `SELECT m.body, m.created_at, u.role <> 'customer' AS staff FROM ticket_messages m JOIN users u ON u.id = m.author_id
        WHERE m.ticket_id = $1 AND m.visibility = 'public' ORDER BY m.created_at`,
      [ticketId],
    );
  }

  ofTicket(tx: Tx, ticketId: string): Promise<{ id: string; body: string }[]> {
    return this.query<{ id: string; body: string }>(
      'SELECT id, body FROM ticket_messages WHERE ticket_id = $1',
      [ticketId],
      tx,
    );
  }

  /** The scrubbed body in, and a customer author replaced by the placeholder account. */
  async anonymise(tx: Tx, messageId: string, body: string, placeholderId: string): Promise<void> {
    await this.query(
      `UPDATE ticket_messages SET body = $2,
                author_id = CASE WHEN (SELECT role FROM users WHERE id = author_id) = 'customer' THEN $3 ELSE author_id END
          WHERE id = $1`,
      [messageId, body, placeholderId],
      tx,
    );
  }

  /** The next batch of messages after `after`, by id. */
  textsAfter(after: string, batchSize: number): Promise<{ id: string; ticket_id: string; body: string }[]> {
    return this.query<{ id: string; ticket_id: string; body: string }>(
      'SELECT id, ticket_id, body FROM ticket_messages WHERE id > $1 ORDER BY id LIMIT $2',
      [after, batchSize],
    );
  }
}
