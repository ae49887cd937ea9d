import { IANAZone, Zone, DateTime } from 'luxon';

/** When the service desk is staffed. All times and dates are local to `timezone`. */
export interface BusinessCalendar {
  /** IANA zone, e.g. 'Europe/London'. */
  timezone: string;
  /** Local opening time, 'HH:mm'. */
  openingTime: string;
  /** Local closing time, 'HH:mm', later than the opening time. */
  closingTime: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  workingDays: number[];
  /** Local dates ('YYYY-MM-DD') on which the desk is closed. */
  bankHolidays: readonly string[];
}

/** England & Wales bank holidays, including substitute days. */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly string[] = Object.freeze([
  // 2025
  '2025-01-01', // New Year's Day
  '2025-04-18', // Good Friday
  '2025-04-21', // Easter Monday
  '2025-05-05', // Early May bank holiday
  '2025-05-26', // Spring bank holiday
  '2025-08-25', // Summer bank holiday
  '2025-12-25', // Christmas Day
  '2025-12-26', // Boxing Day
  // 2026
  '2026-01-01', // New Year's Day
  '2026-04-03', // Good Friday
  '2026-04-06', // Easter Monday
  '2026-05-04', // Early May bank holiday
  '2026-05-25', // Spring bank holiday
  '2026-08-31', // Summer bank holiday
  '2026-12-25', // Christmas Day
  '2026-12-28', // Boxing Day (substitute day; 26 December is a Saturday)
  // 2027
  '2027-01-01', // New Year's Day
  '2027-03-26', // Good Friday
  '2027-03-29', // Easter Monday
  '2027-05-03', // Early May bank holiday
  '2027-05-31', // Spring bank holiday
  '2027-08-30', // Summer bank holiday
  '2027-12-27', // Christmas Day (substitute day; 25 December is a Saturday)
  '2027-12-28', // Boxing Day (substitute day; 26 December is a Sunday)
  // 2028
  '2028-01-03', // New Year's Day (substitute day; 1 January is a Saturday)
  '2028-04-14', // Good Friday
  '2028-04-17', // Easter Monday
  '2028-05-01', // Early May bank holiday
  '2028-05-29', // Spring bank holiday
  '2028-08-28', // Summer bank holiday
  '2028-12-25', // Christmas Day
  '2028-12-26', // Boxing Day
]);

/** Mon–Fri 08:30–17:00 London time, closed on England & Wales bank holidays 2025–2028. */
export const DEFAULT_CALENDAR: BusinessCalendar = Object.freeze({
  timezone: 'Europe/London',
  openingTime: '08:30',
  closingTime: '17:00',
  workingDays: Object.freeze([1, 2, 3, 4, 5]) as number[],
  bankHolidays: ENGLAND_AND_WALES_BANK_HOLIDAYS,
});

/** Minutes in one default business day (08:30–17:00). */
export const BUSINESS_DAY_MINUTES = 510;

/** A calendar checked and parsed once per call, so the day loop does no string work. */
export interface ResolvedCalendar {
  zone: Zone;
  open: { hour: number; minute: number };
  close: { hour: number; minute: number };
  workingDays: ReadonlySet<number>;
  holidays: ReadonlySet<string>;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseTime(value: string, field: string): { hour: number; minute: number } {
  const match = TIME.exec(value);
  if (!match) throw new RangeError(`Business calendar ${field} must be 'HH:mm' (24-hour), got '${value}'`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/** Validates a calendar and turns it into the form the SLA arithmetic uses. Throws RangeError if invalid. */
export function resolveCalendar(cal: BusinessCalendar): ResolvedCalendar {
  if (!DateTime.now().setZone(cal.timezone).isValid) {
    throw new RangeError(`Business calendar timezone '${cal.timezone}' is not a valid IANA zone`);
  }
  const open = parseTime(cal.openingTime, 'openingTime');
  const close = parseTime(cal.closingTime, 'closingTime');
  if (close.hour * 60 + close.minute <= open.hour * 60 + open.minute) {
    throw new RangeError(
      `Business calendar closingTime (${cal.closingTime}) must be after openingTime (${cal.openingTime})`,
    );
  }
  for (const day of cal.workingDays) {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new RangeError(`Business calendar workingDays must be ISO weekdays 1–7, got ${day}`);
    }
  }
  if (cal.workingDays.length === 0) {
    throw new RangeError('Business calendar must have at least one working day');
  }
  for (const date of cal.bankHolidays) {
    if (!ISO_DATE.test(date) || !DateTime.fromISO(date).isValid) {
      throw new RangeError(`Business calendar bank holiday '${date}' is not a 'YYYY-MM-DD' date`);
    }
  }
  return {
    zone: cachedZone(cal.timezone),
    open,
    close,
    workingDays: new Set(cal.workingDays),
    holidays: new Set(cal.bankHolidays),
  };
}

/**
 * The business window of a local day as epoch milliseconds, or null if the desk is closed that day.
 * `day` must be the start of a local day in the calendar's zone.
 */
export function businessWindow(day: DateTime, cal: ResolvedCalendar): { open: number; close: number } | null {
  if (!cal.workingDays.has(day.weekday)) return null;
  const iso = day.toISODate();
  if (iso === null || cal.holidays.has(iso)) return null;
  return {
    open: day.set({ ...cal.open, second: 0, millisecond: 0 }).toMillis(),
    close: day.set({ ...cal.close, second: 0, millisecond: 0 }).toMillis(),
  };
}

/**
 * An IANA zone whose UTC offsets are remembered per quarter hour. Luxon asks the zone for its
 * offset on every date it builds, and each answer costs an Intl.DateTimeFormat call: that was a
 * third of the API's CPU when creating tickets. Offsets only change on a quarter hour in every
 * zone in use, so the cache is exact.
 */
class CachedOffsetZone extends Zone {
  private readonly offsets = new Map<number, number>();

  constructor(private readonly inner: IANAZone) {
    super();
  }

  override get type(): string {
    return 'iana';
  }
  override get name(): string {
    return this.inner.name;
  }
  override get isUniversal(): boolean {
    return false;
  }
  override get isValid(): boolean {
    return this.inner.isValid;
  }
  override offsetName(ts: number, opts: { format?: 'short' | 'long'; locale?: string }): string | null {
    return this.inner.offsetName(ts, opts);
  }
  override formatOffset(ts: number, format: 'narrow' | 'short' | 'techie'): string {
    return this.inner.formatOffset(ts, format);
  }
  override offset(ts: number): number {
    const bucket = Math.floor(ts / 900_000);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      offset = this.inner.offset(ts);
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(bucket, offset);
    }
    return offset;
  }
  override equals(other: Zone): boolean {
    return other.type === 'iana' && other.name === this.name;
  }
}

const zones = new Map<string, Zone>();
function cachedZone(name: string): Zone {
  let zone = zones.get(name);
  if (!zone) {
    zone = new CachedOffsetZone(IANAZone.create(name));
    zones.set(name, zone);
  }
  return zone;
}
