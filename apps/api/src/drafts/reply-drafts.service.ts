import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { Transactions } from '../database/transactions';
import { RetentionPeriodsRepository } from '../retention/retention-periods.repository';
import { TicketsService } from '../tickets/tickets.service';
import type { ReplyDraftDto, SaveReplyDraftDto } from './dto/reply-draft.dto';
import type { DraftRow } from './reply-drafts.repository';
import { ReplyDraftsRepository } from './reply-drafts.repository';

/** The default of the `reply_drafts` retention category, in days. */
export const DRAFT_RETENTION_DAYS = 30;
const DAY = 86_400_000;

/**
 * Engineers' unsent replies, one per engineer and ticket, on the server so they follow the
 * engineer between devices. Only the author reads their draft; a draft goes when the reply is
 * sent (the web deletes it), after the retention period, or with the account or the ticket.
 */
@Injectable()
export class ReplyDraftsService {
  constructor(
    private readonly drafts: ReplyDraftsRepository,
    private readonly transactions: Transactions,
    private readonly tickets: TicketsService,
    private readonly periods: RetentionPeriodsRepository,
  ) {}

  async get(actor: Actor, ticketId: string): Promise<ReplyDraftDto> {
    await this.tickets.findVisible(actor, ticketId);
    const days = await this.days();
    const row = await this.drafts.find(actor.userId, ticketId, new Date(Date.now() - days * DAY));
    return this.toDto(row, days);
  }

  async save(actor: Actor, ticketId: string, input: SaveReplyDraftDto): Promise<ReplyDraftDto> {
    const days = await this.days();
    const row = await this.transactions.run(async (tx) => {
      // Locked like any other change to the ticket, so a draft never outlives a deleted ticket.
      await this.tickets.lockVisible(tx, actor, ticketId);
      if (!input.body.trim()) {
        await this.drafts.delete(actor.userId, ticketId, tx);
        return undefined;
      }
      return this.drafts.save(tx, actor.userId, ticketId, input.body, input.visibility);
    });
    return this.toDto(row, days);
  }

  async delete(actor: Actor, ticketId: string): Promise<void> {
    await this.tickets.findVisible(actor, ticketId);
    await this.drafts.delete(actor.userId, ticketId);
  }

  private async days(): Promise<number> {
    return (await this.periods.all()).reply_drafts ?? DRAFT_RETENTION_DAYS;
  }

  private toDto(row: DraftRow | undefined, days: number): ReplyDraftDto {
    if (!row) return { body: '', visibility: 'public', savedAt: null, expiresAt: null };
    return {
      body: row.body,
      visibility: row.visibility,
      savedAt: row.saved_at.toISOString(),
      expiresAt: new Date(row.saved_at.getTime() + days * DAY).toISOString(),
    };
  }
}
