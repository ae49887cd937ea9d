import { Injectable } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { SqlRepository } from '../../database/sql-repository';

/** One mailbox's lease: while held, no other poll or listening connection reads that mailbox. */
export interface MailboxLease {
  /** Whether the lease still holds (its connection did not drop). */
  readonly held: boolean;
  /** Called once if the lease is lost without `release()`. */
  onLost(listener: () => void): void;
  release(): Promise<void>;
}

/**
 * Mailbox leases as PostgreSQL session advisory locks, each on a connection of its own: only one
 * instance reads a mailbox at a time, and a lease goes with its process (killed, crashed, cut
 * off), so another instance takes the mailbox over at its next poll.
 */
@Injectable()
export class MailboxLeaseRepository extends SqlRepository {
  constructor(
    dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    super(dataSource);
  }

  /** The mailbox's lease, or null when someone else holds it. */
  async take(mailboxId: string): Promise<MailboxLease | null> {
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'hushdesk-mailbox',
    });
    let held = false;
    let released = false;
    const listeners: (() => void)[] = [];
    const lost = () => {
      if (!held || released) return;
      held = false;
      for (const listener of listeners.splice(0)) listener();
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>(
        `SELECT pg_try_advisory_lock(('x' || left(md5('hushdesk.mailbox:' || $1), 16))::bit(64)::bigint) AS ok`,
        [mailboxId],
      );
      held = rows[0]?.ok === true;
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    if (!held) {
      released = true;
      await client.end().catch(() => undefined);
      return null;
    }
    return {
      get held() {
        return held;
      },
      onLost: (listener) => listeners.push(listener),
      release: async () => {
        if (released) return;
        released = true;
        held = false;
        await client.end().catch(() => undefined); // ending the session releases the lock
      },
    };
  }
}
