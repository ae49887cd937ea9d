import type { Priority, TicketStatus } from '@hushdesk/contracts';
import { CUSTOMER_STATUS_LABELS, PRIORITY_LABELS, STATUS_LABELS } from '@hushdesk/ticketing';
import './tickets.css';

/** Customers read statuses in plain words ("Waiting for your reply"); staff read the workflow's. */
export function StatusBadge({
  status,
  audience = 'staff',
}: {
  status: TicketStatus;
  audience?: 'staff' | 'customer';
}) {
  return (
    <span className={`badge status-badge status-badge--${status}`} data-status={status}>
      {(audience === 'customer' ? CUSTOMER_STATUS_LABELS : STATUS_LABELS)[status]}
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
