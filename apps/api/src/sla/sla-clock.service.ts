import { Injectable } from '@nestjs/common';
import {
  addWorkingMinutes,
  AT_RISK_FRACTION,
  computeDueDates,
  isSlaPaused,
  PRIORITIES,
  resumeDueAt,
  slaState,
  workingMinutesBetween,
  type Priority,
  type TicketStatus,
} from '@hushdesk/ticketing';
import type { SlaClockDto as SlaClockView } from '../tickets/dto/ticket.dto';
import type { ResponseTimeDto } from './dto/response-time.dto';
import { SlaSettings } from './sla-settings.service';

/** The SLA columns of a ticket, as stored. */
export interface SlaFields {
  priority: Priority;
  status: TicketStatus;
  createdAt: Date;
  firstResponseDueAt: Date | null;
  firstResponseAtRiskAt: Date | null;
  resolutionDueAt: Date | null;
  resolutionAtRiskAt: Date | null;
  nextDueAt: Date | null;
  nextAtRiskAt: Date | null;
  slaPausedAt: Date | null;
  firstRespondedAt: Date | null;
  resolvedAt: Date | null;
}

type Clock = 'firstResponse' | 'resolution';

/**
 * Runs each ticket's two SLA clocks over the business calendar: starts them at creation, pauses
 * them while the ticket waits on the customer (or is resolved), resumes them with the time that
 * was left, and says where each stands. Due and at-risk instants are stored, so the queue can
 * sort and filter on them in SQL.
 */
@Injectable()
export class SlaClockService {
  constructor(private readonly settings: SlaSettings) {}

  private target(priority: Priority) {
    return this.settings.targets[priority];
  }

  /** The targets per priority, as a requester may read them. */
  responseTimes(): ResponseTimeDto[] {
    return PRIORITIES.map((priority) => {
      const t = this.target(priority);
      return {
        priority,
        firstResponseMinutes: t.firstResponseMinutes,
        resolutionMinutes: t.resolutionMinutes,
        clock: t.clock,
      };
    });
  }

  /** Clocks for a ticket created (or re-prioritised) at `createdAt`. */
  start(
    createdAt: Date,
    priority: Priority,
  ): Pick<
    SlaFields,
    'firstResponseDueAt' | 'firstResponseAtRiskAt' | 'resolutionDueAt' | 'resolutionAtRiskAt'
  > {
    const { calendar, targets } = this.settings;
    const target = targets[priority];
    const due = computeDueDates(createdAt, priority, targets, calendar);
    const riskAt = (minutes: number) =>
      addWorkingMinutes(createdAt, minutes * (1 - AT_RISK_FRACTION), target.clock, calendar);
    return {
      firstResponseDueAt: due.firstResponseDueAt,
      firstResponseAtRiskAt: riskAt(target.firstResponseMinutes),
      resolutionDueAt: due.resolutionDueAt,
      resolutionAtRiskAt: riskAt(target.resolutionMinutes),
    };
  }

  /**
   * Applies a change of status, priority or first response, returning the SLA columns to store.
   * `before` is the ticket as it was; `after` holds the new status/priority/timestamps.
   */
  apply(before: SlaFields, after: Partial<SlaFields>, now: Date): Partial<SlaFields> {
    const next: SlaFields = { ...before, ...after };
    const wasPaused = before.slaPausedAt !== null;
    const pausedNow = isSlaPaused(next.status);

    if (after.priority && after.priority !== before.priority) {
      Object.assign(next, this.start(before.createdAt, after.priority));
      if (wasPaused) next.slaPausedAt = before.slaPausedAt;
    }
    if (!wasPaused && pausedNow) {
      next.slaPausedAt = now;
    } else if (wasPaused && !pausedNow) {
      this.resume(next, before.slaPausedAt as Date, now);
      next.slaPausedAt = null;
    }
    this.pointAtRunningClock(next);
    return {
      firstResponseDueAt: next.firstResponseDueAt,
      firstResponseAtRiskAt: next.firstResponseAtRiskAt,
      resolutionDueAt: next.resolutionDueAt,
      resolutionAtRiskAt: next.resolutionAtRiskAt,
      nextDueAt: next.nextDueAt,
      nextAtRiskAt: next.nextAtRiskAt,
      slaPausedAt: next.slaPausedAt,
    };
  }

  /** The clock that is running now: first response until answered, then resolution; none when stopped. */
  pointAtRunningClock(t: SlaFields): void {
    if (t.slaPausedAt || isSlaPaused(t.status)) {
      t.nextDueAt = null;
      t.nextAtRiskAt = null;
    } else if (!t.firstRespondedAt) {
      t.nextDueAt = t.firstResponseDueAt;
      t.nextAtRiskAt = t.firstResponseAtRiskAt;
    } else {
      t.nextDueAt = t.resolutionDueAt;
      t.nextAtRiskAt = t.resolutionAtRiskAt;
    }
  }

  /** Moves each unmet deadline (and its at-risk point) on by the time the clock was stopped. */
  private resume(t: SlaFields, pausedAt: Date, now: Date): void {
    const { calendar } = this.settings;
    const { clock } = this.target(t.priority);
    const shift = (
      due: Date | null,
      riskAt: Date | null,
      targetMinutes: number,
    ): [Date | null, Date | null] => {
      if (!due) return [due, riskAt];
      const newDue = resumeDueAt(due, pausedAt, now, clock, calendar);
      if (newDue.getTime() === due.getTime()) return [due, riskAt];
      const left = workingMinutesBetween(now, newDue, clock, calendar);
      const beforeRisk = left - targetMinutes * AT_RISK_FRACTION;
      return [newDue, beforeRisk > 0 ? addWorkingMinutes(now, beforeRisk, clock, calendar) : now];
    };
    const target = this.target(t.priority);
    if (!t.firstRespondedAt) {
      [t.firstResponseDueAt, t.firstResponseAtRiskAt] = shift(
        t.firstResponseDueAt,
        t.firstResponseAtRiskAt,
        target.firstResponseMinutes,
      );
    }
    [t.resolutionDueAt, t.resolutionAtRiskAt] = shift(
      t.resolutionDueAt,
      t.resolutionAtRiskAt,
      target.resolutionMinutes,
    );
  }

  view(t: SlaFields, now: Date): Record<Clock, SlaClockView> {
    const { calendar } = this.settings;
    const target = this.target(t.priority);
    const state = (dueAt: Date | null, minutes: number, completedAt: Date | null) => ({
      dueAt: dueAt?.toISOString() ?? null,
      state: slaState({
        dueAt,
        targetMinutes: minutes,
        now,
        clock: target.clock,
        cal: calendar,
        completedAt,
        pausedAt: t.slaPausedAt,
      }),
    });
    return {
      firstResponse: state(t.firstResponseDueAt, target.firstResponseMinutes, t.firstRespondedAt),
      resolution: state(t.resolutionDueAt, target.resolutionMinutes, t.resolvedAt),
    };
  }
}

/** SLA fields (camelCase) keyed by the columns they are stored in. */
export function slaColumns(fields: Partial<SlaFields>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]),
  );
}
