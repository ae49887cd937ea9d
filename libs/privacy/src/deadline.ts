import { DateTime } from 'luxon';

/**
 * Data-subject request deadlines (UK GDPR Art. 12(3)): one calendar month from receipt, to the
 * corresponding day of the next month, or that month's last day when it has no such day
 * (31 January is due 28 or 29 February). The clock pauses while the controller waits for ID or
 * clarification, and may be extended by one or two further months, decided within the first month.
 * Dates are calendar dates in the controller's zone (Europe/London by default).
 */
export interface DeadlineInput {
  receivedAt: Date;
  /** Completed pauses, plus an open one (no `to`) while the request is paused now. */
  pauses?: readonly { from: Date; to?: Date | null }[];
  /** 0, 1 or 2 further months. */
  extensionMonths?: 0 | 1 | 2;
  zone?: string;
}

const ZONE = 'Europe/London';

/** Adds calendar months to a date, clamping to the end of a shorter month. */
export function addCalendarMonths(date: Date, months: number, zone = ZONE): Date {
  // luxon's plus({months}) already clamps (Jan 31 + 1 month = Feb 28/29).
  return DateTime.fromJSDate(date, { zone }).plus({ months }).toJSDate();
}

/** Whole calendar days a pause lasted, counted in the zone (a pause within one day costs nothing). */
function pausedDays(pause: { from: Date; to?: Date | null }, now: Date, zone: string): number {
  const from = DateTime.fromJSDate(pause.from, { zone }).startOf('day');
  const to = DateTime.fromJSDate(pause.to ?? now, { zone }).startOf('day');
  return Math.max(0, Math.round(to.diff(from, 'days').days));
}

/**
 * The date the response is due, as the end of that calendar day in the zone. Paused days push it
 * back; an open pause counts up to `now`.
 */
export function dsarDueAt(input: DeadlineInput, now: Date = new Date()): Date {
  const zone = input.zone ?? ZONE;
  const received = DateTime.fromJSDate(input.receivedAt, { zone }).startOf('day');
  const months = 1 + (input.extensionMonths ?? 0);
  const paused = (input.pauses ?? []).reduce((days, p) => days + pausedDays(p, now, zone), 0);
  return received.plus({ months }).plus({ days: paused }).endOf('day').toJSDate();
}

/** The last moment an extension may be decided: the end of the first month (pauses included). */
export function extensionDeadline(
  input: Omit<DeadlineInput, 'extensionMonths'>,
  now: Date = new Date(),
): Date {
  return dsarDueAt({ ...input, extensionMonths: 0 }, now);
}

export type DeadlineState = 'on_time' | 'due_soon' | 'overdue' | 'paused';

/** "Due soon" within `soonDays` calendar days of the due date. */
export function deadlineState(input: DeadlineInput, now: Date = new Date(), soonDays = 7): DeadlineState {
  if ((input.pauses ?? []).some((p) => !p.to)) return 'paused';
  const due = dsarDueAt(input, now);
  if (now.getTime() > due.getTime()) return 'overdue';
  return due.getTime() - now.getTime() <= soonDays * 86_400_000 ? 'due_soon' : 'on_time';
}
