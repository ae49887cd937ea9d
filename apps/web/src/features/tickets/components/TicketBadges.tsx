import type { Priority, TicketStatus } from '@hushdesk/contracts';
import { PRIORITY_LABELS, STATUS_LABELS } from '@hushdesk/ticketing';
import './tickets.css';

export function StatusBadge({ status }: { status: TicketStatus }) {
  return (
    <span className={`badge status-badge status-badge--${status}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <span
      className={`badge priority-badge priority-badge--${priority.toLowerCase()}`}
      data-priority={priority}
    >
      <span className="priority-badge__dot" aria-hidden="true" />
      {PRIORITY_LABELS[priority]}
    </span>
  );
}
