import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { assertValidCalendar, PRIORITIES, type BusinessCalendar, type SlaTargets } from '@hushdesk/ticketing';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import type { SlaSettingsDto, UpdateSlaSettingsDto } from './dto/sla-settings.dto';
import { SlaSettingsRepository, type SlaSettingsRow } from './sla-settings.repository';

/** How long another API process may go on with settings an admin has since changed. */
export const SLA_SETTINGS_REFRESH_MS = 5_000;

interface Snapshot {
  calendar: BusinessCalendar;
  targets: SlaTargets;
  savedAt: Date | null;
}

/**
 * The calendar and targets every SLA computation uses. The environment's values apply until an
 * admin saves others; the saved row is read at start and every SLA_SETTINGS_REFRESH_MS on every
 * process (a small row, one indexed read), and at once on the process that saved it, so the
 * clocks stay synchronous and every worker and host follows a change within seconds.
 */
@Injectable()
export class SlaSettings implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SlaSettings.name);
  private snapshot: Snapshot;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly settings: SlaSettingsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {
    this.snapshot = { ...config.sla, savedAt: null };
  }

  get calendar(): BusinessCalendar {
    return this.snapshot.calendar;
  }

  get targets(): SlaTargets {
    return this.snapshot.targets;
  }

  /** Reads the saved settings, then keeps them fresh; called once the schema is migrated. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((e: unknown) =>
        // An outage keeps the last settings read: the clocks go on as before.
        this.logger.warn(`SLA settings refresh skipped: ${e instanceof Error ? e.message : 'unknown error'}`),
      );
    }, SLA_SETTINGS_REFRESH_MS);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    const row = await this.settings.find();
    this.snapshot = row ? this.fromRow(row) : { ...this.config.sla, savedAt: null };
  }

  view(): SlaSettingsDto {
    const { calendar, targets, savedAt } = this.snapshot;
    return {
      timezone: calendar.timezone,
      openingTime: calendar.openingTime,
      closingTime: calendar.closingTime,
      workingDays: [...calendar.workingDays],
      bankHolidays: [...calendar.bankHolidays],
      targets: structuredClone(targets),
      source: savedAt ? 'saved' : 'environment',
      updatedAt: savedAt?.toISOString() ?? null,
    };
  }

  /** Current settings, read fresh so an admin's screen never shows a stale copy. */
  async get(): Promise<SlaSettingsDto> {
    await this.refresh();
    return this.view();
  }

  /** Replaces the settings; applies to SLA clocks started from now on. Audited with what changed. */
  async update(actor: Actor, input: UpdateSlaSettingsDto): Promise<SlaSettingsDto> {
    const bankHolidays = [...new Set(input.bankHolidays)].sort();
    const workingDays = [...input.workingDays].sort((a, b) => a - b);
    this.check({ ...input, bankHolidays, workingDays });
    const targets = Object.fromEntries(
      PRIORITIES.map((p) => [p, { ...input.targets[p] }]),
    ) as unknown as SlaTargets;
    const saved = await this.transactions.run(async (tx) => {
      const before = (await this.settings.lock(tx)) ?? this.toRow(this.config.sla);
      const row = await this.settings.save(
        tx,
        {
          opening_time: input.openingTime,
          closing_time: input.closingTime,
          working_days: workingDays,
          bank_holidays: bankHolidays,
          targets,
        },
        actor.userId,
      );
      await this.audit.record(tx, {
        actor,
        action: 'settings.sla',
        target: { type: 'settings', id: 'sla' },
        fields: changedFields(before, row),
        details: { targets: row.targets, openingTime: row.opening_time, closingTime: row.closing_time },
      });
      return row;
    });
    this.snapshot = this.fromRow(saved);
    return this.view();
  }

  /** What class-validator cannot say alone: order of times and targets, real dates. */
  private check(input: UpdateSlaSettingsDto): void {
    if (input.closingTime <= input.openingTime) {
      throw DomainError.invalidField('closingTime', 'must be later than the opening time');
    }
    for (const p of PRIORITIES) {
      const t = input.targets[p];
      if (t.resolutionMinutes < t.firstResponseMinutes) {
        throw DomainError.invalidField(
          `targets.${p}.resolutionMinutes`,
          'must be at least the first-response minutes',
        );
      }
    }
    for (const date of input.bankHolidays) {
      const d = new Date(`${date}T00:00:00Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
        throw DomainError.invalidField('bankHolidays', `${date} is not a real date`);
      }
    }
    try {
      assertValidCalendar(this.calendarOf(input));
    } catch {
      throw DomainError.invalidField('bankHolidays', 'do not make a valid business calendar');
    }
  }

  private calendarOf(
    input: Pick<UpdateSlaSettingsDto, 'openingTime' | 'closingTime' | 'workingDays' | 'bankHolidays'>,
  ): BusinessCalendar {
    return {
      timezone: this.config.sla.calendar.timezone,
      openingTime: input.openingTime,
      closingTime: input.closingTime,
      workingDays: input.workingDays,
      bankHolidays: input.bankHolidays,
    };
  }

  private fromRow(row: SlaSettingsRow): Snapshot {
    return {
      calendar: this.calendarOf({
        openingTime: row.opening_time,
        closingTime: row.closing_time,
        workingDays: row.working_days,
        bankHolidays: row.bank_holidays,
      }),
      targets: row.targets,
      savedAt: row.updated_at,
    };
  }

  private toRow(sla: {
    calendar: BusinessCalendar;
    targets: SlaTargets;
  }): Omit<SlaSettingsRow, 'updated_at'> {
    return {
      opening_time: sla.calendar.openingTime,
      closing_time: sla.calendar.closingTime,
      working_days: [...sla.calendar.workingDays],
      bank_holidays: [...sla.calendar.bankHolidays],
      targets: sla.targets,
    };
  }
}

function changedFields(before: Omit<SlaSettingsRow, 'updated_at'>, after: SlaSettingsRow): string[] {
  const fields: string[] = [];
  if (before.opening_time !== after.opening_time || before.closing_time !== after.closing_time)
    fields.push('businessHours');
  if (before.working_days.join() !== after.working_days.join()) fields.push('workingDays');
  if ([...before.bank_holidays].sort().join() !== after.bank_holidays.join()) fields.push('bankHolidays');
  for (const p of PRIORITIES) {
    const [b, a] = [before.targets[p], after.targets[p]];
    if (
      b.firstResponseMinutes !== a.firstResponseMinutes ||
      b.resolutionMinutes !== a.resolutionMinutes ||
      b.clock !== a.clock
    )
      fields.push(`targets.${p}`);
  }
  return fields;
}
