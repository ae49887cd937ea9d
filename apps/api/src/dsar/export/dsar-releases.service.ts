import { Injectable } from '@nestjs/common';
import {
  API_PREFIX,
  apiPaths,
  type DsarDetail,
  type DsarDownloadAccess,
  type DsarDownloadCode,
  type DsarDownloadStatus,
  type DsarRelease,
} from '@hushdesk/contracts';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { BlobStore } from '../../blobs/blob-store';
import { OwnedBlobs } from '../../blobs/owned-blobs';
import type { Actor } from '../../common/auth/actor';
import { DomainError, DomainErrorCode } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import type { PackageFile } from './dsar-package.service';

const DAY = 86_400_000;
/** Wrong codes after which the current code is void (the DPO gives a new one). */
export const MAX_CODE_FAILURES = 5;
/** No 0/O, 1/I: the code is read out on the phone or typed from a letter. */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const sha256 = (...parts: (Buffer | string)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};
const tokenHash = (token: string) => sha256(token);
/** The code as typed, in any case, with or without its dash or spaces. */
const normaliseCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');
const codeHash = (hashOfToken: Buffer, code: string) => sha256(hashOfToken, '\u0000', normaliseCode(code));

function newCode(): string {
  const chars = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

const GONE = 'This download has expired; ask the Data Protection Officer for a new one.';
const CODE_USED = 'This one-time code has been used; ask the Data Protection Officer for a new one.';
const CODE_LOCKED = 'Too many wrong codes were entered; ask the Data Protection Officer for a new one.';

/** A released package that may be served: where its blob is, and how big. */
export interface ReleasedPackage {
  blobKey: string;
  size: number;
}

/** Who opens a link: the signed-in caller (if any) and the code they typed (if any). */
export interface DownloadProof {
  actor: Actor | null;
  code: string | undefined;
}

interface ReleaseRow {
  id: string;
  dsar_id: string;
  token_hash: Buffer;
  blob_key: string | null;
  expires_at: Date;
  access: DsarDownloadAccess;
  code_hash: Buffer | null;
  code_used_at: Date | null;
  code_failures: number;
  requester_user_id: string | null;
}

const RELEASE_COLUMNS = `r.id, r.dsar_id, r.token_hash, r.blob_key, r.expires_at, r.access, r.code_hash,
  r.code_used_at, r.code_failures, d.requester_user_id`;

/**
 * The answer package as sent: built once, stored as a blob, and served to its requester only,
 * through an expiring link (a random token whose hash alone is stored). A request made from the
 * portal is downloaded signed in as the account that made it; any other (recorded by the DPO from
 * a letter, a call or a third party) needs a one-time code the DPO passes on apart from the link.
 */
@Injectable()
export class DsarReleases {
  constructor(
    private readonly dataSource: DataSource,
    private readonly blobs: BlobStore,
    private readonly owned: OwnedBlobs,
    private readonly config: AppConfig,
  ) {}

  get linkDays(): number {
    return this.config.dsarLinkDays;
  }

  /**
   * Stores the package (its scratch file moves into the blob store); returns the link, and the
   * one-time code when the requester has no account that asked. The caller audits and closes the
   * request.
   */
  async store(
    manager: EntityManager,
    dsar: { id: string; requester_user_id: string | null },
    pkg: PackageFile,
  ): Promise<DsarRelease & { blobKey: string }> {
    const token = randomBytes(32).toString('base64url');
    const hashOfToken = tokenHash(token);
    const access: DsarDownloadAccess = dsar.requester_user_id ? 'sign_in' : 'one_time_code';
    const code = access === 'one_time_code' ? newCode() : undefined;
    const blobKey = await this.owned.write({ file: pkg.path });
    const expiresAt = new Date(Date.now() + this.linkDays * DAY);
    try {
      const [{ days }] = (await manager.query(
        "SELECT COALESCE((SELECT days FROM retention_policies WHERE category = 'dsar_packages'), 30) AS days",
      )) as { days: number }[];
      await manager.query(
        `INSERT INTO dsar_releases (dsar_id, token_hash, blob_key, size_bytes, expires_at, delete_after, access, code_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          dsar.id,
          hashOfToken,
          blobKey,
          pkg.size,
          expiresAt,
          new Date(Date.now() + days * DAY),
          access,
          code ? codeHash(hashOfToken, code) : null,
        ],
      );
      await this.owned.claim(manager, blobKey);
    } catch (e) {
      await this.owned.discard(blobKey);
      throw e;
    }
    return {
      downloadPath: `${API_PREFIX}${apiPaths.dsarDownload(token)}`,
      pagePath: `/download/${token}`,
      expiresAt: expiresAt.toISOString(),
      access,
      ...(code ? { oneTimeCode: code } : {}),
      blobKey,
    };
  }

  async current(dsarId: string): Promise<DsarDetail['release']> {
    const [row] = await this.dataSource.query(
      `SELECT expires_at, downloaded_at, access FROM dsar_releases WHERE dsar_id = $1 AND blob_key IS NOT NULL
        ORDER BY created_at DESC LIMIT 1`,
      [dsarId],
    );
    if (!row) return null;
    return {
      expiresAt: row.expires_at.toISOString(),
      downloadPath: `${API_PREFIX}${apiPaths.dsarExport(dsarId, 'zip')}`,
      downloadedAt: row.downloaded_at?.toISOString() ?? null,
      access: row.access,
    };
  }

  /** What the download page shows before anyone proves anything: 404 for an unknown token. */
  async status(token: string): Promise<DsarDownloadStatus> {
    const row = await this.byToken(token);
    let state: DsarDownloadStatus['state'] = 'available';
    if (!this.live(row)) state = 'expired';
    else if (row.access === 'one_time_code' && row.code_used_at) state = 'code_used';
    else if (row.access === 'one_time_code' && row.code_failures >= MAX_CODE_FAILURES) state = 'code_locked';
    return { access: row.access, expiresAt: row.expires_at.toISOString(), state };
  }

  /**
   * The package behind a link, for its requester only: 404 for an unknown token, 410 once expired,
   * deleted or its code spent; 401 without the proof the link needs, 403 with the wrong one. A
   * right code is spent here, atomically, so two downloads cannot share it.
   */
  async openByToken(
    token: string,
    proof: DownloadProof,
  ): Promise<{ dsarId: string; released: ReleasedPackage; proof: 'session' | 'one_time_code' }> {
    const row = await this.byToken(token);
    if (!this.live(row)) throw new DomainError(DomainErrorCode.Gone, GONE);
    if (row.access === 'sign_in') {
      if (!proof.actor) {
        throw new DomainError(
          DomainErrorCode.Unauthenticated,
          'Sign in as the person who made this request to download it.',
        );
      }
      if (proof.actor.userId !== row.requester_user_id) {
        throw new DomainError(
          DomainErrorCode.Forbidden,
          'This download is only for the person who made the request.',
        );
      }
      return { dsarId: row.dsar_id, released: await this.open(row), proof: 'session' };
    }
    await this.spendCode(row, proof.code);
    return { dsarId: row.dsar_id, released: await this.open(row), proof: 'one_time_code' };
  }

  /** The latest package of a request, for its signed-in requester. */
  async openLatest(dsarId: string): Promise<ReleasedPackage> {
    const [row]: { id: string; blob_key: string | null; expires_at: Date }[] = await this.dataSource.query(
      'SELECT id, blob_key, expires_at FROM dsar_releases WHERE dsar_id = $1 ORDER BY created_at DESC LIMIT 1',
      [dsarId],
    );
    if (!row) {
      throw new DomainError(DomainErrorCode.InvalidState, 'status: your data has not been sent yet');
    }
    if (!this.live(row)) throw new DomainError(DomainErrorCode.Gone, GONE);
    return this.open(row);
  }

  /**
   * A new one-time code for the request's live link (lost, or used on a download that failed);
   * the previous code stops working. 409 when the link is not a code link or no longer live.
   */
  async renewCode(manager: EntityManager, dsarId: string): Promise<DsarDownloadCode> {
    const [row]: ReleaseRow[] = await manager.query(
      `SELECT ${RELEASE_COLUMNS} FROM dsar_releases r JOIN dsar_requests d ON d.id = r.dsar_id
        WHERE r.dsar_id = $1 ORDER BY r.created_at DESC LIMIT 1 FOR UPDATE OF r`,
      [dsarId],
    );
    if (!row || !this.live(row)) {
      throw new DomainError(
        DomainErrorCode.InvalidState,
        'release: there is no live download link to give a code for',
      );
    }
    if (row.access !== 'one_time_code') {
      throw new DomainError(
        DomainErrorCode.InvalidState,
        'release: the requester downloads this signed in; a code is not needed',
      );
    }
    const code = newCode();
    await manager.query(
      'UPDATE dsar_releases SET code_hash = $2, code_used_at = NULL, code_failures = 0 WHERE id = $1',
      [row.id, codeHash(row.token_hash, code)],
    );
    return { oneTimeCode: code, expiresAt: row.expires_at.toISOString() };
  }

  private async byToken(token: string): Promise<ReleaseRow> {
    const [row]: ReleaseRow[] = await this.dataSource.query(
      `SELECT ${RELEASE_COLUMNS} FROM dsar_releases r JOIN dsar_requests d ON d.id = r.dsar_id
        WHERE r.token_hash = $1`,
      [tokenHash(token)],
    );
    if (!row) throw DomainError.notFound('Download');
    return row;
  }

  private live<T extends { blob_key: string | null; expires_at: Date }>(
    row: T,
  ): row is T & { blob_key: string } {
    return row.blob_key !== null && row.expires_at.getTime() > Date.now();
  }

  private async spendCode(row: ReleaseRow, given: string | undefined): Promise<void> {
    if (!given || !normaliseCode(given)) {
      throw new DomainError(
        DomainErrorCode.Unauthenticated,
        'Enter the one-time code the Data Protection Officer gave you to download this.',
      );
    }
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [spent]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE dsar_releases SET code_used_at = now()
        WHERE id = $1 AND code_hash = $2 AND code_used_at IS NULL AND code_failures < $3 RETURNING id`,
      [row.id, codeHash(row.token_hash, given), MAX_CODE_FAILURES],
    );
    if (spent.length) return;
    // Not spent: used, void, or wrong (counted); told apart after the atomic attempt.
    const [counted]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE dsar_releases SET code_failures = code_failures + 1
        WHERE id = $1 AND code_used_at IS NULL AND code_failures < $2 RETURNING id`,
      [row.id, MAX_CODE_FAILURES],
    );
    if (counted.length) {
      throw new DomainError(DomainErrorCode.Forbidden, 'This code is not right; check it and try again.');
    }
    const [after] = await this.dataSource.query('SELECT code_used_at FROM dsar_releases WHERE id = $1', [
      row.id,
    ]);
    throw new DomainError(DomainErrorCode.Gone, after?.code_used_at ? CODE_USED : CODE_LOCKED);
  }

  /** Checks the file is there and notes the first download; the caller streams it. */
  private async open(row: { id: string; blob_key: string }): Promise<ReleasedPackage> {
    const size = await this.blobs.size(row.blob_key);
    if (size === null) throw new Error('a released DSAR package is missing from the blob store');
    await this.dataSource.query(
      'UPDATE dsar_releases SET downloaded_at = COALESCE(downloaded_at, now()) WHERE id = $1',
      [row.id],
    );
    return { blobKey: row.blob_key, size };
  }
}
