import type { Priority } from '../status';
import { addWorkingMinutes, type ClockKind } from './business-time';
import type { BusinessCalendar } from './calendar';

export interface SlaTarget {
  firstResponseMinutes: number;
  resolutionMinutes: number;
  clock: ClockKind;
}

export type SlaTargets = Record<Priority, SlaTarget>;

/** P1 runs 24/7 in real minutes; the rest count business minutes (one business day = 510 minutes). */
export const DEFAULT_SLA_TARGETS: SlaTargets = Object.freeze({
  P1: Object.freeze({ firstResponseMinutes: 60, resolutionMinutes: 240, clock: '24x7' as const }), // 1 h, 4 h
  P2: Object.freeze({ firstResponseMinutes: 240, resolutionMinutes: 510, clock: 'business' as const }), // 4 business hours, 1 business day
  P3: Object.freeze({ firstResponseMinutes: 510, resolutionMinutes: 1530, clock: 'business' as const }), // 1 and 3 business days
  P4: Object.freeze({ firstResponseMinutes: 1020, resolutionMinutes: 5100, clock: 'business' as const }), // 2 and 10 business days
});

export interface DueDates {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
}

/** When the first response and the resolution of a ticket created at `createdAt` are due. */
export function computeDueDates(
  createdAt: Date,
  priority: Priority,
  targets: SlaTargets,
  cal: BusinessCalendar,
): DueDates {
  const target = targets[priority];
  if (!target) throw new RangeError(`No SLA target for priority '${priority}'`);
  return {
    firstResponseDueAt: addWorkingMinutes(createdAt, target.firstResponseMinutes, target.clock, cal),
    resolutionDueAt: addWorkingMinutes(createdAt, target.resolutionMinutes, target.clock, cal),
  };
}
