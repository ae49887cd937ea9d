import { DSAR_STATUS_LABELS, type DsarDeadlineState, type DsarStatus } from '@hushdesk/contracts';
import { Badge } from '../../../ui/Layout';
import { DEADLINE_BADGES, STATUS_PORTAL_LABELS, STATUS_TONES } from './dsar-labels';
import './dsar.css';

const DAY_MS = 86_400_000;

/** "Due soon" (amber), "Overdue" (red) or "Paused" (grey); nothing while on time or closed. */
export function DeadlineBadge({ state }: { state: DsarDeadlineState }) {
  const badge = DEADLINE_BADGES[state];
  if (!badge) return null;
  return (
    <span className={`dsar-deadline dsar-deadline--${state}`} data-deadline={state}>
      <Badge tone={badge.tone}>{badge.label}</Badge>
    </span>
  );
}

/** The status in the DPO's words, or the requester's with `portal`. */
export function DsarStatusBadge({ status, portal = false }: { status: DsarStatus; portal?: boolean }) {
  return (
    <span className="dsar-status" data-status={status}>
      <Badge tone={STATUS_TONES[status]}>
        {portal ? STATUS_PORTAL_LABELS[status] : DSAR_STATUS_LABELS[status]}
      </Badge>
    </span>
  );
}

/**
 * "12 days left", "Due today", "3 days overdue"; null for a closed request. The due moment is the
 * end of the due day, so whole days are counted down from it.
 */
export function daysLeftText(
  request: { dueAt: string; deadlineState: DsarDeadlineState; closedAt: string | null },
  now: number,
): string | null {
  if (request.closedAt || request.deadlineState === 'closed') return null;
  if (request.deadlineState === 'paused') return 'Clock paused';
  const due = Date.parse(request.dueAt);
  if (Number.isNaN(due)) return null;
  const days = Math.floor((due - now) / DAY_MS);
  if (days === 0) return 'Due today';
  if (days > 0) return days === 1 ? '1 day left' : `${String(days)} days left`;
  return days === -1 ? '1 day overdue' : `${String(-days)} days overdue`;
}
