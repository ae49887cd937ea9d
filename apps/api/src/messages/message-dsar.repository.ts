import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** A message as the answer package of someone it is about gives it. */
export interface MessagePackageRow {
  id: string;
  reference: string;
  visibility: string;
  body: string;
  author_id: string;
  role: string | null;
  created_at: Date;
}

/** Statements data-subject requests run on `ticket_messages`: collection, erasure, its note. */
@Injectable()
export class MessageDsarRepository extends SqlRepository {
  writtenBy(userIds: string[]): Promise<{ id: string; ticket_id: string; created_at: Date }[]> {
    return this.query('SELECT id, ticket_id, created_at FROM ticket_messages WHERE author_id = ANY($1)', [
      userIds,
    ]);
  }

  inTickets(ticketIds: string[]): Promise<{ id: string; ticket_id: string; created_at: Date }[]> {
    return this.query(
      `SELECT id, ticket_id, created_at FROM ticket_messages
        WHERE ticket_id = ANY($1) OR merged_from_ticket_id = ANY($1)`,
      [ticketIds],
    );
  }

  /** When each was written, for ordering. */
  writtenAt(ids: string[]): Promise<{ id: string; at: Date }[]> {
    return this.query('SELECT id, created_at AS at FROM ticket_messages WHERE id = ANY($1)', [ids]);
  }

  /** Written by them, on their tickets, or mentioning them. */
  async idsForErasure(userIds: string[], ticketIds: string[], ids: string[], tx?: Tx): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM ticket_messages
        WHERE author_id = ANY($1) OR ticket_id = ANY($2) OR merged_from_ticket_id = ANY($2) OR id = ANY($3)`,
      [userIds, ticketIds, ids],
      tx,
    );
    return rows.map((r) => String(r.id));
  }

  bodies(tx: Tx, ids: string[]): Promise<{ id: string; ticket_id: string; body: string }[]> {
    return this.query('SELECT id, ticket_id, body FROM ticket_messages WHERE id = ANY($1)', [ids], tx);
  }

  async setBody(tx: Tx, id: string, body: string | null): Promise<void> {
    await this.query('UPDATE ticket_messages SET body = $2 WHERE id = $1', [id, body], tx);
  }

  texts(ids: string[], tx?: Tx): Promise<{ id: string; t: string | null }[]> {
    return this.query('SELECT id, body AS t FROM ticket_messages WHERE id = ANY($1)', [ids], tx);
  }

  forPackage(ids: string[]): Promise<MessagePackageRow[]> {
    return this.query<MessagePackageRow>(
      `SELECT m.id, t.reference, m.visibility, m.body, m.author_id, u.role, m.created_at
         FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id LEFT JOIN users u ON u.id = m.author_id
        WHERE m.id = ANY($1)`,
      [ids],
    );
  }

  /** An internal note by `authorId`; answers its id and the author's name. */
  async addInternalNote(
    tx: Tx,
    ticketId: string,
    authorId: string,
    body: string,
    at: Date,
  ): Promise<{ id: string; author_name: string | null }> {
    const [row] = await this.query<{ id: string; author_name: string | null }>(
      `WITH m AS (
         INSERT INTO ticket_messages (ticket_id, author_id, visibility, body, created_at)
         VALUES ($1, $2, 'internal', $3, $4) RETURNING id, author_id)
       SELECT m.id, p.full_name AS author_name FROM m JOIN users u ON u.id = m.author_id
         LEFT JOIN people p ON p.id = u.person_id`,
      [ticketId, authorId, body, at],
      tx,
    );
    return row;
  }
}
