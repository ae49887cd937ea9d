import type { TicketHistoryEntry } from '@hushdesk/api-client';
import { displayName, type Priority, type TicketStatus } from '@hushdesk/contracts';
import { isPriority, isTicketStatus, PRIORITY_LABELS, STATUS_LABELS } from '@hushdesk/ticketing';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { ErrorMessage, Spinner } from '../../../ui/Feedback';
import { useEngineers, useTicketGroups, useTicketHistory } from '../../tickets';
import '../../../ui/ticket-page.css';
import './console.css';

type Names = (value: string) => string;

function describe(entry: TicketHistoryEntry, engineerName: Names, groupName: Names): string {
  const { from, to } = entry;
  switch (entry.field) {
    case 'status': {
      const label = (value: string | null) =>
        value && isTicketStatus(value) ? STATUS_LABELS[value as TicketStatus] : (value ?? 'none');
      return from
        ? `changed the status from ${label(from)} to ${label(to)}`
        : `set the status to ${label(to)}`;
    }
    case 'priority': {
      const label = (value: string | null) =>
        value && isPriority(value) ? PRIORITY_LABELS[value as Priority] : (value ?? 'none');
      return from
        ? `changed the priority from ${label(from)} to ${label(to)}`
        : `set the priority to ${label(to)}`;
    }
    case 'assignee':
      if (!to) return from ? `unassigned ${engineerName(from)}` : 'unassigned the ticket';
      return from
        ? `reassigned it from ${engineerName(from)} to ${engineerName(to)}`
        : `assigned it to ${engineerName(to)}`;
    case 'group':
      if (!to) return from ? `removed it from ${groupName(from)}` : 'removed it from its group';
      return from ? `moved it from ${groupName(from)} to ${groupName(to)}` : `moved it to ${groupName(to)}`;
    case 'tags':
      return `changed the tags${from ? ` from ${from}` : ''} to ${to || 'none'}`;
    case 'merged_into':
      return `merged this ticket into ${to ?? 'another ticket'}`;
    case 'merged_from':
      return `merged ${to ?? 'another ticket'} into this one`;
    default:
      return 'changed the ticket';
  }
}

/** Who changed what on the ticket, and when: newest first. */
export function HistoryPanel({ ticketId }: { ticketId: string }) {
  const now = useNow(60_000);
  const history = useTicketHistory(ticketId);
  const engineers = useEngineers();
  const groups = useTicketGroups();

  // The API may record ids or names; show a name whenever we know one.
  const engineerName: Names = (value) =>
    engineers.data?.find((engineer) => engineer.id === value)?.name ?? value;
  const groupName: Names = (value) => groups.data?.find((group) => group.id === value)?.name ?? value;

  let body;
  if (history.isPending) body = <Spinner label="Loading the history…" />;
  else if (history.error)
    body = <ErrorMessage>The history could not be loaded. {history.error.message}</ErrorMessage>;
  else if (history.data.length === 0) body = <p className="side-card__empty">No changes yet.</p>;
  else {
    body = (
      <ol className="history">
        {history.data.map((entry) => (
          <li key={entry.id} className="history__item">
            <p className="history__text">
              <strong>{displayName(entry.actor.name, entry.actor.kind)}</strong>{' '}
              {describe(entry, engineerName, groupName)}
            </p>
            <time className="history__time" dateTime={entry.at} title={formatDateTime(entry.at)}>
              {formatRelative(entry.at, now)}
            </time>
          </li>
        ))}
      </ol>
    );
  }

  return (
    <section className="card side-card" aria-labelledby="history-title">
      <h2 className="card__title side-card__title" id="history-title">
        History
      </h2>
      {body}
    </section>
  );
}
