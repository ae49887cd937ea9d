import { type BusinessCalendar, resolveCalendar } from './calendar';

/** 'business': only inside the calendar's opening hours. '24x7': calendar (real elapsed) time. */
export type ClockKind = 'business' | '24x7';

const MS_PER_MINUTE = 60_000;
/** A calendar with working days but no open day for a year (e.g. every working day a holiday) is broken. */
const MAX_CLOSED_DAYS_IN_A_ROW = 366;

function epochMs(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/** Throws a RangeError if the calendar is unusable (bad zone, times, weekdays or dates). */
export function assertValidCalendar(cal: BusinessCalendar): void {
  resolveCalendar(cal);
}

/** Whether the instant falls inside business hours (opening time inclusive, closing time exclusive). */
export function isWithinBusinessHours(at: Date, cal: BusinessCalendar): boolean {
  const resolved = resolveCalendar(cal);
  const ms = epochMs(at, 'at');
  const window = resolved.window(resolved.dayOf(ms));
  return window !== null && ms >= window.open && ms < window.close;
}

/**
 * The instant `minutes` of SLA clock time after `start`.
 *
 * '24x7' is plain addition of real minutes (so DST changes neither add nor remove time). 'business' only
 * consumes minutes inside opening hours on working days that are not bank holidays; a start outside
 * business hours begins counting at the next opening. A result that lands exactly on closing time is that
 * closing time, not the next opening. Precision is one millisecond.
 */
export function addWorkingMinutes(
  start: Date,
  minutes: number,
  clock: ClockKind,
  cal: BusinessCalendar,
): Date {
  const startMs = epochMs(start, 'start');
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  }
  let remaining = Math.round(minutes * MS_PER_MINUTE);
  if (clock === '24x7') return new Date(startMs + remaining);

  const resolved = resolveCalendar(cal);
  let closedDays = 0;
  for (let day = resolved.dayOf(startMs); ; day++) {
    const window = resolved.window(day);
    if (window !== null) {
      const from = Math.max(window.open, startMs);
      if (from < window.close) {
        closedDays = 0;
        const available = window.close - from;
        if (remaining <= available) return new Date(from + remaining);
        remaining -= available;
      }
    }
    if (window === null && ++closedDays > MAX_CLOSED_DAYS_IN_A_ROW) {
      throw new RangeError(
        `Business calendar has no opening hours for over ${MAX_CLOSED_DAYS_IN_A_ROW} days`,
      );
    }
  }
}

/**
 * SLA clock minutes elapsed from `from` to `to` (0 if `to` is not after `from`). For 'business' only time
 * inside opening hours counts. Fractional minutes are returned at millisecond precision.
 */
export function workingMinutesBetween(from: Date, to: Date, clock: ClockKind, cal: BusinessCalendar): number {
  const fromMs = epochMs(from, 'from');
  const toMs = epochMs(to, 'to');
  if (toMs <= fromMs) return 0;
  if (clock === '24x7') return (toMs - fromMs) / MS_PER_MINUTE;

  const resolved = resolveCalendar(cal);
  let elapsed = 0;
  const lastDay = resolved.dayOf(toMs);
  for (let day = resolved.dayOf(fromMs); day <= lastDay; day++) {
    const window = resolved.window(day);
    if (window === null) continue;
    const start = Math.max(window.open, fromMs);
    const end = Math.min(window.close, toMs);
    if (end > start) elapsed += end - start;
  }
  return elapsed / MS_PER_MINUTE;
}

/**
 * The due date after a paused SLA clock resumes: the clock time that was left at the pause is added from
 * `resumedAt`. A due date that had already passed when the clock paused is left as it is (already
 * breached). A due date exactly at the pause instant was not yet breached, so it resumes with nothing left.
 */
export function resumeDueAt(
  dueAt: Date,
  pausedAt: Date,
  resumedAt: Date,
  clock: ClockKind,
  cal: BusinessCalendar,
): Date {
  const dueMs = epochMs(dueAt, 'dueAt');
  const pausedMs = epochMs(pausedAt, 'pausedAt');
  const resumedMs = epochMs(resumedAt, 'resumedAt');
  if (resumedMs < pausedMs) throw new RangeError('resumedAt must not be before pausedAt');
  if (dueMs < pausedMs) return new Date(dueMs);
  const remaining = workingMinutesBetween(pausedAt, dueAt, clock, cal);
  return addWorkingMinutes(resumedAt, remaining, clock, cal);
}
