import { IANAZone, Zone } from 'luxon';

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

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** Opening hours of one local day as epoch milliseconds. */
export interface BusinessWindow {
  open: number;
  close: number;
}

/**
 * A calendar checked once and turned into plain arithmetic on epoch milliseconds: local days are
 * numbered from 1970-01-01 in the calendar's zone, and each day's opening hours are worked out once
 * and remembered. The SLA clocks ask for the same few days over and over (every ticket created,
 * every queue row shown); building luxon dates for them was a quarter of the API's CPU.
 */
export class ResolvedCalendar {
  private readonly windows = new Map<number, BusinessWindow | null>();

  constructor(
    readonly zone: Zone,
    private readonly openMinute: number,
    private readonly closeMinute: number,
    private readonly workingDays: ReadonlySet<number>,
    /** Bank holidays as local day numbers. */
    private readonly holidays: ReadonlySet<number>,
  ) {}

  /** The number of the local day that contains the instant. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.zone.offset(ms) * MS_PER_MINUTE) / MS_PER_DAY);
  }

  /** The day's opening hours, or null if the desk is closed that day. */
  window(day: number): BusinessWindow | null {
    let window = this.windows.get(day);
    if (window === undefined) {
      window = this.computeWindow(day);
      if (this.windows.size >= 50_000) this.windows.clear(); // decades of days: never in practice
      this.windows.set(day, window);
    }
    return window;
  }

  private computeWindow(day: number): BusinessWindow | null {
    const isoWeekday = ((((day + 3) % 7) + 7) % 7) + 1; // day 0, 1 January 1970, was a Thursday
    if (!this.workingDays.has(isoWeekday) || this.holidays.has(day)) return null;
    const midnight = day * MS_PER_DAY;
    return {
      open: this.instantOf(midnight + this.openMinute * MS_PER_MINUTE),
      close: this.instantOf(midnight + this.closeMinute * MS_PER_MINUTE),
    };
  }

  /**
   * The instant a local wall-clock time (as milliseconds, read as if UTC) happens. A time that a
   * daylight-saving change skips resolves as luxon does: moved on by the size of the gap.
   */
  private instantOf(local: number): number {
    const guess = this.zone.offset(local);
    let utc = local - guess * MS_PER_MINUTE;
    const o2 = this.zone.offset(utc);
    if (o2 === guess) return utc;
    utc -= (o2 - guess) * MS_PER_MINUTE;
    const o3 = this.zone.offset(utc);
    if (o3 === o2) return utc;
    return local - Math.min(o2, o3) * MS_PER_MINUTE;
  }
}

function parseTime(value: string, field: string): number {
  const match = TIME.exec(value);
  if (!match) throw new RangeError(`Business calendar ${field} must be 'HH:mm' (24-hour), got '${value}'`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** A 'YYYY-MM-DD' date as a local day number, or null if it is not a real date. */
function dayNumber(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

// Calendars come from configuration and are not changed once made: each is checked and resolved once.
const resolved = new WeakMap<BusinessCalendar, ResolvedCalendar>();

/** Validates a calendar and turns it into the form the SLA arithmetic uses. Throws RangeError if invalid. */
export function resolveCalendar(cal: BusinessCalendar): ResolvedCalendar {
  const known = resolved.get(cal);
  if (known) return known;
  const zone = IANAZone.create(cal.timezone);
  if (!zone.isValid) {
    throw new RangeError(`Business calendar timezone '${cal.timezone}' is not a valid IANA zone`);
  }
  const open = parseTime(cal.openingTime, 'openingTime');
  const close = parseTime(cal.closingTime, 'closingTime');
  if (close <= open) {
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
  const holidays = new Set<number>();
  for (const date of cal.bankHolidays) {
    const day = dayNumber(date);
    if (day === null)
      throw new RangeError(`Business calendar bank holiday '${date}' is not a 'YYYY-MM-DD' date`);
    holidays.add(day);
  }
  const result = new ResolvedCalendar(
    cachedZone(cal.timezone),
    open,
    close,
    new Set(cal.workingDays),
    holidays,
  );
  resolved.set(cal, result);
  return result;
}

/**
 * An IANA zone whose UTC offsets are remembered per quarter hour. The SLA arithmetic asks for the
 * offset of every instant it looks at, and each answer costs an Intl.DateTimeFormat call: that was a
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
