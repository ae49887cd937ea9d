import { Injectable } from '@nestjs/common';
import type { Page } from '@hushdesk/contracts';
import { normalisePhone } from '@hushdesk/privacy';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { SqlParams } from '../database/sql-params';
import { DomainError } from '../common/errors/domain-error';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { formatReference, parseReference } from '../tickets/ticket-rows';
import type { RecordingSearchHitDto, SearchRecordingsDto } from './dto/recording-search.dto';
import { RECORDING_COLUMNS, RecordingsService, type RecordingRow } from './recordings.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The recordings columns, read through the `r` alias beside the joined ticket. */
const COLUMNS = RECORDING_COLUMNS.split(',')
  .map((column) => `r.${column.trim()}`)
  .join(', ');
/** The helpdesk's days are London days: "calls on 3 March" means 3 March there. */
const ZONE = 'Europe/London';

/**
 * The DPO's search for calls to place a legal hold on: by the caller's number in any format, a
 * ticket or a person, optionally between two days. Every search is audited with what it found
 * (the recordings' ids, which identify the numbers to anyone entitled to look), never the number.
 */
@Injectable()
export class RecordingSearch {
  constructor(
    private readonly dataSource: DataSource,
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
    const p = new SqlParams();
    const where: string[] = [];
    if (query.number) {
      const number = normalisePhone(query.number);
      if (!number) throw DomainError.invalidField('number', 'is not a recognisable phone number');
      where.push(`r.caller_number = ${p.add(number)}`);
    }
    if (query.ticket) where.push(`r.ticket_id = ${p.add(await this.ticketId(query.ticket))}`);
    if (query.personId) {
      where.push(`r.person_id = ${p.add(query.personId)}`);
      // As in a person's call list: a role that may not see number matches finds only calls given to them.
      if (!(await this.recordings.seesNumberMatch(actor.role))) where.push(`r.person_match = 'given'`);
    }
    if (query.from)
      where.push(`r.started_at >= (${p.add(query.from)}::date)::timestamp AT TIME ZONE '${ZONE}'`);
    if (query.to) {
      where.push(`r.started_at < (${p.add(query.to)}::date + 1)::timestamp AT TIME ZONE '${ZONE}'`);
    }
    if (after)
      where.push(`(r.started_at, r.id) < (${p.add(after[0])}::timestamptz, ${p.add(after[1])}::uuid)`);

    const rows: (RecordingRow & { ticket_reference: string | null })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, t.reference AS ticket_reference
         FROM recordings r LEFT JOIN tickets t ON t.id = r.ticket_id
        WHERE ${where.join(' AND ')}
        ORDER BY r.started_at DESC, r.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
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
    const [row]: { id: string }[] =
      reference !== null
        ? await this.dataSource.query('SELECT id FROM tickets WHERE reference = $1', [reference])
        : await this.dataSource.query('SELECT id FROM tickets WHERE id = $1', [ticket.trim()]);
    if (!row) throw DomainError.invalidField('ticket', 'does not match a ticket');
    return row.id;
  }
}
