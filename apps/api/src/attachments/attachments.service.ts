import { Injectable } from '@nestjs/common';
import { personKindOf } from '@hushdesk/contracts';
import type { AttachmentInfoDto } from './dto/attachment.dto';
import { fileNameFor, type FieldPolicy } from '@hushdesk/privacy';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { BlobStore } from '../blobs/blob-store';
import { MissingBlobs } from '../blobs/missing-blobs.service';
import { OwnedBlobs } from '../blobs/owned-blobs.service';
import type { ScratchCopy } from '../blobs/scratch-file';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import { attachmentTexts } from '../privacy/text-scrub';
import type { NameView } from '../privacy/name-view';
import { TicketsService } from '../tickets/tickets.service';
import { AttachmentsRepository, type AttachmentRow } from './attachments.repository';
import { cleanFileName, detectFileType } from './file-type';
import { checkUpload } from './upload-intake';

/** How one caller sees an attachment's personal fields. */
interface Viewing {
  policy: FieldPolicy;
  names: NameView;
}

/**
 * The file name as the `attachment.fileName` policy lets this caller see it, and the uploader's
 * name as `person.fullName` does; the uploader sees both of theirs.
 */
const toInfo = (r: AttachmentRow, actor: Actor, { policy, names }: Viewing): AttachmentInfoDto => ({
  id: r.id,
  ticketId: r.ticket_id,
  fileName: fileNameFor(
    { id: r.id, fileName: r.file_name },
    policy,
    actor.role,
    actor.userId === r.uploaded_by_id,
  ),
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  uploadedBy: {
    id: r.uploaded_by_id,
    name: names.of(r.uploader_name, r.uploaded_by_id),
    kind: personKindOf(r.uploader_role),
  },
  createdAt: r.created_at.toISOString(),
});

/** A checked file as a ticket records it; `content` is a text file's, to index (else null). */
export interface TicketFile {
  fileName: string;
  contentType: string;
  blobKey: string;
  sizeBytes: number;
  sha256: Buffer;
  content: string | null;
}

/** The `TicketFile` of bytes held whole (a mail's attachment). */
export function ticketFileOf(file: {
  fileName: string;
  contentType: string;
  blobKey: string;
  bytes: Buffer;
}): TicketFile {
  return {
    fileName: file.fileName,
    contentType: file.contentType,
    blobKey: file.blobKey,
    sizeBytes: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest(),
    content: file.contentType.startsWith('text/') ? file.bytes.toString('utf8') : null,
  };
}

/** Files on tickets, readable by whoever can read the ticket. The bytes go through the BlobStore. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly attachments: AttachmentsRepository,
    private readonly transactions: Transactions,
    private readonly blobs: BlobStore,
    private readonly owned: OwnedBlobs,
    private readonly missing: MissingBlobs,
    private readonly tickets: TicketsService,
    private readonly index: IdentifierIndex,
    private readonly policies: FieldPoliciesService,
    private readonly config: AppConfig,
  ) {}

  private async viewing(actor: Actor): Promise<Viewing> {
    const [policy, names] = await Promise.all([
      this.policies.get('attachment.fileName'),
      this.policies.names(actor),
    ]);
    return { policy, names };
  }

  async list(actor: Actor, ticketId: string): Promise<AttachmentInfoDto[]> {
    await this.tickets.findVisible(actor, ticketId);
    const rows = await this.attachments.listForTicket(ticketId);
    const viewing = await this.viewing(actor);
    return rows.map((r) => toInfo(r, actor, viewing));
  }

  /**
   * Stores an upload: its bytes (small files, the demo's), or a scratch file it was streamed to
   * (`copyToScratch`), which is moved into the store and never read whole, but for a text file,
   * whose content is indexed. The caller removes the scratch file if this throws; on success it is
   * gone. The blob is written first and the row second; if the row cannot be written the blob is
   * removed again, and after a crash the outbox removes it, so a failed upload leaves neither.
   */
  async add(
    actor: Actor,
    ticketId: string,
    rawName: string,
    data: Buffer | ScratchCopy,
  ): Promise<AttachmentInfoDto> {
    const ticket = await this.tickets.findVisible(actor, ticketId);
    this.tickets.assertNotRestricted(actor, ticket);
    if (ticket.status === 'closed')
      throw new DomainError(DomainErrorCode.InvalidState, 'This ticket is closed');
    const { fileName, contentType, size, sha256 } = checkUpload(rawName, data);
    const inMemory = Buffer.isBuffer(data);
    // A file's name, and a text file's content, are free text too: indexed like a message.
    let content: string | null = null;
    if (contentType.startsWith('text/'))
      content = inMemory ? data.toString('utf8') : await readFile(data.path, 'utf8');

    const blobKey = await this.owned.write(inMemory ? data : { file: data.path });
    try {
      const row = await this.transactions.run(async (tx) => {
        const file = { fileName, contentType, blobKey, sizeBytes: size, sha256, content };
        return this.attachments.findById(await this.addIn(tx, actor, ticketId, file), tx);
      });
      return toInfo(row, actor, await this.viewing(actor));
    } catch (e) {
      await this.owned.discard(blobKey);
      throw e;
    }
  }

  /**
   * The upload checks alone (size, type by content and name), for files that come another way
   * than an upload: a mail's attachments. The reason is the same words an upload is refused with.
   */
  check(
    rawName: string,
    bytes: Buffer,
  ): { ok: true; fileName: string; contentType: string } | { ok: false; fileName: string; reason: string } {
    const fileName = cleanFileName(rawName);
    if (bytes.length > this.config.attachmentMaxBytes) return { ok: false, ...this.tooLarge(rawName) };
    const type = detectFileType(fileName, bytes);
    return type.ok
      ? { ok: true, fileName, contentType: type.contentType }
      : { ok: false, fileName, reason: type.reason };
  }

  /**
   * What `check` says of a file larger than the upload limit, for one whose bytes were never read
   * (a mail's part too large to decode).
   */
  tooLarge(rawName: string): { fileName: string; reason: string } {
    const mb = Math.round(this.config.attachmentMaxBytes / (1024 * 1024));
    return { fileName: cleanFileName(rawName), reason: `file is larger than ${mb} MB` };
  }

  /**
   * Records a checked file on a ticket inside the caller's transaction (an upload's, the email
   * intake's, a sent draft's), by the actor who sent it; its bytes were written with
   * `OwnedBlobs.write` and are claimed here. Its name, and a text file's content, are indexed.
   */
  async addIn(tx: Tx, actor: Actor, ticketId: string, file: TicketFile): Promise<string> {
    const id = await this.attachments.insert(tx, {
      ticketId,
      uploadedById: actor.userId,
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
      blobKey: file.blobKey,
      sha256: file.sha256,
    });
    await this.index.index(
      tx,
      { type: 'attachment', id, ticketId },
      attachmentTexts(file.fileName, file.content),
      { fresh: true },
    );
    await this.owned.claim(tx, file.blobKey);
    return id;
  }

  /** One attachment as this caller sees it, for a file just moved onto the ticket in `addIn`. */
  async describe(actor: Actor, id: string): Promise<AttachmentInfoDto> {
    return toInfo(await this.attachments.findById(id), actor, await this.viewing(actor));
  }

  async open(
    actor: Actor,
    ticketId: string,
    id: string,
  ): Promise<{ info: AttachmentInfoDto; stream: Readable }> {
    await this.tickets.findVisible(actor, ticketId);
    const row = await this.attachments.findOnTicket(ticketId, id);
    if (!row) throw DomainError.notFound('Attachment');
    const info = toInfo(row, actor, await this.viewing(actor));
    const owner = { type: 'attachment', id, what: "The attachment's file" } as const;
    const stream = await this.missing.open(owner, row.blob_key, () => this.blobs.read(row.blob_key), actor);
    return { info, stream };
  }
}
