import { Injectable } from '@nestjs/common';
import { AttachmentsService } from '../attachments/attachments.service';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import { MessagesService } from '../messages/messages.service';
import type { SendDraftDto, SentDraftDto } from './dto/send-draft.dto';
import { ReplyDraftFilesRepository } from './reply-draft-files.repository';
import { ReplyDraftFilesService } from './reply-draft-files.service';
import { ReplyDraftsRepository } from './reply-drafts.repository';

/**
 * Sends what the reply box holds in one transaction: the message, the draft's files moved onto the
 * ticket, and the draft itself gone. A refusal of any part (text too long, a file gone, the ticket
 * closed meanwhile) leaves all of it as it was, so nothing is half-sent.
 */
@Injectable()
export class DraftSendingService {
  constructor(
    private readonly transactions: Transactions,
    private readonly messages: MessagesService,
    private readonly files: ReplyDraftFilesService,
    private readonly fileRows: ReplyDraftFilesRepository,
    private readonly drafts: ReplyDraftsRepository,
    private readonly attachments: AttachmentsService,
  ) {}

  async send(actor: Actor, ticketId: string, input: SendDraftDto): Promise<SentDraftDto> {
    const ids = input.attachmentIds ?? [];
    if (!input.body && !ids.length) {
      throw DomainError.invalidField('body', 'write a reply, or send at least one file');
    }
    await this.files.writableTicket(actor, ticketId);
    const ready = await this.files.ready(actor, ticketId, ids);
    const sent = await this.transactions.run(async (tx) => {
      // The message's own checks lock the ticket; files alone take the upload's checks.
      const added = input.body
        ? await this.messages.addIn(
            tx,
            actor,
            ticketId,
            { body: input.body, visibility: input.visibility },
            'portal',
          )
        : undefined;
      if (!added) await this.files.writableTicket(actor, ticketId, tx);
      const attachmentIds: string[] = [];
      for (const file of ready) attachmentIds.push(await this.files.moveIn(tx, actor, ticketId, file));
      // Sent: the draft goes, unless files the caller did not send are still kept in it.
      if (await this.fileRows.count(tx, actor.userId, ticketId)) {
        await this.drafts.save(tx, actor.userId, ticketId, '', input.visibility);
      } else {
        await this.drafts.delete(actor.userId, ticketId, tx);
      }
      return { added, attachmentIds };
    });
    await sent.added?.publish();
    // The ticket's files as the caller sees them, read once, in the order sent.
    const onTicket = sent.attachmentIds.length ? await this.attachments.list(actor, ticketId) : [];
    const byId = new Map(onTicket.map((a) => [a.id, a]));
    return {
      message: sent.added ? await this.messages.asAuthorSees(actor, sent.added.message) : null,
      attachments: sent.attachmentIds.flatMap((id) => byId.get(id) ?? []),
    };
  }
}
