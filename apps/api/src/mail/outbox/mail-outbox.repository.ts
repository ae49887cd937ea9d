import { Injectable } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import { limitPlusOne } from '../../common/pagination/keyset';
import { SqlParams } from '../../database/sql-params';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';
import type { MailOutboxEntity } from './mail-outbox.entity';

export type OutboxKind = MailOutboxEntity['kind'];
export type OutboxStatus = MailOutboxEntity['status'];

/** A queued row, as the send job claims it. */
export interface ClaimedRow {
  id: string;
  kind: OutboxKind;
  ticket_id: string | null;
  ticket_message_id: string | null;
  recipient_user_id: string | null;
  attempts: number;
  message_id: string | null;
}

/** Everything one mail is rendered from, read in one statement. */
export interface MailContextRow {
  recipient_role: Role | null;
  recipient_person_id: string | null;
  recipient_email: string | null;
  recipient_name: string | null;
  recipient_restricted: boolean;
  ticket_reference: string | null;
  ticket_subject: string | null;
  ticket_type: string | null;
  ticket_priority: string | null;
  requester_id: string | null;
  requester_name: string | null;
  message_body: string | null;
  message_visibility: 'public' | 'internal' | null;
  author_id: string | null;
  author_name: string | null;
  /** The ticket's latest inbound mail (email_messages), newest last in its chain. */
  inbound_message_id: string | null;
  inbound_references: string[] | null;
  inbound_at: Date | null;
  /** Our earlier mail about this ticket to this recipient, oldest first. */
  our_ids: string[] | null;
  our_last_at: Date | null;
}

export interface OutboxListRow {
  id: string;
  kind: OutboxKind;
  status: OutboxStatus;
  to_address: string | null;
  recipient_person_id: string | null;
  subject: string | null;
  ticket_id: string | null;
  ticket_reference: string | null;
  note: string | null;
  attempts: number;
  created_at: Date;
  sent_at: Date | null;
  body_text?: string | null;
}

const LIST_COLUMNS = `o.id, o.kind, o.status, o.to_address, u.person_id AS recipient_person_id, o.subject,
  o.ticket_id, t.reference AS ticket_reference, o.note, o.attempts, o.created_at, o.sent_at`;
const LIST_FROM = `mail_outbox o LEFT JOIN tickets t ON t.id = o.ticket_id LEFT JOIN users u ON u.id = o.recipient_user_id`;

/** Staff who may hear of tickets by mail: active accounts of a staff role. */
const ACTIVE_STAFF = `JOIN users su ON su.id = s.user_id AND su.role <> 'customer' AND su.disabled_at IS NULL`;

/**
 * Every statement on `mail_outbox` (the transactional outbox): queueing in the caller's
 * transaction, the send job's claim and outcome, and the admins' list. Rows hold no content
 * until rendered, and never for suppressed mail.
 */
@Injectable()
export class MailOutboxRepository extends SqlRepository {
  /**
   * SQL for a CTE of the ticket-creating statement (`from` names the inserted ticket's CTE):
   * the requester hears it was received, subscribed staff other than its creator of a new ticket.
   * Fixed text whatever the ticket, so the creating statement stays prepared.
   */
  newTicketSql(from: string): string {
    return `INSERT INTO mail_outbox (kind, ticket_id, recipient_user_id)
      SELECT 'ticket_received', t.id, t.requester_id FROM ${from} t
      UNION ALL
      SELECT 'new_ticket', t.id, s.user_id FROM ${from} t
        JOIN mail_subscriptions s ON s.new_tickets AND s.user_id <> t.created_by_id
        ${ACTIVE_STAFF}`;
  }

  async queue(
    tx: Tx,
    row: { kind: OutboxKind; ticketId: string; recipientUserId: string; ticketMessageId?: string },
  ): Promise<void> {
    await this.query(
      `INSERT INTO mail_outbox (kind, ticket_id, recipient_user_id, ticket_message_id) VALUES ($1, $2, $3, $4)`,
      [row.kind, row.ticketId, row.recipientUserId, row.ticketMessageId ?? null],
      tx,
    );
  }

  /** `queue` for many tickets at once (a bulk change): one statement. */
  async queueMany(
    tx: Tx,
    kind: OutboxKind,
    rows: { ticketId: string; recipientUserId: string }[],
  ): Promise<void> {
    if (!rows.length) return;
    await this.query(
      `INSERT INTO mail_outbox (kind, ticket_id, recipient_user_id)
       SELECT $1, r.ticket_id, r.recipient_user_id FROM unnest($2::uuid[], $3::uuid[]) AS r(ticket_id, recipient_user_id)`,
      [kind, rows.map((r) => r.ticketId), rows.map((r) => r.recipientUserId)],
      tx,
    );
  }

  /** `queueAssigned` for many tickets given to one assignee (a bulk change); whether any was queued. */
  async queueAssignedMany(tx: Tx, ticketIds: string[], assigneeId: string): Promise<boolean> {
    if (!ticketIds.length) return false;
    const rows = await this.query(
      `INSERT INTO mail_outbox (kind, ticket_id, recipient_user_id)
       SELECT 'ticket_assigned', t.id, s.user_id FROM mail_subscriptions s ${ACTIVE_STAFF}
        CROSS JOIN unnest($1::uuid[]) AS t(id)
        WHERE s.user_id = $2 AND s.assigned_tickets
       RETURNING id`,
      [ticketIds, assigneeId],
      tx,
    );
    return rows.length > 0;
  }

  /** Queues `ticket_assigned` for the assignee if they chose to hear of it; whether it did. */
  async queueAssigned(tx: Tx, ticketId: string, assigneeId: string): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO mail_outbox (kind, ticket_id, recipient_user_id)
       SELECT 'ticket_assigned', $1, s.user_id FROM mail_subscriptions s ${ACTIVE_STAFF}
        WHERE s.user_id = $2 AND s.assigned_tickets
       RETURNING id`,
      [ticketId, assigneeId],
      tx,
    );
    return rows.length > 0;
  }

  /**
   * Claims up to `limit` due rows for this worker: locked with SKIP LOCKED, so two workers never
   * take the same row, and leased by moving `next_attempt_at` past `leaseSeconds`, so a worker
   * that dies mid-send leaves the row to be retried once the lease runs out.
   */
  claim(now: Date, limit: number, leaseSeconds: number): Promise<ClaimedRow[]> {
    return this.query<ClaimedRow>(
      `WITH c AS (
         UPDATE mail_outbox o SET next_attempt_at = $1::timestamptz + make_interval(secs => $3)
          WHERE o.id IN (SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= $1
                          ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING o.id, o.kind, o.ticket_id, o.ticket_message_id, o.recipient_user_id, o.attempts, o.message_id)
       SELECT * FROM c`,
      [now, limit, leaseSeconds],
    );
  }

  /** What a mail says and where it goes, as of now (the address is the person's current one). */
  async context(row: ClaimedRow): Promise<MailContextRow | undefined> {
    const [ctx] = await this.query<MailContextRow>(
      `SELECT ru.role AS recipient_role, rp.id AS recipient_person_id, rp.email AS recipient_email,
              rp.full_name AS recipient_name, (rp.processing_restricted_at IS NOT NULL) AS recipient_restricted,
              t.reference AS ticket_reference, t.subject AS ticket_subject, t.type AS ticket_type,
              t.priority AS ticket_priority, t.requester_id, qp.full_name AS requester_name,
              m.body AS message_body, m.visibility AS message_visibility, m.author_id, ap.full_name AS author_name,
              e.message_id AS inbound_message_id, e."references" AS inbound_references, e.created_at AS inbound_at,
              our.ids AS our_ids, our.last_at AS our_last_at
         FROM (SELECT $1::uuid AS ticket_id, $2::uuid AS message_id, $3::uuid AS user_id, $4::uuid AS outbox_id) x
         LEFT JOIN users ru ON ru.id = x.user_id
         LEFT JOIN people rp ON rp.id = ru.person_id
         LEFT JOIN tickets t ON t.id = x.ticket_id
         LEFT JOIN users qu ON qu.id = t.requester_id
         LEFT JOIN people qp ON qp.id = qu.person_id
         LEFT JOIN ticket_messages m ON m.id = x.message_id
         LEFT JOIN users au ON au.id = m.author_id
         LEFT JOIN people ap ON ap.id = au.person_id
         LEFT JOIN LATERAL (SELECT em.message_id, em."references", em.created_at FROM email_messages em
                             WHERE em.ticket_id = x.ticket_id AND em.message_id IS NOT NULL
                             ORDER BY em.created_at DESC LIMIT 1) e ON true
         LEFT JOIN LATERAL (SELECT array_agg(p.message_id ORDER BY p.created_at) AS ids, max(p.created_at) AS last_at
                              FROM (SELECT o.message_id, o.created_at FROM mail_outbox o
                                     WHERE o.ticket_id = x.ticket_id AND o.recipient_user_id = x.user_id
                                       AND o.status IN ('sent', 'kept') AND o.message_id IS NOT NULL
                                       AND o.id <> x.outbox_id
                                     ORDER BY o.created_at DESC LIMIT 10) p) our ON true`,
      [row.ticket_id, row.ticket_message_id, row.recipient_user_id, row.id],
    );
    return ctx;
  }

  /** Rendered and sent (or kept, without a relay): the mail as it went. */
  async delivered(
    id: string,
    status: 'sent' | 'kept',
    mail: { to: string; subject: string; text: string; html: string; messageId: string },
    attempted: boolean,
  ): Promise<void> {
    await this.query(
      `UPDATE mail_outbox SET status = $2::varchar, to_address = $3, subject = $4, body_text = $5, body_html = $6,
              message_id = $7, attempts = attempts + $8, sent_at = CASE WHEN $2::varchar = 'sent' THEN now() END,
              note = NULL
        WHERE id = $1`,
      [id, status, mail.to, mail.subject, mail.text, mail.html, mail.messageId, attempted ? 1 : 0],
    );
  }

  /** Not sent, on purpose: the reason alone, never the address or the content. */
  async suppressed(id: string, note: string): Promise<void> {
    await this.query(
      `UPDATE mail_outbox SET status = 'suppressed', note = $2, to_address = NULL, subject = NULL,
              body_text = NULL, body_html = NULL WHERE id = $1`,
      [id, note],
    );
  }

  /** A failed attempt: queued again at `retryAt`, or `failed` for good when it is null. */
  async attemptFailed(
    id: string,
    note: string,
    messageId: string | null,
    retryAt: Date | null,
  ): Promise<void> {
    await this.query(
      `UPDATE mail_outbox SET attempts = attempts + 1, note = $2, message_id = COALESCE($3, message_id),
              status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE status END,
              next_attempt_at = COALESCE($4::timestamptz, next_attempt_at)
        WHERE id = $1`,
      [id, note, messageId, retryAt],
    );
  }

  /** A page of the outbox, newest first, after the (created_at, id) key given. */
  list(
    status: OutboxStatus | undefined,
    after: (string | number)[] | undefined,
    limit: number,
  ): Promise<OutboxListRow[]> {
    const p = new SqlParams();
    const where = ['true'];
    if (status) where.push(`o.status = ${p.add(status)}`);
    if (after)
      where.push(`(o.created_at, o.id) < (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`);
    return this.query<OutboxListRow>(
      `SELECT ${LIST_COLUMNS} FROM ${LIST_FROM} WHERE ${where.join(' AND ')}
        ORDER BY o.created_at DESC, o.id DESC ${limitPlusOne(limit)}`,
      p.values,
    );
  }

  async findById(id: string): Promise<OutboxListRow | undefined> {
    const [row] = await this.query<OutboxListRow>(
      `SELECT ${LIST_COLUMNS}, o.body_text FROM ${LIST_FROM} WHERE o.id = $1`,
      [id],
    );
    return row;
  }
}
