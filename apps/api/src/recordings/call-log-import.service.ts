import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { parseCsv } from '../common/csv';
import { Transactions } from '../database/transactions';
import { TicketLookupRepository } from '../tickets/ticket-lookup.repository';
import { parseReference } from '../tickets/ticket-rows';
import { RecordingsRepository } from './recordings.repository';
import { RecordingsService } from './recordings.service';

export interface ImportReport {
  rows: number;
  imported: number;
  /** Rows already imported before (same call id, or the same row): skipped, so a file can be re-sent safely. */
  duplicates: number;
  failed: { line: number; field: string; message: string }[];
}

const COLUMNS = [
  'call_id',
  'caller_number',
  'direction',
  'started_at',
  'duration_seconds',
  'ticket_reference',
  'notes',
];
const REQUIRED = ['caller_number', 'direction', 'started_at', 'duration_seconds'];
/**
 * Imports through the API per account per rolling hour. A phone system's log is one file a day or
 * so; many small files are someone probing numbers. The command-line import has no limit.
 */
export const IMPORTS_PER_HOUR = 10;
// Serialises the count-then-record of one account's imports across instances.
const IMPORT_LOCK = 'recording-import';

/** API field names back to the file's column names, for the report. */
const CSV_NAMES: Record<string, string> = { callerNumber: 'caller_number', startedAt: 'started_at' };

/**
 * Imports a phone system's call log (CSV with a header row). Each good row becomes a recording
 * exactly once, however often the file is imported; each bad row is reported with its line and
 * the field at fault, and does not stop the others.
 */
@Injectable()
export class CallLogImport {
  constructor(
    private readonly transactions: Transactions,
    private readonly rows: RecordingsRepository,
    private readonly tickets: TicketLookupRepository,
    private readonly recordings: RecordingsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Counts this import against the account's hourly allowance and records it in the audit trail
   * (counts only), in one transaction, so two instances cannot both let the eleventh through.
   */
  private async admit(actor: Actor, rows: number): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.rows.lockImports(tx, `${IMPORT_LOCK}:${actor.userId}`);
      const { n, oldest } = await this.audit.importsInLastHour(tx, actor.userId);
      if (n >= IMPORTS_PER_HOUR) {
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil((new Date(oldest as Date).getTime() + 3_600_000 - Date.now()) / 1000),
        );
        throw new DomainError(
          DomainErrorCode.RateLimited,
          `At most ${IMPORTS_PER_HOUR} call-log imports an hour per account; try again later, or import the whole log as one file`,
          { retryAfterSeconds },
        );
      }
      await this.audit.record(tx, {
        actor,
        action: 'recording.import',
        details: { rows },
      });
    });
  }

  async run(
    actor: Actor | null,
    csv: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ImportReport> {
    const [head, ...records] = parseCsv(csv);
    if (!head) throw DomainError.invalidField('file', 'is empty');
    const header = head.fields.map((h) => h.trim().toLowerCase());
    const missing = REQUIRED.filter((c) => !header.includes(c));
    if (missing.length)
      throw DomainError.invalidField(
        'file',
        `has no ${missing.join(', ')} column(s); expected ${COLUMNS.join(', ')}`,
      );
    const col = (row: string[], name: string) => {
      const i = header.indexOf(name);
      return i >= 0 ? (row[i] ?? '').trim() : '';
    };
    const report: ImportReport = { rows: records.length, imported: 0, duplicates: 0, failed: [] };
    if (actor) await this.admit(actor, report.rows);
    // A row without a call id is a duplicate when its number, time and length repeat. For a role
    // that sees caller numbers masked, "duplicate" would confirm a guessed number of someone
    // else's call, so its rows repeat only its own imports.
    const keyScope =
      actor && !(await this.recordings.seesCallerNumbers(actor.role)) ? `by:${actor.userId}|` : '';
    const batch = 200;
    for (let start = 0; start < records.length; start += batch) {
      await this.transactions.run(async (tx) => {
        for (const { line, fields: row } of records.slice(start, start + batch)) {
          try {
            const duration = col(row, 'duration_seconds');
            if (!/^\d+$/.test(duration))
              throw DomainError.invalidField(
                'duration_seconds',
                'must be a whole number of seconds, 0 or more',
              );
            if (!['inbound', 'outbound'].includes(col(row, 'direction').toLowerCase())) {
              throw DomainError.invalidField('direction', 'must be inbound or outbound');
            }
            const startedAt = col(row, 'started_at');
            if (Number.isNaN(Date.parse(startedAt)))
              throw DomainError.invalidField('started_at', 'is not a date and time');
            const prepared = await this.recordings.prepare({
              callerNumber: col(row, 'caller_number'),
              direction: col(row, 'direction').toLowerCase() as 'inbound' | 'outbound',
              startedAt: new Date(startedAt).toISOString(),
              durationSeconds: Number(duration),
              notes: col(row, 'notes') || undefined,
            });
            let ticketId: string | null = null;
            const ref = parseReference(col(row, 'ticket_reference'));
            if (col(row, 'ticket_reference')) {
              const id = ref !== null ? await this.tickets.idByReference(ref, tx) : undefined;
              if (!id) throw DomainError.invalidField('ticket_reference', 'does not match a ticket');
              ticketId = id;
            }
            const callId = col(row, 'call_id');
            const importKey = createHash('sha256')
              .update(
                callId
                  ? `id:${callId}`
                  : `row:${keyScope}${prepared.callerNumber}|${prepared.direction}|${prepared.startedAt.toISOString()}|${prepared.durationSeconds}`,
              )
              .digest('hex');
            const id = await this.recordings.insert(tx, {
              ...prepared,
              ticketId,
              agentId: actor?.userId ?? null,
              importKey,
            });
            if (id) report.imported++;
            else report.duplicates++;
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            const [field, problems] = Object.entries(e.details.fields ?? {})[0] ?? ['row', [e.message]];
            report.failed.push({ line, field: CSV_NAMES[field] ?? field, message: problems.join(', ') });
          }
        }
      });
      onProgress?.(Math.min(records.length, start + batch), records.length);
    }
    return report;
  }
}
