import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';

/** A mail we sent (or kept, or held back), as a subject's answer package gives it. */
export interface OutboxPackageRow {
  id: string;
  kind: string;
  status: string;
  note: string | null;
  reference: string | null;
  to_address: string | null;
  subject: string | null;
  body_text: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export interface OutboxContentRow {
  id: string;
  to_address: string | null;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
}

/**
 * Statements data-subject requests run on `mail_outbox`: the mail sent to a subject (their account,
 * or their address as it went), and what an erasure does to it and to other mail about them.
 * Addresses are compared lower-case; `to_address` keeps the address as it was written.
 */
@Injectable()
export class OutboxDsarRepository extends SqlRepository {
  toThem(
    userIds: string[],
    emails: string[],
    tx?: Tx,
  ): Promise<{ id: string; ticket_id: string | null; created_at: Date }[]> {
    if (!userIds.length && !emails.length) return Promise.resolve([]);
    return this.query(
      `SELECT id, ticket_id, created_at FROM mail_outbox
        WHERE recipient_user_id = ANY($1::uuid[]) OR lower(to_address) = ANY($2::text[])`,
      [userIds, emails],
      tx,
    );
  }

  writtenAt(ids: string[]): Promise<{ id: string; at: Date }[]> {
    return this.query('SELECT id, created_at AS at FROM mail_outbox WHERE id = ANY($1)', [ids]);
  }

  forPackage(ids: string[]): Promise<OutboxPackageRow[]> {
    return this.query<OutboxPackageRow>(
      `SELECT o.id, o.kind, o.status, o.note, t.reference, o.to_address, o.subject, o.body_text, o.created_at,
              o.sent_at
         FROM mail_outbox o LEFT JOIN tickets t ON t.id = o.ticket_id WHERE o.id = ANY($1)`,
      [ids],
    );
  }

  /** Mail with content still kept, to them or about one of these tickets: what the erasure reads. */
  withContent(
    ticketIds: string[],
    userIds: string[],
    emails: string[],
    tx?: Tx,
  ): Promise<(OutboxContentRow & { to_them: boolean })[]> {
    return this.query(
      `SELECT id, to_address, subject, body_text, body_html,
              (recipient_user_id = ANY($2::uuid[]) OR lower(to_address) = ANY($3::text[])) AS to_them
         FROM mail_outbox
        WHERE (ticket_id = ANY($1::uuid[]) OR recipient_user_id = ANY($2::uuid[]) OR lower(to_address) = ANY($3::text[]))
          AND (to_address IS NOT NULL OR subject IS NOT NULL OR body_text IS NOT NULL OR body_html IS NOT NULL)`,
      [ticketIds, userIds, emails],
      tx,
    );
  }

  /** Mail to them keeps its kind, status, ticket and dates, and nothing it said. */
  async eraseContent(tx: Tx, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.query(
      `UPDATE mail_outbox SET to_address = NULL, subject = NULL, body_text = NULL, body_html = NULL
        WHERE id = ANY($1)`,
      [ids],
      tx,
    );
  }

  /** The mail about these tickets keeps no content: what anonymising a closed ticket does. */
  async eraseContentOfTickets(tx: Tx, ticketIds: string[]): Promise<void> {
    if (!ticketIds.length) return;
    await this.query(
      `UPDATE mail_outbox SET to_address = NULL, subject = NULL, body_text = NULL, body_html = NULL
        WHERE ticket_id = ANY($1) AND status <> 'queued'`,
      [ticketIds],
      tx,
    );
  }

  /** Someone else's mail rewritten without the subject. */
  async setContent(tx: Tx, row: OutboxContentRow): Promise<void> {
    await this.query(
      'UPDATE mail_outbox SET subject = $2, body_text = $3, body_html = $4 WHERE id = $1',
      [row.id, row.subject, row.body_text, row.body_html],
      tx,
    );
  }
}
