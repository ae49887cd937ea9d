import { Injectable } from '@nestjs/common';
import type { DsarDownloadAccess } from '@hushdesk/contracts';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';

/** A release with its request's requester: what a download link is checked against. */
export interface ReleaseRow {
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

export interface NewRelease {
  dsarId: string;
  tokenHash: Buffer;
  blobKey: string;
  sizeBytes: number;
  expiresAt: Date;
  deleteAfter: Date;
  access: DsarDownloadAccess;
  codeHash: Buffer | null;
}

/** Every statement on `dsar_releases`. */
@Injectable()
export class DsarReleasesRepository extends SqlRepository {
  async insert(tx: Tx, r: NewRelease): Promise<void> {
    await this.query(
      `INSERT INTO dsar_releases (dsar_id, token_hash, blob_key, size_bytes, expires_at, delete_after, access, code_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [r.dsarId, r.tokenHash, r.blobKey, r.sizeBytes, r.expiresAt, r.deleteAfter, r.access, r.codeHash],
      tx,
    );
  }

  /** The request's package still held, if any. */
  async current(
    dsarId: string,
  ): Promise<{ expires_at: Date; downloaded_at: Date | null; access: DsarDownloadAccess } | null> {
    const [row] = await this.query<{
      expires_at: Date;
      downloaded_at: Date | null;
      access: DsarDownloadAccess;
    }>(
      `SELECT expires_at, downloaded_at, access FROM dsar_releases WHERE dsar_id = $1 AND blob_key IS NOT NULL
        ORDER BY created_at DESC LIMIT 1`,
      [dsarId],
    );
    return row ?? null;
  }

  async latest(dsarId: string): Promise<{ id: string; blob_key: string | null; expires_at: Date } | null> {
    const [row] = await this.query<{ id: string; blob_key: string | null; expires_at: Date }>(
      'SELECT id, blob_key, expires_at FROM dsar_releases WHERE dsar_id = $1 ORDER BY created_at DESC LIMIT 1',
      [dsarId],
    );
    return row ?? null;
  }

  async lockLatest(tx: Tx, dsarId: string): Promise<ReleaseRow | null> {
    const [row] = await this.query<ReleaseRow>(
      `SELECT ${RELEASE_COLUMNS} FROM dsar_releases r JOIN dsar_requests d ON d.id = r.dsar_id
        WHERE r.dsar_id = $1 ORDER BY r.created_at DESC LIMIT 1 FOR UPDATE OF r`,
      [dsarId],
      tx,
    );
    return row ?? null;
  }

  async renewCode(tx: Tx, id: string, codeHash: Buffer): Promise<void> {
    await this.query(
      'UPDATE dsar_releases SET code_hash = $2, code_used_at = NULL, code_failures = 0 WHERE id = $1',
      [id, codeHash],
      tx,
    );
  }

  async byTokenHash(tokenHash: Buffer): Promise<ReleaseRow | null> {
    const [row] = await this.query<ReleaseRow>(
      `SELECT ${RELEASE_COLUMNS} FROM dsar_releases r JOIN dsar_requests d ON d.id = r.dsar_id
        WHERE r.token_hash = $1`,
      [tokenHash],
    );
    return row ?? null;
  }

  /** Spends the code when it is the right one and still usable; true when this call spent it. */
  async spendCode(id: string, codeHash: Buffer, maxFailures: number): Promise<boolean> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [spent] = (await this.query(
      `UPDATE dsar_releases SET code_used_at = now()
        WHERE id = $1 AND code_hash = $2 AND code_used_at IS NULL AND code_failures < $3 RETURNING id`,
      [id, codeHash, maxFailures],
    )) as unknown as [{ id: string }[], number];
    return spent.length > 0;
  }

  /** Counts a wrong code against a code still usable; true when it was counted. */
  async countFailure(id: string, maxFailures: number): Promise<boolean> {
    const [counted] = (await this.query(
      `UPDATE dsar_releases SET code_failures = code_failures + 1
        WHERE id = $1 AND code_used_at IS NULL AND code_failures < $2 RETURNING id`,
      [id, maxFailures],
    )) as unknown as [{ id: string }[], number];
    return counted.length > 0;
  }

  async codeUsedAt(id: string): Promise<Date | null> {
    const [after] = await this.query<{ code_used_at: Date | null }>(
      'SELECT code_used_at FROM dsar_releases WHERE id = $1',
      [id],
    );
    return after?.code_used_at ?? null;
  }

  async markDownloaded(id: string): Promise<void> {
    await this.query(
      'UPDATE dsar_releases SET downloaded_at = COALESCE(downloaded_at, now()) WHERE id = $1',
      [id],
    );
  }

  /** An erasure: the packages of these requests are no longer held. */
  async forgetPackages(tx: Tx, dsarIds: string[]): Promise<void> {
    await this.query('UPDATE dsar_releases SET blob_key = NULL WHERE dsar_id = ANY($1)', [dsarIds], tx);
  }
}
