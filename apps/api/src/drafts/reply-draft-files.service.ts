import { Injectable } from '@nestjs/common';
import { AttachmentsService, type TicketFile } from '../attachments/attachments.service';
import type { AttachmentInfoDto } from '../attachments/dto/attachment.dto';
import { checkUpload } from '../attachments/upload-intake';
import { BlobMissingError } from '../blobs/blob-errors';
import { readAll, BlobStore } from '../blobs/blob-store';
import { MissingBlobs } from '../blobs/missing-blobs.service';
import { OwnedBlobs } from '../blobs/owned-blobs.service';
import type { ScratchCopy } from '../blobs/scratch-file';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { TicketsService } from '../tickets/tickets.service';
import { DRAFT_FILES_MAX, type DraftFileDto } from './dto/reply-draft.dto';
import { ReplyDraftFilesRepository } from './reply-draft-files.repository';
import { ReplyDraftsRepository } from './reply-drafts.repository';
import { ReplyDraftsService, toDraftFileDto } from './reply-drafts.service';

/** A draft file ready to move onto its ticket: checked at upload, found in the store now. */
export interface ReadyDraftFile extends TicketFile {
  id: string;
}

/**
 * Files attached in the reply box, kept in the author's draft until the reply is sent. They pass
 * the same checks as an upload to the ticket (size, type by content and name), are owned blobs
 * like every other file, and are seen by their author only: not the customer, not other
 * engineers, not the thread. Sending moves a file onto the ticket, where it is indexed like any
 * attachment; until then it is not indexed (as the draft's text is not), and DSAR collection and
 * erasure reach it through its draft.
 */
@Injectable()
export class ReplyDraftFilesService {
  constructor(
    private readonly files: ReplyDraftFilesRepository,
    private readonly drafts: ReplyDraftsRepository,
    private readonly draftService: ReplyDraftsService,
    private readonly transactions: Transactions,
    private readonly tickets: TicketsService,
    private readonly owned: OwnedBlobs,
    private readonly blobs: BlobStore,
    private readonly missing: MissingBlobs,
    private readonly attachments: AttachmentsService,
  ) {}

  /**
   * Keeps an upload in the caller's draft (creating an empty one if need be). As for an upload
   * to the ticket, the blob is written first and claimed in the row's transaction, so a failure
   * leaves neither. The caller removes the scratch file.
   */
  async add(actor: Actor, ticketId: string, rawName: string, copy: ScratchCopy): Promise<DraftFileDto> {
    await this.writableTicket(actor, ticketId);
    const file = checkUpload(rawName, copy);
    const savedAfter = this.draftService.cutoff(await this.draftService.days());
    const blobKey = await this.owned.write({ file: copy.path });
    try {
      const row = await this.transactions.run(async (tx) => {
        await this.writableTicket(actor, ticketId, tx);
        await this.drafts.touch(tx, actor.userId, ticketId, savedAfter);
        if ((await this.files.count(tx, actor.userId, ticketId)) >= DRAFT_FILES_MAX)
          throw DomainError.invalidField('file', `a draft holds at most ${String(DRAFT_FILES_MAX)} files`);
        const inserted = await this.files.insert(tx, {
          userId: actor.userId,
          ticketId,
          fileName: file.fileName,
          contentType: file.contentType,
          sizeBytes: file.size,
          blobKey,
          sha256: file.sha256,
        });
        await this.owned.claim(tx, blobKey);
        return inserted;
      });
      return toDraftFileDto(row);
    } catch (e) {
      await this.owned.discard(blobKey);
      throw e;
    }
  }

  /** Removes one of the caller's draft files: the row now, the blob right after the commit. */
  async remove(actor: Actor, ticketId: string, id: string): Promise<void> {
    await this.tickets.findVisible(actor, ticketId);
    const key = await this.transactions.run(async (tx) => {
      const removed = await this.files.delete(tx, actor.userId, ticketId, id);
      if (!removed) throw DomainError.notFound('Draft attachment');
      return removed;
    });
    await this.owned.discard(key);
  }

  /**
   * Sends one draft file: it becomes an attachment on the ticket, visible to whoever sees the
   * ticket, with the same blob (taken off the deletion queue the row's removal put it on).
   */
  async send(actor: Actor, ticketId: string, id: string): Promise<AttachmentInfoDto> {
    await this.writableTicket(actor, ticketId);
    const [file] = await this.ready(actor, ticketId, [id]);
    const attachmentId = await this.transactions.run(async (tx) => {
      await this.writableTicket(actor, ticketId, tx);
      return this.moveIn(tx, actor, ticketId, file);
    });
    return this.attachments.describe(actor, attachmentId);
  }

  /**
   * The caller's draft files of this ticket, before the transaction that moves them. Size and
   * digest were taken at upload; a text file is read (at most the upload limit) for its content,
   * which is indexed once it is on the ticket, and any other is only checked to be in the store.
   */
  async ready(actor: Actor, ticketId: string, ids: string[]): Promise<ReadyDraftFile[]> {
    const out: ReadyDraftFile[] = [];
    for (const id of ids) {
      const file = await this.files.find(actor.userId, ticketId, id);
      if (!file) throw DomainError.notFound('Draft attachment');
      const key = file.blob_key;
      const owner = { type: 'reply_draft_file', id, what: "The draft attachment's file" } as const;
      const content = await this.missing.open(
        owner,
        key,
        async () => {
          if (file.content_type.startsWith('text/'))
            return (await readAll(await this.blobs.read(key))).toString('utf8');
          if ((await this.blobs.size(key)) === null) throw new BlobMissingError(key);
          return null;
        },
        actor,
      );
      out.push({
        id,
        fileName: file.file_name,
        contentType: file.content_type,
        blobKey: key,
        sizeBytes: file.size_bytes,
        sha256: file.sha256,
        content,
      });
    }
    return out;
  }

  /** Moves a file read by `ready` out of the draft onto the ticket; the new attachment's id. */
  async moveIn(tx: Tx, actor: Actor, ticketId: string, file: ReadyDraftFile): Promise<string> {
    const key = await this.files.delete(tx, actor.userId, ticketId, file.id);
    // Gone, or replaced, since it was read: the caller sees what they would have seen a moment later.
    if (key !== file.blobKey) throw DomainError.notFound('Draft attachment');
    return this.attachments.addIn(tx, actor, ticketId, file);
  }

  /** The checks an upload to the ticket makes: visible, not restricted, not closed. */
  async writableTicket(actor: Actor, ticketId: string, tx?: Tx): Promise<void> {
    const ticket = tx
      ? await this.tickets.lockVisible(tx, actor, ticketId)
      : await this.tickets.findVisible(actor, ticketId);
    this.tickets.assertNotRestricted(actor, ticket);
    if (ticket.status === 'closed')
      throw new DomainError(DomainErrorCode.InvalidState, 'This ticket is closed');
  }
}
