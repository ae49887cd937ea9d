import { DomainError, DomainErrorCode } from '../common/errors/domain-error';

/**
 * The bytes behind a key are not in the store: deleted behind our back or lost. Callers that know
 * what owns the key report it (MissingBlobs) before answering 404.
 */
export class BlobMissingError extends DomainError {
  constructor(readonly key: string) {
    super(DomainErrorCode.NotFound, "The file's content is missing from storage");
    this.name = 'BlobMissingError';
  }
}

/**
 * The store does not answer (unreachable, timing out, refusing our credentials). Nothing was
 * written or deleted; the caller may try again, and deletions stay queued in the outbox.
 */
export class BlobStoreUnavailableError extends DomainError {
  constructor(override readonly cause?: unknown) {
    super(DomainErrorCode.Unavailable, 'File storage is unavailable; try again shortly', {
      retryAfterSeconds: 5,
    });
    this.name = 'BlobStoreUnavailableError';
  }
}
