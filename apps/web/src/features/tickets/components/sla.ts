import type { SlaClock, TicketSummary } from '@hushdesk/api-client';
import type { SlaState } from '@hushdesk/contracts';

/** How a ticket stands overall, for the queue's SLA column. */
export type TicketSlaState = 'ok' | 'at_risk' | 'breached' | 'paused' | 'met' | 'none';

export const SLA_STATE_LABELS: Record<SlaState, string> = {
  ok: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  met: 'Met',
  paused: 'Paused',
  none: 'No target',
};

const RUNNING: readonly SlaState[] = ['ok', 'at_risk'];

/** A running clock whose due time has passed counts as breached, even before the server says so. */
export function clockState(clock: SlaClock, now: number): SlaState {
  if (RUNNING.includes(clock.state) && clock.dueAt && Date.parse(clock.dueAt) < now) return 'breached';
  return clock.state;
}

/** The worst of the two clocks: breached, then at risk, then on track, then paused. */
export function ticketSlaState(ticket: TicketSummary, now: number): TicketSlaState {
  const states = [clockState(ticket.sla.firstResponse, now), clockState(ticket.sla.resolution, now)];
  for (const state of ['breached', 'at_risk', 'ok', 'paused', 'met'] as const) {
    if (states.includes(state)) return state;
  }
  return 'none';
}

/** "2d 3h", "2h 14m", "35m", "<1m". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return '<1m';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${String(days)}d ${String(hours)}h`;
  if (hours > 0) return `${String(hours)}h ${String(rest)}m`;
  return `${String(rest)}m`;
}

/** "2h 14m left", or "Breached 35m ago" once the time has passed. */
export function formatCountdown(dueAt: string, now: number): string {
  const diff = Date.parse(dueAt) - now;
  return diff >= 0 ? `${formatDuration(diff)} left` : `Breached ${formatDuration(diff)} ago`;
}

/** The deadline the queue counts down to: a breached clock's, else the next one running. */
export function ticketDeadline(ticket: TicketSummary, now: number): string | null {
  const { firstResponse, resolution } = ticket.sla;
  const breached = [firstResponse, resolution].find(
    (clock) => clockState(clock, now) === 'breached' && clock.dueAt,
  );
  if (breached?.dueAt) return breached.dueAt;
  if (ticket.nextDueAt) return ticket.nextDueAt;
  const running = [firstResponse, resolution]
    .filter((clock) => RUNNING.includes(clock.state) && clock.dueAt)
    .map((clock) => clock.dueAt as string)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return running[0] ?? null;
}

/** The SLA targets, as the queue names the one a countdown is for. */
export const SLA_TARGET_LABELS = { firstResponse: 'First response', resolution: 'Resolution' } as const;

/** Which target `ticketDeadline` counts down to: the clock whose due time it is. */
export function ticketDeadlineTarget(
  ticket: TicketSummary,
  now: number,
): keyof typeof SLA_TARGET_LABELS | null {
  const dueAt = ticketDeadline(ticket, now);
  if (!dueAt) return null;
  const { firstResponse, resolution } = ticket.sla;
  // Both clocks can share a due time; the first response comes first.
  if (firstResponse.dueAt === dueAt && clockState(firstResponse, now) !== 'met') return 'firstResponse';
  if (resolution.dueAt === dueAt) return 'resolution';
  return null;
}
