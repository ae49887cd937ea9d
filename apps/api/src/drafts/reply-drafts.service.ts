import { Injectable } from '@nestjs/common';
import { OwnedBlobs } from '../blobs/owned-blobs.service';
import type { Actor } from '../common/auth/actor';
import { Transactions } from '../database/transactions';
import { RetentionPeriodsRepository } from '../retention/retention-periods.repository';
import { TicketsService } from '../tickets/tickets.service';
import type { DraftFileDto, ReplyDraftDto, SaveReplyDraftDto } from './dto/reply-draft.dto';
import { ReplyDraftFilesRepository, type DraftFileRow } from './reply-draft-files.repository';
import type { DraftRow } from './reply-drafts.repository';
import { ReplyDraftsRepository } from './reply-drafts.repository';

/** The default of the `reply_drafts` retention category, in days. */
export const DRAFT_RETENTION_DAYS = 30;
const DAY = 86_400_000;

export const toDraftFileDto = (r: DraftFileRow): DraftFileDto => ({
  id: r.id,
  // Only the uploader reads their draft's files, and the uploader sees their own file names.
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: r.size_bytes,
  createdAt: r.created_at.toISOString(),
});

/**
 * Engineers' unsent replies, one per engineer and ticket, on the server so they follow the
 * engineer between devices. Only the author reads their draft; a draft goes when the reply is
 * sent (the web deletes it), after the retention period, or with the account or the ticket.
 * Its files (`ReplyDraftFilesService`) go with it.
 */
@Injectable()
export class ReplyDraftsService {
  constructor(
    private readonly drafts: ReplyDraftsRepository,
    private readonly files: ReplyDraftFilesRepository,
    private readonly owned: OwnedBlobs,
    private readonly transactions: Transactions,
    private readonly tickets: TicketsService,
    private readonly periods: RetentionPeriodsRepository,
  ) {}

  async get(actor: Actor, ticketId: string): Promise<ReplyDraftDto> {
    await this.tickets.findVisible(actor, ticketId);
    const days = await this.days();
    const savedAfter = this.cutoff(days);
    const row = await this.drafts.find(actor.userId, ticketId, savedAfter);
    const files = row ? await this.files.list(actor.userId, ticketId, savedAfter) : [];
    return this.toDto(row, files, days);
  }

  async save(actor: Actor, ticketId: string, input: SaveReplyDraftDto): Promise<ReplyDraftDto> {
    const days = await this.days();
    const saved = await this.transactions.run(async (tx) => {
      // Locked like any other change to the ticket, so a draft never outlives a deleted ticket.
      await this.tickets.lockVisible(tx, actor, ticketId);
      // Empty text deletes the draft, unless it still holds files: then it is kept, empty.
      if (!input.body.trim() && !(await this.files.count(tx, actor.userId, ticketId))) {
        await this.drafts.delete(actor.userId, ticketId, tx);
        return undefined;
      }
      const row = await this.drafts.save(tx, actor.userId, ticketId, input.body, input.visibility);
      return { row, files: await this.files.list(actor.userId, ticketId, this.cutoff(days), tx) };
    });
    return this.toDto(saved?.row, saved?.files ?? [], days);
  }

  /** Discards the draft and its files: rows now, blobs right after the commit (else the outbox). */
  async delete(actor: Actor, ticketId: string): Promise<void> {
    await this.tickets.findVisible(actor, ticketId);
    const keys = await this.transactions.run(async (tx) => {
      const doomed = await this.files.keys(tx, actor.userId, ticketId);
      await this.drafts.delete(actor.userId, ticketId, tx);
      return doomed;
    });
    for (const key of keys) await this.owned.discard(key);
  }

  async days(): Promise<number> {
    return (await this.periods.all()).reply_drafts ?? DRAFT_RETENTION_DAYS;
  }

  /** Drafts last saved before this are past the retention period. */
  cutoff(days: number): Date {
    return new Date(Date.now() - days * DAY);
  }

  private toDto(row: DraftRow | undefined, files: DraftFileRow[], days: number): ReplyDraftDto {
    if (!row) return { body: '', visibility: 'public', savedAt: null, expiresAt: null, files: [] };
    return {
      body: row.body,
      visibility: row.visibility,
      savedAt: row.saved_at.toISOString(),
      expiresAt: new Date(row.saved_at.getTime() + days * DAY).toISOString(),
      files: files.map(toDraftFileDto),
    };
  }
}
