import { type ClockKind, workingMinutesBetween } from './business-time';
import type { BusinessCalendar } from './calendar';

export const SLA_STATES = ['ok', 'at_risk', 'breached', 'met', 'paused', 'none'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** Share of the target left (in clock minutes) at or below which a running SLA is at risk. */
export const AT_RISK_FRACTION = 0.25;

export interface SlaStateInput {
  /** Null when the ticket has no target of this kind. */
  dueAt: Date | null;
  /** The full target, used for the at-risk threshold. */
  targetMinutes: number;
  now: Date;
  clock: ClockKind;
  cal: BusinessCalendar;
  /** When the target was met (first response sent, ticket resolved). */
  completedAt?: Date | null;
  /** When the clock was paused, if it is paused now. */
  pausedAt?: Date | null;
}

/**
 * Where one SLA target stands.
 *
 * - 'none': no due date.
 * - 'met' / 'breached': completed at or before / after the due date.
 * - 'breached': not completed and the due date has passed (`now === dueAt` is not yet breached). While the
 *   clock is paused, time is frozen at `pausedAt`, so a paused target is breached only if it was already
 *   past due when it paused (the stored due date is moved on when the clock resumes; see resumeDueAt).
 * - 'paused': the clock is paused and the target was not breached.
 * - 'at_risk': clock minutes left until the due date are at most 25% of the target.
 * - 'ok': otherwise.
 */
export function slaState(input: SlaStateInput): SlaState {
  const { dueAt, targetMinutes, now, clock, cal, completedAt, pausedAt } = input;
  if (dueAt === null) return 'none';
  const due = dueAt.getTime();
  if (completedAt) return completedAt.getTime() <= due ? 'met' : 'breached';
  if (pausedAt) return pausedAt.getTime() > due ? 'breached' : 'paused';
  if (now.getTime() > due) return 'breached';
  const left = workingMinutesBetween(now, dueAt, clock, cal);
  return left <= targetMinutes * AT_RISK_FRACTION ? 'at_risk' : 'ok';
}
