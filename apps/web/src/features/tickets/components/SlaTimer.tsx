import type { SlaClock, TicketSummary } from '@hushdesk/api-client';
import { formatDateTime } from '../../../lib/format';
import { ClockIcon } from '../../../ui/icons';
import {
  clockState,
  formatCountdown,
  SLA_STATE_LABELS,
  SLA_TARGET_LABELS,
  ticketDeadline,
  ticketDeadlineTarget,
  ticketSlaState,
} from './sla';
import './tickets.css';

/**
 * The queue's countdown to a ticket's next SLA deadline, coloured by how it stands, and named for
 * the target it counts down to (first response or resolution).
 */
export function SlaTimer({ ticket, now }: { ticket: TicketSummary; now: number }) {
  const state = ticketSlaState(ticket, now);
  const dueAt = ticketDeadline(ticket, now);
  const counting = dueAt !== null && (state === 'ok' || state === 'at_risk' || state === 'breached');
  const target = counting ? ticketDeadlineTarget(ticket, now) : null;

  let text: string;
  if (state === 'ok' || state === 'at_risk' || state === 'breached') {
    text = dueAt ? formatCountdown(dueAt, now) : SLA_STATE_LABELS[state];
  } else {
    text = SLA_STATE_LABELS[state];
  }

  return (
    <span className="sla-countdown">
      <span className={`sla-timer sla-timer--${state}`} data-sla={state}>
        <ClockIcon size={15} />
        {dueAt && (state === 'ok' || state === 'at_risk' || state === 'breached') ? (
          <time dateTime={dueAt} title={`Due ${formatDateTime(dueAt)}`}>
            {text}
          </time>
        ) : (
          <span>{text}</span>
        )}
        {state === 'at_risk' ? <span className="visually-hidden"> (at risk)</span> : null}
      </span>
      {target ? (
        <span className="sla-countdown__target"> for {SLA_TARGET_LABELS[target].toLowerCase()}</span>
      ) : null}
    </span>
  );
}

/** One SLA target on the ticket page: its state, its due time and how long is left. */
export function SlaClockRow({
  label,
  clock,
  completedAt,
  completedVerb,
  now,
}: {
  label: string;
  clock: SlaClock;
  completedAt: string | null;
  /** "Responded", "Resolved": what meeting the target means. */
  completedVerb: string;
  now: number;
}) {
  const state = clockState(clock, now);
  let detail: string | null = null;
  if ((state === 'met' || state === 'breached') && completedAt) {
    detail = `${completedVerb} ${formatDateTime(completedAt)}`;
  } else if (state === 'paused') detail = 'The clock stops while we wait for the customer.';
  else if ((state === 'ok' || state === 'at_risk' || state === 'breached') && clock.dueAt) {
    detail = formatCountdown(clock.dueAt, now);
  }

  return (
    <div className={`sla-clock sla-clock--${state}`}>
      <dt className="sla-clock__label">{label}</dt>
      <dd className="sla-clock__value">
        <span className="sla-clock__state">{SLA_STATE_LABELS[state]}</span>
        {detail ? <span className="sla-clock__detail">{detail}</span> : null}
        {clock.dueAt ? (
          <span className="sla-clock__due">
            Due <time dateTime={clock.dueAt}>{formatDateTime(clock.dueAt)}</time>
          </span>
        ) : null}
      </dd>
    </div>
  );
}
