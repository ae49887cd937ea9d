import { Injectable } from '@nestjs/common';
import { normalisePhone } from '@hushdesk/privacy';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { decodeCursor, type Page, toPage } from '../common/pagination/keyset';
import { TicketLookupRepository } from '../tickets/ticket-lookup.repository';
import { formatReference, parseReference } from '../tickets/ticket-rows';
import type { RecordingSearchHitDto, SearchRecordingsDto } from './dto/recording-search.dto';
import { RecordingsRepository, type RecordingSearchFilter } from './recordings.repository';
import { RecordingsService } from './recordings.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The DPO's search for calls to place a legal hold on: by the caller's number in any format, a
 * ticket or a person, optionally between two days. Every search is audited with what it found
 * (the recordings' ids, which identify the numbers to anyone entitled to look), never the number.
 */
@Injectable()
export class RecordingSearch {
  constructor(
    private readonly rows: RecordingsRepository,
    private readonly tickets: TicketLookupRepository,
    private readonly recordings: RecordingsService,
    private readonly audit: AuditService,
  ) {}

  async search(actor: Actor, query: SearchRecordingsDto): Promise<Page<RecordingSearchHitDto>> {
    if (!query.number && !query.ticket && !query.personId) {
      throw DomainError.invalidField('number', 'or ticket or personId is required to search calls');
    }
    if (query.from && query.to && query.to < query.from) {
      throw DomainError.invalidField('to', 'must be the same day as from or later');
    }
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2);
    const filter: RecordingSearchFilter = { limit };
    if (query.number) {
      const number = normalisePhone(query.number);
      if (!number) throw DomainError.invalidField('number', 'is not a recognisable phone number');
      filter.callerNumber = number;
    }
    if (query.ticket) filter.ticketId = await this.ticketId(query.ticket);
    if (query.personId) {
      filter.personId = query.personId;
      // As in a person's call list: a role that may not see number matches finds only calls given to them.
      filter.givenOnly = !(await this.recordings.seesNumberMatch(actor.role));
    }
    if (query.from) filter.fromDay = query.from;
    if (query.to) filter.toDay = query.to;
    if (after) filter.after = [after[0], after[1]];

    const rows = await this.rows.search(filter);
    const page = toPage(
      rows,
      limit,
      (r) => r,
      (r) => [r.started_at.toISOString(), r.id],
    );
    const items = await Promise.all(
      page.items.map(async (r) => ({
        ...(await this.recordings.present(actor, r)),
        ticketReference: r.ticket_reference === null ? null : formatReference(r.ticket_reference),
      })),
    );
    await this.audit.recordNow({
      actor,
      action: 'recording.search',
      fields: items.some((item) => item.callerNumber !== undefined) ? ['recording.callerNumber'] : [],
      details: {
        searchedBy: (['number', 'ticket', 'personId', 'from', 'to'] as const).filter((key) => query[key]),
        found: items.length,
        recordingIds: items.map((item) => item.id),
      },
    });
    return { items, nextCursor: page.nextCursor };
  }

  /** A ticket by its reference (HD-000123) or id; a 400 naming `ticket` when there is none. */
  private async ticketId(ticket: string): Promise<string> {
    const reference = parseReference(ticket);
    if (reference === null && !UUID.test(ticket.trim())) {
      throw DomainError.invalidField('ticket', 'must be a ticket reference such as HD-000123');
    }
    const id =
      reference !== null
        ? await this.tickets.idByReference(reference)
        : await this.tickets.idById(ticket.trim());
    if (!id) throw DomainError.invalidField('ticket', 'does not match a ticket');
    return id;
  }
}
