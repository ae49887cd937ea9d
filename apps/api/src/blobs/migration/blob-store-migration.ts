import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlobStore } from '../blob-store';
import type { BlobCopiesRepository } from './blob-copies.repository';

/** What a run reports as it goes (the command line draws its progress bar from these). */
export interface MigrationEvents {
  /** A pass starts with `pending` blobs to copy (the first pass: all those not copied before). */
  pass?(pass: number, pending: number): void;
  copied?(key: string, bytes: number): void;
  failed?(key: string, reason: BlobCopyFailure): void;
}

export type BlobCopyFailure = 'missing in the source' | 'checksum mismatch' | 'error';

export interface MigrationReport {
  /** Copied and verified in this run. */
  copied: number;
  bytes: number;
  /** Verified by an earlier run, so not copied again. */
  alreadyCopied: number;
  /** Copies in the target whose owner went away meanwhile: deleted there, as the source's were. */
  pruned: number;
  failures: { key: string; reason: BlobCopyFailure; detail?: string }[];
  passes: number;
  /** Stopped by a signal before the end: running again resumes. */
  stopped: boolean;
}

const BATCH = 200;
/** Passes after the first, for blobs written while the previous one ran; more means writes outrun it. */
const MAX_PASSES = 4;

/**
 * Copies every owned blob from one store to another, through the `BlobStore` interface only. Each
 * blob is streamed to a scratch file of the target while its SHA-256 is computed, stored, then
 * read back from the target and hashed again; only a match is recorded as done in the ledger
 * (`blob_copies`), which is what a resumed run skips. A mismatch is deleted from the target. The
 * source is only read: nothing the API uses changes until the operator switches BLOB_STORE.
 */
export class BlobStoreMigration {
  constructor(
    private readonly ledger: BlobCopiesRepository,
    private readonly source: BlobStore,
    private readonly target: BlobStore,
    /** The target's ledger name (see BlobCopyEntity.target). */
    private readonly targetName: string,
    private readonly concurrency = 4,
  ) {}

  async run(events: MigrationEvents = {}, signal?: AbortSignal): Promise<MigrationReport> {
    const report: MigrationReport = {
      copied: 0,
      bytes: 0,
      alreadyCopied: 0,
      pruned: 0,
      failures: [],
      passes: 0,
      stopped: false,
    };
    report.pruned += (await this.prune()).size;
    await this.ledger.enqueue(this.targetName);
    report.alreadyCopied = (await this.ledger.counts(this.targetName)).verified;
    const failed = new Set<string>();
    // Blobs written while a pass runs are listed by the next one: the last pass finds none.
    for (let pass = 1; pass <= MAX_PASSES; pass++) {
      report.passes = pass;
      events.pass?.(pass, (await this.ledger.counts(this.targetName)).pending - failed.size);
      await this.copyPending(report, failed, events, signal);
      if (signal?.aborted) {
        report.stopped = true;
        return report;
      }
      if ((await this.ledger.enqueue(this.targetName)) === 0) break;
    }
    const pruned = await this.prune();
    report.pruned += pruned.size;
    // A blob deleted with its owner while the run went (retention, say) was not lost: it went.
    report.failures = report.failures.filter((f) => !pruned.has(f.key));
    return report;
  }

  private async copyPending(
    report: MigrationReport,
    failed: Set<string>,
    events: MigrationEvents,
    signal?: AbortSignal,
  ): Promise<void> {
    let after = '';
    for (;;) {
      const batch = await this.ledger.pending(this.targetName, after, BATCH);
      if (!batch.length) return;
      after = batch[batch.length - 1];
      const keys = batch.filter((k) => !failed.has(k));
      let i = 0;
      const worker = async () => {
        while (i < keys.length && !signal?.aborted) {
          const key = keys[i++];
          const outcome = await this.copy(key);
          if (outcome.ok) {
            report.copied++;
            report.bytes += outcome.bytes;
            events.copied?.(key, outcome.bytes);
          } else {
            failed.add(key);
            report.failures.push({ key, reason: outcome.reason, detail: outcome.detail });
            events.failed?.(key, outcome.reason);
          }
        }
      };
      await Promise.all(Array.from({ length: this.concurrency }, worker));
      if (signal?.aborted) return;
    }
  }

  /** One blob: copy, read back, compare, record. The source is never written. */
  private async copy(
    key: string,
  ): Promise<{ ok: true; bytes: number } | { ok: false; reason: BlobCopyFailure; detail?: string }> {
    try {
      const size = await this.source.size(key);
      if (size === null) return { ok: false, reason: 'missing in the source' };
      const scratch = await this.target.scratchFile();
      let sent: Digest;
      try {
        const hashing = new DigestCounter();
        await pipeline(await this.source.read(key), hashing.tap(), createWriteStream(scratch));
        sent = hashing.result();
        if (sent.bytes !== size) {
          return { ok: false, reason: 'checksum mismatch', detail: `read ${sent.bytes} of ${size} bytes` };
        }
        await this.target.putFile(key, scratch);
      } finally {
        await rm(scratch, { force: true });
      }
      const back = await digest(await this.target.read(key));
      if (back.bytes !== sent.bytes || !back.sha256.equals(sent.sha256)) {
        // Not left under the key: a later run, or the API after the switch, must not take it as good.
        await this.target.delete(key).catch(() => undefined);
        return {
          ok: false,
          reason: 'checksum mismatch',
          detail: `the target holds ${back.bytes} bytes, sha256 ${back.sha256.toString('hex').slice(0, 12)}…, expected ${sent.bytes} bytes, ${sent.sha256.toString('hex').slice(0, 12)}…`,
        };
      }
      await this.ledger.verified(this.targetName, key, sent.bytes, sent.sha256);
      return { ok: true, bytes: sent.bytes };
    } catch (e) {
      return { ok: false, reason: 'error', detail: e instanceof Error ? e.message : String(e) };
    }
  }

  /** Deletes from the target the copies whose owner went away since they were made, as the source's were. */
  private async prune(): Promise<Set<string>> {
    const pruned = new Set<string>();
    for (;;) {
      const keys = await this.ledger.disowned(this.targetName, 1000);
      if (!keys.length) return pruned;
      for (const key of keys) await this.target.delete(key);
      await this.ledger.forget(this.targetName, keys);
      for (const key of keys) pruned.add(key);
    }
  }
}

interface Digest {
  bytes: number;
  sha256: Buffer;
}

/** SHA-256 and length of what streams through, without holding it. */
class DigestCounter {
  private readonly hash = createHash('sha256');
  private bytes = 0;

  tap(): (source: AsyncIterable<Buffer>) => AsyncGenerator<Buffer> {
    const count = (chunk: Buffer) => {
      this.hash.update(chunk);
      this.bytes += chunk.length;
    };
    return async function* (source) {
      for await (const chunk of source) {
        count(chunk);
        yield chunk;
      }
    };
  }

  result(): Digest {
    return { bytes: this.bytes, sha256: this.hash.digest() };
  }
}

async function digest(stream: Readable): Promise<Digest> {
  const counter = new DigestCounter();
  const tap = counter.tap();
  for await (const _ of tap(stream)) {
    // drained: only the digest is wanted
  }
  return counter.result();
}
