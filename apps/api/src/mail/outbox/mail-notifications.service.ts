import { Injectable, Logger } from '@nestjs/common';
import type { Tx } from '../../database/tx';
import { JobScheduler } from '../../jobs/job-scheduler.service';
import { MailOutboxRepository } from './mail-outbox.repository';

/** The pg-boss job that renders and sends queued mail (`mail-send.job.ts`). */
export const MAIL_SEND_JOB = 'mail-send';

/** At most one wake-up of the send job per this many milliseconds from one instance. */
const NUDGE_EVERY_MS = 500;

/**
 * Queues notification mail in the transaction of the change it tells of (the transactional
 * outbox): a change that rolls back queues nothing. Rendering and sending happen later, in the
 * send job, which `sent()` wakes once the caller has committed.
 */
@Injectable()
export class MailNotifications {
  private readonly logger = new Logger(MailNotifications.name);
  private nudgedAt = 0;
  private pending?: NodeJS.Timeout;

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly jobs: JobScheduler,
  ) {}

  /**
   * SQL for a CTE of the statement that creates a ticket (`from` names its inserted row): the
   * requester's `ticket_received`, and `new_ticket` for subscribed staff other than its creator.
   * A CTE, so creating a ticket costs no extra round trip.
   */
  newTicketSql(from: string): string {
    return this.outbox.newTicketSql(from);
  }

  /** An engineer's public reply goes to the requester (never internal notes, never their own). */
  async publicReply(tx: Tx, ticket: { id: string; requesterId: string }, messageId: string): Promise<void> {
    await this.outbox.queue(tx, {
      kind: 'public_reply',
      ticketId: ticket.id,
      recipientUserId: ticket.requesterId,
      ticketMessageId: messageId,
    });
  }

  async resolved(tx: Tx, ticket: { id: string; requesterId: string }): Promise<void> {
    await this.outbox.queue(tx, {
      kind: 'ticket_resolved',
      ticketId: ticket.id,
      recipientUserId: ticket.requesterId,
    });
  }

  /** `resolved` for many tickets at once (a bulk change). */
  async resolvedMany(tx: Tx, tickets: { id: string; requesterId: string }[]): Promise<void> {
    await this.outbox.queueMany(
      tx,
      'ticket_resolved',
      tickets.map((t) => ({ ticketId: t.id, recipientUserId: t.requesterId })),
    );
  }

  /** `assigned` for many tickets given to one assignee at once (a bulk change). */
  async assignedMany(tx: Tx, ticketIds: string[], assigneeId: string, actorId: string): Promise<boolean> {
    if (assigneeId === actorId) return false;
    return this.outbox.queueAssignedMany(tx, ticketIds, assigneeId);
  }

  /** The new assignee hears of it, if they chose to and did not assign it to themselves. */
  async assigned(tx: Tx, ticketId: string, assigneeId: string, actorId: string): Promise<boolean> {
    if (assigneeId === actorId) return false;
    return this.outbox.queueAssigned(tx, ticketId, assigneeId);
  }

  /**
   * Wakes the send job after a commit that queued mail. Wake-ups from one instance are coalesced;
   * without jobs here, another instance's send job (or its minutely run) finds the rows.
   */
  sent(): void {
    if (!this.jobs.running || this.pending) return;
    const wait = this.nudgedAt + NUDGE_EVERY_MS - Date.now();
    const fire = () => {
      this.pending = undefined;
      this.nudgedAt = Date.now();
      this.jobs
        .send(MAIL_SEND_JOB, {})
        .catch((e: Error) => this.logger.warn(`could not wake the send job: ${e.name}`));
    };
    if (wait <= 0) fire();
    else {
      this.pending = setTimeout(fire, wait);
      this.pending.unref();
    }
  }
}
