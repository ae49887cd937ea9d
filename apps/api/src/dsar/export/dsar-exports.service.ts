import { Injectable } from '@nestjs/common';
import { formatDsarReference } from '@hushdesk/contracts';
import type { DsarDownloadCodeDto, DsarReleaseDto } from '../dto/dsar-responses.dto';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { AuditService } from '../../audit/audit.service';
import { BlobStore } from '../../blobs/blob-store';
import { readAndRemove } from '../../blobs/scratch-file';
import type { Actor } from '../../common/auth/actor';
import { DomainError, DomainErrorCode } from '../../common/errors/domain-error';
import { Transactions } from '../../database/transactions';
import { DsarRequestsRepository } from '../shared/dsar-requests.repository';
import { longDate } from '../shared/long-date';
import { DsarPackager } from './dsar-package.service';
import { DsarReleases, type DownloadProof } from './dsar-releases.service';
import { assertAllowed } from '../shared/dsar-rows';
import { DsarService } from '../intake/dsar.service';
import { readPackageEntry } from './package-entry';

export interface ExportFile {
  contentType: string;
  fileName: string;
  /** A ZIP is streamed from disk, never held in memory. */
  body: Buffer | string | Readable;
  /** Known for a ZIP, and sent as content-length. */
  size?: number;
}

const TYPES = { json: 'application/json', zip: 'application/zip', csv: 'text/csv; charset=utf-8' } as const;

/**
 * Getting the answer out: the DPO exports the package at any time after collection (built fresh,
 * with the review's decisions); the release stores it and gives the requester an expiring link;
 * the requester (and only they) downloads exactly what was released. Every export and download is
 * audited.
 */
@Injectable()
export class DsarExports {
  constructor(
    private readonly transactions: Transactions,
    private readonly dsarRequests: DsarRequestsRepository,
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
      const released = await this.releases.openLatest(row.id);
      await this.audit.recordNow({
        actor,
        action: 'dsar.download',
        subjectPersonId: row.subject_person_id,
        target: { type: 'dsar', id },
        details: { format, via: 'portal' },
      });
      if (format === 'zip') {
        const body = await this.blobs.read(released.blobKey);
        return { contentType: TYPES.zip, fileName: name, body, size: released.size };
      }
      const entry = await readPackageEntry(
        this.blobs,
        released,
        format === 'json' ? 'data.json' : 'provided.csv',
      );
      if (!entry) throw DomainError.invalidField('format', 'csv is available for portability requests only');
      return { contentType: TYPES[format], fileName: name, body: entry };
    }
    if (!row.collected_at) {
      throw new DomainError(
        DomainErrorCode.InvalidState,
        `status: the request is ${row.status}; collect the data first`,
      );
    }
    const audited = () =>
      this.audit.recordNow({
        actor,
        action: 'dsar.export',
        subjectPersonId: row.subject_person_id,
        target: { type: 'dsar', id },
        details: { format },
      });
    if (format === 'zip') {
      const pkg = await this.packager.zipFile(row);
      try {
        await audited();
        // The stream keeps the file readable after its name is gone, so nothing waits on the client.
        return {
          contentType: TYPES.zip,
          fileName: name,
          body: await readAndRemove(pkg.path),
          size: pkg.size,
        };
      } catch (e) {
        await rm(pkg.path, { force: true });
        throw e;
      }
    }
    const body =
      format === 'csv'
        ? await this.packager.csv(row)
        : JSON.stringify((await this.packager.build(row)).data, null, 2);
    await audited();
    return { contentType: TYPES[format], fileName: name, body };
  }

  /**
   * Stores the package, gives the requester a link that works for DSAR_LINK_DAYS (with a one-time
   * code when they did not ask from an account), and closes the request.
   */
  async release(actor: Actor, id: string): Promise<DsarReleaseDto> {
    const row = await this.requests.load(actor, id);
    assertAllowed(row, 'release');
    const pkg = await this.packager.zipFile(row);
    let blobKey: string | null = null;
    try {
      return await this.transactions.run(async (tx) => {
        const locked = await this.requests.load(actor, id, tx, true);
        assertAllowed(locked, 'release');
        const { blobKey: stored, ...release } = await this.releases.store(tx, locked, pkg);
        blobKey = stored;
        await this.audit.record(tx, {
          actor,
          action: 'dsar.release',
          subjectPersonId: row.subject_person_id,
          target: { type: 'dsar', id },
          details: { sizeBytes: pkg.size, linkDays: this.releases.linkDays, access: release.access },
        });
        await this.dsarRequests.complete(
          tx,
          id,
          `Your data is ready to download until ${longDate(new Date(release.expiresAt))}.`,
        );
        return release;
      });
    } catch (e) {
      if (blobKey) await this.blobs.delete(blobKey).catch(() => undefined);
      throw e;
    } finally {
      // Once stored the file has moved into the blob store; otherwise it goes here.
      await rm(pkg.path, { force: true });
    }
  }

  /**
   * The link the requester was given: the token finds the package, and the requester's session or
   * one-time code opens it (DsarReleases.openByToken). Each download is audited with its proof.
   */
  async download(token: string, proof: DownloadProof): Promise<ExportFile> {
    const opened = await this.releases.openByToken(token, proof);
    const row = await this.dsarRequests.referenceOf(opened.dsarId);
    await this.audit.recordNow({
      actor: opened.proof === 'session' ? proof.actor : null,
      action: 'dsar.download',
      subjectPersonId: row.subject_person_id,
      target: { type: 'dsar', id: opened.dsarId },
      details: { via: 'link', proof: opened.proof },
    });
    return {
      contentType: TYPES.zip,
      fileName: `${formatDsarReference(row.reference)}.zip`,
      body: await this.blobs.read(opened.released.blobKey),
      size: opened.released.size,
    };
  }

  /** A new one-time code for the request's live link; the previous one stops working. Audited. */
  async renewCode(actor: Actor, id: string): Promise<DsarDownloadCodeDto> {
    const row = await this.requests.load(actor, id);
    return this.transactions.run(async (tx) => {
      const code = await this.releases.renewCode(tx, id);
      await this.audit.record(tx, {
        actor,
        action: 'dsar.download_code',
        subjectPersonId: row.subject_person_id,
        target: { type: 'dsar', id },
      });
      return code;
    });
  }
}
