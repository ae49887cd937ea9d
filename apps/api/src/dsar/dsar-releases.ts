import { Injectable } from '@nestjs/common';
import { API_PREFIX, apiPaths, type DsarDetail, type DsarRelease } from '@hushdesk/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BlobStore } from '../blobs/blob-store';
import { OwnedBlobs } from '../blobs/owned-blobs';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import type { PackageFile } from './dsar-package';

/** How long the requester's link works. Retention deletes the package itself after 30 days. */
export const LINK_DAYS = 7;
const DAY = 86_400_000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest();

/** A released package that may be served: where its blob is, and how big. */
export interface ReleasedPackage {
  blobKey: string;
  size: number;
}

/**
 * The answer package as sent: built once, stored as a blob, and served to the requester through
 * an expiring link (a random token whose hash alone is stored) or their signed-in portal.
 */
@Injectable()
export class DsarReleases {
  constructor(
    private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
    private readonly owned: OwnedBlobs,
  ) {}

  /**
   * Stores the package (its scratch file moves into the blob store); returns the token link. The
   * caller audits and closes the request.
   */
  async store(
    manager: EntityManager,
    dsarId: string,
    pkg: PackageFile,
  ): Promise<DsarRelease & { blobKey: string }> {
    const token = randomBytes(32).toString('base64url');
    const blobKey = await this.owned.write({ file: pkg.path });
    const expiresAt = new Date(Date.now() + LINK_DAYS * DAY);
    try {
      const [{ days }] = (await manager.query(
        "SELECT COALESCE((SELECT days FROM retention_policies WHERE category = 'dsar_packages'), 30) AS days",
      )) as { days: number }[];
      await manager.query(
        `INSERT INTO dsar_releases (dsar_id, token_hash, blob_key, size_bytes, expires_at, delete_after)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [dsarId, tokenHash(token), blobKey, pkg.size, expiresAt, new Date(Date.now() + days * DAY)],
      );
      await this.owned.claim(manager, blobKey);
    } catch (e) {
      await this.owned.discard(blobKey);
      throw e;
    }
    return {
      downloadPath: `${API_PREFIX}${apiPaths.dsarDownload(token)}`,
      expiresAt: expiresAt.toISOString(),
      blobKey,
    };
  }

  async current(dsarId: string): Promise<DsarDetail['release']> {
    const [row] = await this.dataSource.query(
      `SELECT expires_at, downloaded_at FROM dsar_releases WHERE dsar_id = $1 AND blob_key IS NOT NULL
        ORDER BY created_at DESC LIMIT 1`,
      [dsarId],
    );
    if (!row) return null;
    return {
      expiresAt: row.expires_at.toISOString(),
      downloadPath: `${API_PREFIX}${apiPaths.dsarExport(dsarId, 'zip')}`,
      downloadedAt: row.downloaded_at?.toISOString() ?? null,
    };
  }

  /** The package behind a link: 404 for an unknown token, 410 once expired or deleted. */
  async openByToken(token: string): Promise<{ dsarId: string; released: ReleasedPackage }> {
    const [row] = await this.dataSource.query(
      'SELECT id, dsar_id, blob_key, expires_at FROM dsar_releases WHERE token_hash = $1',
      [tokenHash(token)],
    );
    if (!row) throw DomainError.notFound('Download');
    return { dsarId: row.dsar_id, released: await this.open(row) };
  }

  /** The latest package of a request, for its signed-in requester. */
  async openLatest(dsarId: string): Promise<ReleasedPackage> {
    const [row] = await this.dataSource.query(
      'SELECT id, blob_key, expires_at FROM dsar_releases WHERE dsar_id = $1 ORDER BY created_at DESC LIMIT 1',
      [dsarId],
    );
    if (!row) {
      throw new DomainError(DomainErrorCode.InvalidState, 'status: your data has not been sent yet');
    }
    return this.open(row);
  }

  /** Checks the link is live and the file there, and notes the first download; the caller streams it. */
  private async open(row: {
    id: string;
    blob_key: string | null;
    expires_at: Date;
  }): Promise<ReleasedPackage> {
    if (!row.blob_key || row.expires_at.getTime() < Date.now()) {
      throw new DomainError(DomainErrorCode.Gone, 'This download has expired; ask the DPO for a new one');
    }
    const size = await this.blobs.size(row.blob_key);
    if (size === null) throw new Error('a released DSAR package is missing from the blob store');
    await this.dataSource.query(
      'UPDATE dsar_releases SET downloaded_at = COALESCE(downloaded_at, now()) WHERE id = $1',
      [row.id],
    );
    return { blobKey: row.blob_key, size };
  }
}
