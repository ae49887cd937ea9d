import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ImapFlow } from 'imapflow';
import { AppConfig } from '../../config/app-config';
import { JobScheduler } from '../../jobs/job-scheduler.service';
import { describeImapError, imapClient } from './imap-connection';
import { MailboxLeaseRepository, type MailboxLease } from './mailbox-lease.repository';
import { openSecret, SealedSecretError } from './mailbox-secret';
import { ImportFailure, MailboxSyncService } from './mailbox-sync.service';
import { MailboxesRepository, type MailboxSyncRow } from './mailboxes.repository';

export const MAILBOX_POLL_JOB = 'mailboxes-poll';

const CONNECT_MS = 10_000;
const SOCKET_MS = 120_000;
/** How often a listening connection checks its mailbox was not paused, edited or deleted. */
const CHECK_MS = 15_000;
/** A listening connection also reads the folder this often, in case a notification was missed. */
const RESYNC_MS = 5 * 60_000;

export type PollResult = 'polled' | 'listening' | 'busy' | 'skipped' | 'failed';

/** A connection kept open on a mailbox whose server offers IDLE, so new mail comes in at once. */
interface Listener {
  stop(): void;
  done: Promise<void>;
}

/**
 * Polls mailboxes, and keeps one IDLE connection per mailbox where the server offers IDLE.
 *
 * The `mailboxes-poll` job (every minute, once across instances) polls each active mailbox under
 * its lease (`MailboxLeaseRepository`). When the server offers IDLE, the instance that polled it
 * keeps the connection and the lease and listens: a new message is imported within seconds. While
 * it listens, the job finds the lease taken and leaves the mailbox alone, so exactly one instance
 * reads each mailbox. The listener lets go when the mailbox is paused, edited or deleted (checked
 * every 15 s; at once on this instance), when the connection drops, or at shutdown; the lease goes
 * with its process, so after a crash the next minute's job picks the mailbox up elsewhere.
 * Without IDLE the mailbox is simply polled every minute.
 */
@Injectable()
export class MailboxPoller implements OnApplicationShutdown {
  private readonly logger = new Logger(MailboxPoller.name);
  private readonly listeners = new Map<string, Listener>();
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly mailboxes: MailboxesRepository,
    private readonly leases: MailboxLeaseRepository,
    private readonly syncs: MailboxSyncService,
    private readonly jobs: JobScheduler,
  ) {}

  /** Polls one mailbox, or every active one; what happened to each, by id. */
  async pollDue(mailboxId?: string): Promise<Record<string, PollResult>> {
    const ids = mailboxId ? [mailboxId] : await this.mailboxes.activeIds();
    const results: Record<string, PollResult> = {};
    for (const id of ids) results[id] = await this.poll(id);
    return results;
  }

  /** Asks for a poll soon (a new or resumed mailbox), where jobs run; otherwise the next minute's. */
  async pollSoon(mailboxId: string): Promise<void> {
    if (!this.jobs.running) return;
    await this.jobs.send(MAILBOX_POLL_JOB, { mailboxId }).catch(() => undefined);
  }

  /**
   * Polls one mailbox now under its lease, then keeps listening where the server offers IDLE and
   * this instance runs jobs (`listen`, default). A poll lasts at most until the mailbox is read.
   */
  async poll(mailboxId: string, opts: { listen?: boolean } = {}): Promise<PollResult> {
    if (this.listeners.has(mailboxId)) return 'listening';
    if (this.stopping) return 'skipped';
    const lease = await this.leases.take(mailboxId);
    if (!lease) return 'busy';
    let client: ImapFlow | undefined;
    let keep = false;
    try {
      const mailbox = await this.mailboxes.forSync(mailboxId);
      if (!mailbox || mailbox.paused_at) return 'skipped';
      const opened = await this.open(mailbox);
      if (typeof opened === 'string') {
        await this.mailboxes.recordPoll(mailboxId, opened);
        return 'failed';
      }
      client = opened;
      const error = await this.read(client, mailbox);
      await this.mailboxes.recordPoll(mailboxId, error);
      if (error) return 'failed';
      if ((opts.listen ?? true) && this.jobs.running && client.capabilities.has('IDLE') && lease.held) {
        this.listen(mailbox, client, lease);
        keep = true;
        return 'listening';
      }
      return 'polled';
    } finally {
      if (!keep) {
        if (client) await client.logout().catch(() => client?.close());
        await lease.release();
      }
    }
  }

  /** Lets go of a mailbox's listening connection on this instance (paused, edited, deleted). */
  async release(mailboxId: string): Promise<void> {
    const listener = this.listeners.get(mailboxId);
    if (!listener) return;
    listener.stop();
    await listener.done;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.listeners.keys()].map((id) => this.release(id)));
  }

  /** Connects, signs in and opens the folder read-write; or says what failed. */
  private async open(mailbox: MailboxSyncRow): Promise<ImapFlow | string> {
    let secret: string;
    try {
      secret = openSecret(this.config.mail.credentialsKey, mailbox.id, mailbox.secret);
    } catch (e) {
      if (e instanceof SealedSecretError)
        return "The stored password does not open with this server's MAIL_CREDENTIALS_KEY: enter it again.";
      throw e;
    }
    const client = imapClient({ ...mailbox, secret }, { connectMs: CONNECT_MS, socketMs: SOCKET_MS });
    client.on('error', () => undefined); // surfaced by the command that fails
    try {
      await client.connect();
      await client.mailboxOpen(mailbox.folder);
      return client;
    } catch (e) {
      client.close();
      return describeImapError(e, mailbox);
    }
  }

  /** Reads what is new; null when all went well, else what went wrong in an admin's words. */
  private async read(client: ImapFlow, mailbox: MailboxSyncRow): Promise<string | null> {
    try {
      const outcome = await this.syncs.sync(client, mailbox);
      if (outcome.imported || outcome.quarantined)
        this.logger.log(
          `mailbox ${mailbox.id}: ${outcome.imported} imported, ${outcome.quarantined} quarantined`,
        );
      return null;
    } catch (e) {
      if (e instanceof ImportFailure) {
        this.logger.error(`mailbox ${mailbox.id}: an import failed: ${(e.cause as Error)?.name ?? 'error'}`);
        return 'A message could not be imported; it will be tried again at the next poll (see the API log).';
      }
      return describeImapError(e, mailbox);
    }
  }

  /** Keeps the connection in IDLE and reads the folder whenever the server announces mail. */
  private listen(mailbox: MailboxSyncRow, client: ImapFlow, lease: MailboxLease): void {
    let stopped = false;
    let wake: () => void = () => undefined;
    let dirty = false;
    const stop = () => {
      stopped = true;
      wake();
    };
    client.on('exists', () => {
      dirty = true;
      wake();
    });
    client.on('close', () => {
      if (!stopped)
        void this.mailboxes
          .recordPoll(mailbox.id, 'The server closed the connection: it is polled again within a minute.')
          .catch(() => undefined);
      stop();
    });
    lease.onLost(stop);

    const run = async () => {
      let lastRead = Date.now();
      let idling: Promise<unknown> | null = null;
      while (!stopped) {
        idling ??= client
          .idle()
          .catch(() => undefined)
          .finally(() => (idling = null));
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (stopped || dirty) resolve();
          setTimeout(resolve, CHECK_MS).unref();
        });
        if (stopped) break;
        const now = await this.mailboxes.forSync(mailbox.id).catch(() => mailbox);
        if (!now || now.paused_at || now.updated_at.getTime() !== mailbox.updated_at.getTime()) break;
        if (!dirty && Date.now() - lastRead < RESYNC_MS) continue;
        dirty = false;
        lastRead = Date.now();
        const error = await this.read(client, now);
        await this.mailboxes.recordPoll(mailbox.id, error).catch(() => undefined);
        if (error) break;
      }
    };
    const done = run()
      .catch((e: Error) => this.logger.warn(`mailbox ${mailbox.id}: listening stopped: ${e.name}`))
      .finally(async () => {
        this.listeners.delete(mailbox.id);
        await client.logout().catch(() => client.close());
        await lease.release();
      });
    this.listeners.set(mailbox.id, { stop, done });
  }
}
