import { Injectable, Logger } from '@nestjs/common';
import type { ImapFlow } from 'imapflow';
import { AppConfig } from '../../config/app-config';
import { MailImporter } from '../intake/mail-importer.service';
import { MailboxesRepository, type MailboxSyncRow } from './mailboxes.repository';

/** UIDs whose sizes are asked for at once. */
const WINDOW = 500;
/** Messages, and bytes, downloaded per FETCH; a message larger than the byte budget comes alone. */
const BATCH_MESSAGES = 50;
const BATCH_BYTES = 16 * 1024 * 1024;
/** A message whose import failed this many polls in a row is quarantined as unreadable. */
const IMPORT_ATTEMPTS = 3;

export interface SyncOutcome {
  imported: number;
  quarantined: number;
  /** Set when the mailbox was deleted, paused or edited meanwhile: the caller lets go of it. */
  stale?: boolean;
}

/** One UID's part in a batch. */
interface Item {
  uid: number;
  size: number;
  oversize: boolean;
}

/**
 * Reads what is new in a mailbox's folder over an open connection and imports it. Mail is taken
 * from the server only once it is committed here: each batch is imported message by message
 * (each import is its own transaction), then the position (`last_uid`) advances past what was
 * committed and only then are those messages marked \Seen. A connection that drops anywhere
 * leaves the position at the last committed message; the next poll starts there, and the
 * importer's receipts (one per Message-ID) turn anything read twice into a duplicate, not a
 * second ticket. A new UIDVALIDITY starts again from the first UID, for the same reason safely.
 */
@Injectable()
export class MailboxSyncService {
  private readonly logger = new Logger(MailboxSyncService.name);
  /** Failed imports per message (mailbox, UIDVALIDITY, UID), across polls of this process. */
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly config: AppConfig,
    private readonly mailboxes: MailboxesRepository,
    private readonly importer: MailImporter,
  ) {}

  /**
   * Imports everything after `last_uid` in the open folder (opened read-write by the caller).
   * Throws on a connection or import failure, after committing what it could.
   */
  async sync(client: ImapFlow, mailbox: MailboxSyncRow): Promise<SyncOutcome> {
    const box = client.mailbox;
    if (!box) throw new Error('no folder open');
    const uidValidity = String(box.uidValidity);
    let lastUid = Number(mailbox.last_uid);
    if (mailbox.uid_validity !== uidValidity) {
      if (mailbox.uid_validity !== null)
        this.logger.warn(
          `mailbox ${mailbox.id}: UIDVALIDITY changed; reading the folder again from the start`,
        );
      await this.mailboxes.restartAt(mailbox.id, uidValidity);
      lastUid = 0;
    }
    const outcome: SyncOutcome = { imported: 0, quarantined: 0 };
    if (!box.exists) return outcome;

    const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
    const uids = (found || []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
    for (let i = 0; i < uids.length; i += WINDOW) {
      const window = uids.slice(i, i + WINDOW);
      const sizes = new Map<number, number>();
      for await (const m of client.fetch(window.join(','), { uid: true, size: true }, { uid: true }))
        sizes.set(m.uid, m.size ?? 0);
      const items = window
        .filter((uid) => sizes.has(uid)) // gone since the search: nothing to take
        .map((uid) => {
          const size = sizes.get(uid) ?? 0;
          return { uid, size, oversize: size > this.config.mail.maxBytes };
        });
      for (const batch of batches(items)) {
        await this.importBatch(client, mailbox.id, uidValidity, batch, outcome);
        if (!(await this.stillCurrent(mailbox))) return { ...outcome, stale: true };
      }
      // Every message of the window is taken (a failure throws): past any that vanished too.
      await this.mailboxes.advance(mailbox.id, uidValidity, window[window.length - 1]);
    }
    return outcome;
  }

  /** Whether the mailbox is still there, active and as it was when this poll started. */
  private async stillCurrent(mailbox: MailboxSyncRow): Promise<boolean> {
    const now = await this.mailboxes.forSync(mailbox.id);
    return !!now && !now.paused_at && now.updated_at.getTime() === mailbox.updated_at.getTime();
  }

  /**
   * Downloads the batch's messages (not the oversize ones), imports them in UID order, advances
   * the position past them and marks them \Seen.
   */
  private async importBatch(
    client: ImapFlow,
    mailboxId: string,
    uidValidity: string,
    batch: Item[],
    outcome: SyncOutcome,
  ): Promise<void> {
    const wanted = batch.filter((item) => !item.oversize).map((item) => item.uid);
    const sources = new Map<number, Buffer>();
    if (wanted.length) {
      for await (const m of client.fetch(wanted.join(','), { uid: true, source: true }, { uid: true }))
        if (m.source) sources.set(m.uid, m.source);
    }
    const taken: number[] = [];
    let advanced: number | null = null;
    let failure: unknown = null;
    for (const item of batch) {
      if (item.oversize) {
        await this.mailboxes.quarantine(mailboxId, {
          uidValidity,
          uid: item.uid,
          sizeBytes: item.size,
          reason: 'too_large',
        });
        outcome.quarantined++;
        advanced = item.uid;
        continue;
      }
      const source = sources.get(item.uid);
      if (source) {
        try {
          await this.importer.import(source, { kind: 'imap', mailboxId });
          this.failures.delete(`${mailboxId}:${uidValidity}:${item.uid}`);
          outcome.imported++;
          taken.push(item.uid);
        } catch (e) {
          if (!(await this.giveUpOn(mailboxId, uidValidity, item))) {
            failure = e;
            break;
          }
          outcome.quarantined++;
        }
      }
      advanced = item.uid; // a message gone from the server meanwhile is passed over
    }
    if (advanced !== null) await this.mailboxes.advance(mailboxId, uidValidity, advanced);
    if (taken.length) await client.messageFlagsAdd(taken.join(','), ['\\Seen'], { uid: true });
    if (failure) throw new ImportFailure(failure);
  }

  /**
   * After a message failed to import on several polls, it is quarantined, so one bad message does
   * not hold up the mail after it. Only if the quarantine itself is written: when the database is
   * what fails, nothing is skipped.
   */
  private async giveUpOn(mailboxId: string, uidValidity: string, item: Item): Promise<boolean> {
    const key = `${mailboxId}:${uidValidity}:${item.uid}`;
    const attempts = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, attempts);
    if (attempts < IMPORT_ATTEMPTS) return false;
    try {
      await this.mailboxes.quarantine(mailboxId, {
        uidValidity,
        uid: item.uid,
        sizeBytes: item.size,
        reason: 'unreadable',
      });
    } catch {
      return false;
    }
    this.failures.delete(key);
    this.logger.warn(`mailbox ${mailboxId}: UID ${item.uid} failed to import ${attempts} times; quarantined`);
    return true;
  }
}

/** An import failed (not the connection): the poll stops there and the next one retries. */
export class ImportFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('a message could not be imported');
    this.name = 'ImportFailure';
  }
}

/** Consecutive runs of at most BATCH_MESSAGES and BATCH_BYTES to download (oversize ones cost nothing). */
function* batches(items: Item[]): Generator<Item[]> {
  let batch: Item[] = [];
  let bytes = 0;
  for (const item of items) {
    const cost = item.oversize ? 0 : item.size;
    if (batch.length && (batch.length >= BATCH_MESSAGES || bytes + cost > BATCH_BYTES)) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(item);
    bytes += cost;
  }
  if (batch.length) yield batch;
}
