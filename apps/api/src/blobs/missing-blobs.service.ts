import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { BlobMissingError } from './blob-errors';

/** The record a blob belongs to, as the audit trail names targets. */
export interface BlobOwner {
  type: 'attachment' | 'reply_draft_file' | 'recording' | 'dsar';
  id: string;
  /** What the caller is told is missing, e.g. "The attachment's file". */
  what: string;
}

/**
 * A row whose object is gone from the store (deleted behind our back, a restore that missed it)
 * cannot heal itself: the caller gets a 404 that says so, and the operator an entry in the audit
 * trail (action `blob.missing`, actor none) and an error line in the log, both naming the record
 * and the key, never personal data. One trail entry per key per process, however often it is asked for.
 */
@Injectable()
export class MissingBlobs {
  private readonly logger = new Logger('BlobStore');
  private readonly reported = new Set<string>();

  constructor(
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  /** Runs `open`; a missing object becomes the owner's 404, reported. */
  async open<T>(owner: BlobOwner, key: string, open: () => Promise<T>, actor?: Actor | null): Promise<T> {
    try {
      return await open();
    } catch (e) {
      if (!(e instanceof BlobMissingError)) throw e;
      await this.report(owner, key, actor ?? null);
      throw new DomainError(
        DomainErrorCode.NotFound,
        `${owner.what} is missing from storage; an administrator has been told`,
      );
    }
  }

  async report(owner: BlobOwner, key: string, actor: Actor | null): Promise<void> {
    const store = this.config.blobStore;
    this.logger.error({
      msg: 'blob missing from the store',
      store,
      owner: owner.type,
      ownerId: owner.id,
      key,
    });
    if (this.reported.has(key)) return;
    this.reported.add(key);
    await this.audit
      .recordNow({
        actor,
        action: 'blob.missing',
        target: { type: owner.type, id: owner.id },
        details: { store, blobKey: key },
      })
      .catch(() => this.reported.delete(key));
  }
}
