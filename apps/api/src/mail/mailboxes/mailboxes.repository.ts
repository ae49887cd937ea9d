import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';

/** A mailbox as listed: never its secret. */
export interface MailboxRow {
  id: string;
  name: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  auth: 'password' | 'oauth2';
  folder: string;
  paused_at: Date | null;
  last_polled_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  quarantined: number;
  created_at: Date;
}

/** What a poll needs: the account, its sealed secret and how far it got. */
export interface MailboxSyncRow {
  id: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  auth: 'password' | 'oauth2';
  secret: Buffer;
  folder: string;
  paused_at: Date | null;
  uid_validity: string | null;
  last_uid: string;
  /** Changes with every edit an admin makes: a listening connection restarts when it does. */
  updated_at: Date;
}

export interface MailboxChanges {
  name?: string;
  host?: string;
  port?: number;
  tls?: boolean;
  username?: string;
  auth?: 'password' | 'oauth2';
  secret?: Buffer;
  folder?: string;
  paused?: boolean;
  /** The account or folder changed: forget how far the old one was read. */
  resetPosition?: boolean;
}

export interface QuarantineRow {
  id: string;
  uid: string;
  size_bytes: string;
  reason: 'too_large' | 'unreadable';
  created_at: Date;
}

const LISTED = `m.id, m.name, m.host, m.port, m.tls, m.username, m.auth, m.folder, m.paused_at,
  m.last_polled_at, m.last_error, m.last_error_at, m.created_at,
  (SELECT count(*)::int FROM mail_quarantine q WHERE q.mailbox_id = m.id) AS quarantined`;

/** Every statement on `mailboxes` and `mail_quarantine`. */
@Injectable()
export class MailboxesRepository extends SqlRepository {
  list(): Promise<MailboxRow[]> {
    return this.query(`SELECT ${LISTED} FROM mailboxes m ORDER BY m.created_at, m.id`);
  }

  async find(id: string, tx?: Tx): Promise<MailboxRow | null> {
    const rows = await this.query<MailboxRow>(`SELECT ${LISTED} FROM mailboxes m WHERE m.id = $1`, [id], tx);
    return rows[0] ?? null;
  }

  /** The row locked for an edit, with what the edit compares against. */
  async lock(tx: Tx, id: string): Promise<MailboxSyncRow | null> {
    const rows = await this.query<MailboxSyncRow>(
      `SELECT id, host, port, tls, username, auth, secret, folder, paused_at, uid_validity::text,
              last_uid::text, updated_at
         FROM mailboxes WHERE id = $1 FOR UPDATE`,
      [id],
      tx,
    );
    return rows[0] ?? null;
  }

  async forSync(id: string): Promise<MailboxSyncRow | null> {
    const rows = await this.query<MailboxSyncRow>(
      `SELECT id, host, port, tls, username, auth, secret, folder, paused_at, uid_validity::text,
              last_uid::text, updated_at
         FROM mailboxes WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Whether another mailbox reads this account's folder. */
  async accountTaken(
    account: { host: string; port: number; username: string; folder: string },
    exceptId: string | null,
    tx?: Tx,
  ): Promise<boolean> {
    const rows = await this.query(
      `SELECT 1 FROM mailboxes
        WHERE host = $1 AND port = $2 AND username = $3 AND folder = $4 AND ($5::uuid IS NULL OR id <> $5)`,
      [account.host, account.port, account.username, account.folder, exceptId],
      tx,
    );
    return rows.length > 0;
  }

  /** False when the account's folder already has a mailbox (the unique index decides). */
  async insert(
    tx: Tx,
    row: {
      id: string;
      name: string;
      host: string;
      port: number;
      tls: boolean;
      username: string;
      auth: 'password' | 'oauth2';
      secret: Buffer;
      folder: string;
    },
  ): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO mailboxes (id, name, host, port, tls, username, auth, secret, folder)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (host, port, username, folder) DO NOTHING RETURNING id`,
      [row.id, row.name, row.host, row.port, row.tls, row.username, row.auth, row.secret, row.folder],
      tx,
    );
    return rows.length > 0;
  }

  async update(tx: Tx, id: string, changes: MailboxChanges): Promise<void> {
    const sets: string[] = ['updated_at = now()'];
    const values: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    };
    if (changes.name !== undefined) set('name', changes.name);
    if (changes.host !== undefined) set('host', changes.host);
    if (changes.port !== undefined) set('port', changes.port);
    if (changes.tls !== undefined) set('tls', changes.tls);
    if (changes.username !== undefined) set('username', changes.username);
    if (changes.auth !== undefined) set('auth', changes.auth);
    if (changes.secret !== undefined) set('secret', changes.secret);
    if (changes.folder !== undefined) set('folder', changes.folder);
    if (changes.paused !== undefined)
      sets.push(changes.paused ? 'paused_at = COALESCE(paused_at, now())' : 'paused_at = NULL');
    if (changes.resetPosition) sets.push('uid_validity = NULL', 'last_uid = 0');
    await this.query(`UPDATE mailboxes SET ${sets.join(', ')} WHERE id = $1`, values, tx);
  }

  async delete(tx: Tx, id: string): Promise<boolean> {
    // Through a CTE: TypeORM answers a bare DELETE … RETURNING as [rows, count].
    const rows = await this.query(
      `WITH d AS (DELETE FROM mailboxes WHERE id = $1 RETURNING id) SELECT id FROM d`,
      [id],
      tx,
    );
    return rows.length > 0;
  }

  /** The mailboxes to poll: every one not paused. */
  async activeIds(): Promise<string[]> {
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM mailboxes WHERE paused_at IS NULL ORDER BY last_polled_at NULLS FIRST, id`,
    );
    return rows.map((r) => r.id);
  }

  /** A new UIDVALIDITY: every UID is new, so reading starts again from the first. */
  async restartAt(id: string, uidValidity: string): Promise<void> {
    await this.query(`UPDATE mailboxes SET uid_validity = $2, last_uid = 0 WHERE id = $1`, [id, uidValidity]);
  }

  /** Every UID up to `uid` is imported (or quarantined) and committed. */
  async advance(id: string, uidValidity: string, uid: number): Promise<void> {
    await this.query(
      `UPDATE mailboxes SET last_uid = GREATEST(last_uid, $3) WHERE id = $1 AND uid_validity = $2`,
      [id, uidValidity, uid],
    );
  }

  /** A poll finished: with an error in an admin's words, or cleanly (clearing the last error). */
  async recordPoll(id: string, error: string | null): Promise<void> {
    await this.query(
      error === null
        ? `UPDATE mailboxes SET last_polled_at = now(), last_error = NULL, last_error_at = NULL WHERE id = $1`
        : `UPDATE mailboxes SET last_polled_at = now(), last_error = left($2, 500), last_error_at = now()
            WHERE id = $1`,
      error === null ? [id] : [id, error],
    );
  }

  async quarantine(
    mailboxId: string,
    entry: { uidValidity: string; uid: number; sizeBytes: number; reason: 'too_large' | 'unreadable' },
  ): Promise<void> {
    await this.query(
      `INSERT INTO mail_quarantine (mailbox_id, uid_validity, uid, size_bytes, reason)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (mailbox_id, uid_validity, uid) DO NOTHING`,
      [mailboxId, entry.uidValidity, entry.uid, entry.sizeBytes, entry.reason],
    );
  }

  quarantined(mailboxId: string): Promise<QuarantineRow[]> {
    return this.query(
      `SELECT id, uid::text, size_bytes::text, reason, created_at
         FROM mail_quarantine WHERE mailbox_id = $1 ORDER BY created_at DESC, id`,
      [mailboxId],
    );
  }
}
