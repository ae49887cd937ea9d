import { Injectable } from '@nestjs/common';
import type { MessageChannel, Role } from '@hushdesk/contracts';
import { limitPlusOne } from '../common/pagination/keyset';
import { SqlParams } from '../database/sql-params';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

export interface MessageRow {
  id: string;
  ticket_id: string;
  visibility: 'public' | 'internal';
  body: string;
  author_id: string;
  author_name: string | null;
  author_role: Role;
  channel: MessageChannel;
  created_at: Date;
}

const MESSAGE_SELECT = `
  SELECT m.id, m.ticket_id, m.visibility, m.body, m.author_id, p.full_name AS author_name, u.role AS author_role,
         m.channel, m.created_at
    FROM ticket_messages m JOIN users u ON u.id = m.author_id JOIN people p ON p.id = u.person_id`;

/**
 * Every statement on `ticket_messages`. Callers first check the ticket is theirs to see
 * (TicketsService); `publicOnly` keeps internal notes from customers.
 */
@Injectable()
export class MessagesRepository extends SqlRepository {
  /** A page of a ticket's thread, oldest first, after the (created_at, id) key given. */
  thread(
    ticketId: string,
    publicOnly: boolean,
    after: (string | number)[] | undefined,
    limit: number,
  ): Promise<MessageRow[]> {
    const p = new SqlParams();
    const where = [`m.ticket_id = ${p.add(ticketId)}`];
    if (publicOnly) where.push("m.visibility = 'public'");
    if (after)
      where.push(`(m.created_at, m.id) > (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`);
    return this.prepared<MessageRow>(
      `${MESSAGE_SELECT} WHERE ${where.join(' AND ')} ORDER BY m.created_at, m.id ${limitPlusOne(limit)}`,
      p.values,
    );
  }

  async insert(
    tx: Tx,
    message: {
      ticketId: string;
      authorId: string;
      visibility: string;
      body: string;
      createdAt: Date;
      channel: MessageChannel;
    },
  ): Promise<string> {
    const [{ id }] = await this.query<{ id: string }>(
      `INSERT INTO ticket_messages (ticket_id, author_id, visibility, body, created_at, channel)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [
        message.ticketId,
        message.authorId,
        message.visibility,
        message.body,
        message.createdAt,
        message.channel,
      ],
      tx,
    );
    return id;
  }

  async findById(id: string, tx?: Tx): Promise<MessageRow> {
    const [row] = await this.query<MessageRow>(`${MESSAGE_SELECT} WHERE m.id = $1`, [id], tx);
    return row;
  }
}
