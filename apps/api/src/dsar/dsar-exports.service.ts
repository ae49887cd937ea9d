import { Injectable } from '@nestjs/common';
import { formatDsarReference, type DsarRelease } from '@hushdesk/contracts';
import { unzipSync } from 'fflate';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { BlobStore } from '../blobs/blob-store';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { DsarPackager } from './dsar-package';
import { DsarReleases, LINK_DAYS } from './dsar-releases';
import { assertAllowed } from './dsar-rows';
import { DsarService, longDate } from './dsar.service';

export interface ExportFile {
  contentType: string;
  fileName: string;
  body: Buffer | string;
}

const TYPES = { json: 'application/json', zip: 'application/zip', csv: 'text/csv; charset=utf-8' } as const;

/**
 * Getting the answer out: the DPO exports the package at any time after collection (built fresh,
 * with the review's decisions); the release stores it and gives the requester a 7-day link; the
 * requester downloads exactly what was released. Every export and download is audited.
 */
@Injectable()
export class DsarExports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: DsarService,
    private readonly packager: DsarPackager,
    private readonly releases: DsarReleases,
    private readonly audit: AuditService,
    private readonly blobs: BlobStore,
  ) {}

  async export(actor: Actor, id: string, format: 'json' | 'zip' | 'csv'): Promise<ExportFile> {
    const row = await this.requests.load(actor, id);
    const name = `${formatDsarReference(row.reference)}.${format}`;
    if (actor.role === 'customer') {
      const bytes = await this.releases.openLatest(row.id);
      await this.audit.recordNow({
        actor,
        action: 'dsar.download',
        subjectPersonId: row.subject_person_id,
        target: { type: 'dsar', id },
        details: { format, via: 'portal' },
      });
      if (format === 'zip') return { contentType: TYPES.zip, fileName: name, body: bytes };
      const entry = unzipSync(new Uint8Array(bytes))[format === 'json' ? 'data.json' : 'provided.csv'];
      if (!entry) throw DomainError.invalidField('format', 'csv is available for portability requests only');
      return { contentType: TYPES[format], fileName: name, body: Buffer.from(entry) };
    }
    if (!row.collected_at) {
      throw new DomainError(
        DomainErrorCode.InvalidState,
        `status: the request is ${row.status}; collect the data first`,
      );
    }
    const body =
      format === 'zip'
        ? await this.packager.zip(row)
        : format === 'csv'
          ? await this.packager.csv(row)
          : JSON.stringify((await this.packager.build(row)).data, null, 2);
    await this.audit.recordNow({
      actor,
      action: 'dsar.export',
      subjectPersonId: row.subject_person_id,
      target: { type: 'dsar', id },
      details: { format },
    });
    return { contentType: TYPES[format], fileName: name, body };
  }

  /** Stores the package, gives the requester a link that works for 7 days, and closes the request. */
  async release(actor: Actor, id: string): Promise<DsarRelease> {
    const row = await this.requests.load(actor, id);
    assertAllowed(row, 'release');
    const zip = await this.packager.zip(row);
    let blobKey: string | null = null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const locked = await this.requests.load(actor, id, manager, true);
        assertAllowed(locked, 'release');
        const release = await this.releases.store(manager, id, zip);
        blobKey = release.blobKey;
        await this.audit.record(manager, {
          actor,
          action: 'dsar.release',
          subjectPersonId: row.subject_person_id,
          target: { type: 'dsar', id },
          details: { sizeBytes: zip.length, linkDays: LINK_DAYS },
        });
        await manager.query(
          `UPDATE dsar_requests SET status = 'completed', closed_at = now(), outcome = $2 WHERE id = $1`,
          [id, `Your data is ready to download until ${longDate(new Date(release.expiresAt))}.`],
        );
        return { downloadPath: release.downloadPath, expiresAt: release.expiresAt };
      });
    } catch (e) {
      if (blobKey) await this.blobs.delete(blobKey).catch(() => undefined);
      throw e;
    }
  }

  /** The link the requester was given: no sign-in, the token is the key. */
  async download(token: string): Promise<ExportFile> {
    const { dsarId, bytes } = await this.releases.openByToken(token);
    const [row] = await this.dataSource.query(
      'SELECT reference, subject_person_id FROM dsar_requests WHERE id = $1',
      [dsarId],
    );
    await this.audit.recordNow({
      actor: null,
      action: 'dsar.download',
      subjectPersonId: row.subject_person_id,
      target: { type: 'dsar', id: dsarId },
      details: { via: 'link' },
    });
    return { contentType: TYPES.zip, fileName: `${formatDsarReference(row.reference)}.zip`, body: bytes };
  }
}
