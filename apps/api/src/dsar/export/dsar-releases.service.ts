import { Injectable } from '@nestjs/common';
import type { DsarDownloadAccess } from '@hushdesk/contracts';
import { dsarPaths } from '../shared/dsar-paths';
import type { DsarDownloadCodeDto, DsarDownloadStatusDto, DsarReleaseDto } from '../dto/dsar-responses.dto';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { BlobStore } from '../../blobs/blob-store';
import { BlobMissingError } from '../../blobs/blob-errors';
import { MissingBlobs } from '../../blobs/missing-blobs.service';
import { OwnedBlobs } from '../../blobs/owned-blobs.service';
import type { Actor } from '../../common/auth/actor';
import { DomainError, DomainErrorCode } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import type { Tx } from '../../database/tx';
import { DsarPackageRetentionRepository } from '../../retention/dsar-package-retention.repository';
import { DsarReleasesRepository, type ReleaseRow } from '../shared/dsar-releases.repository';
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

/**
 * The answer package as sent: built once, stored as a blob, and served to its requester only,
 * through an expiring link (a random token whose hash alone is stored). A request made from the
 * portal is downloaded signed in as the account that made it; any other (recorded by the DPO from
 * a letter, a call or a third party) needs a one-time code the DPO passes on apart from the link.
 */
@Injectable()
export class DsarReleases {
  constructor(
    private readonly releases: DsarReleasesRepository,
    private readonly retention: DsarPackageRetentionRepository,
    private readonly blobs: BlobStore,
    private readonly owned: OwnedBlobs,
    private readonly missing: MissingBlobs,
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
    tx: Tx,
    dsar: { id: string; requester_user_id: string | null },
    pkg: PackageFile,
  ): Promise<DsarReleaseDto & { blobKey: string }> {
    const token = randomBytes(32).toString('base64url');
    const hashOfToken = tokenHash(token);
    const access: DsarDownloadAccess = dsar.requester_user_id ? 'sign_in' : 'one_time_code';
    const code = access === 'one_time_code' ? newCode() : undefined;
    const blobKey = await this.owned.write({ file: pkg.path });
    const expiresAt = new Date(Date.now() + this.linkDays * DAY);
    try {
      const days = await this.retention.days(tx);
      await this.releases.insert(tx, {
        dsarId: dsar.id,
        tokenHash: hashOfToken,
        blobKey,
        sizeBytes: pkg.size,
        expiresAt,
        deleteAfter: new Date(Date.now() + days * DAY),
        access,
        codeHash: code ? codeHash(hashOfToken, code) : null,
      });
      await this.owned.claim(tx, blobKey);
    } catch (e) {
      await this.owned.discard(blobKey);
      throw e;
    }
    return {
      downloadPath: dsarPaths.download(token),
      pagePath: `/download/${token}`,
      expiresAt: expiresAt.toISOString(),
      access,
      ...(code ? { oneTimeCode: code } : {}),
      blobKey,
    };
  }

  /** What the download page shows before anyone proves anything: 404 for an unknown token. */
  async status(token: string): Promise<DsarDownloadStatusDto> {
    const row = await this.byToken(token);
    let state: DsarDownloadStatusDto['state'] = 'available';
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
      return { dsarId: row.dsar_id, released: await this.open(row, row.dsar_id), proof: 'session' };
    }
    await this.spendCode(row, proof.code);
    return { dsarId: row.dsar_id, released: await this.open(row, row.dsar_id), proof: 'one_time_code' };
  }

  /** The latest package of a request, for its signed-in requester. */
  async openLatest(dsarId: string): Promise<ReleasedPackage> {
    const row = await this.releases.latest(dsarId);
    if (!row) {
      throw new DomainError(DomainErrorCode.InvalidState, 'status: your data has not been sent yet');
    }
    if (!this.live(row)) throw new DomainError(DomainErrorCode.Gone, GONE);
    return this.open(row, dsarId);
  }

  /**
   * A new one-time code for the request's live link (lost, or used on a download that failed);
   * the previous code stops working. 409 when the link is not a code link or no longer live.
   */
  async renewCode(tx: Tx, dsarId: string): Promise<DsarDownloadCodeDto> {
    const row = await this.releases.lockLatest(tx, dsarId);
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
    await this.releases.renewCode(tx, row.id, codeHash(row.token_hash, code));
    return { oneTimeCode: code, expiresAt: row.expires_at.toISOString() };
  }

  private async byToken(token: string): Promise<ReleaseRow> {
    const row = await this.releases.byTokenHash(tokenHash(token));
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
    if (await this.releases.spendCode(row.id, codeHash(row.token_hash, given), MAX_CODE_FAILURES)) return;
    // Not spent: used, void, or wrong (counted); told apart after the atomic attempt.
    if (await this.releases.countFailure(row.id, MAX_CODE_FAILURES)) {
      throw new DomainError(DomainErrorCode.Forbidden, 'This code is not right; check it and try again.');
    }
    const usedAt = await this.releases.codeUsedAt(row.id);
    throw new DomainError(DomainErrorCode.Gone, usedAt ? CODE_USED : CODE_LOCKED);
  }

  /** Checks the file is there and notes the first download; the caller streams it. */
  private async open(row: { id: string; blob_key: string }, dsarId: string): Promise<ReleasedPackage> {
    const size = await this.blobs.size(row.blob_key);
    if (size === null) {
      const owner = { type: 'dsar', id: dsarId, what: 'The data package' } as const;
      return this.missing.open(owner, row.blob_key, () => Promise.reject(new BlobMissingError(row.blob_key)));
    }
    await this.releases.markDownloaded(row.id);
    return { blobKey: row.blob_key, size };
  }
}
