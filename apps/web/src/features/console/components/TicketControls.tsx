import type { TicketDetail, UpdateTicketRequest } from '@hushdesk/contracts';
import {
  isTicketStatus,
  PRIORITIES,
  PRIORITY_LABELS,
  STATUS_LABELS,
  TICKET_STATUSES,
} from '@hushdesk/ticketing';
import { useState, type ReactNode } from 'react';
import { SelectField } from '../../../ui/Field';
import { StatusMessage } from '../../../ui/Feedback';
import { useEngineers, useTicketGroups, useUpdateTicket } from '../../tickets/hooks/use-tickets';

/** The API names statuses by code ("pending_customer"); show the labels people know. */
function readable(message: string): string {
  const label = (code: string) => (isTicketStatus(code) ? STATUS_LABELS[code] : code);
  return message.replace(
    /from (\w+) to (\w+); allowed: ([\w, ]+)/,
    (_match, from: string, to: string, allowed: string) =>
      `from ${label(from)} to ${label(to)}; allowed: ${allowed
        .split(/,\s*/)
        .map((code) => label(code.trim()))
        .join(', ')}`,
  );
}

interface Option {
  value: string;
  label: string;
}

/**
 * One select that saves as soon as it changes. While the change is on its way it shows the new
 * value; if the API refuses (e.g. 409 for a status the ticket cannot move to), it goes back to
 * the saved value and shows why.
 */
function SavingSelect({
  ticketId,
  id,
  label,
  current,
  options,
  toRequest,
  describe,
  hint,
  onSaved,
  disabled,
}: {
  ticketId: string;
  id: string;
  label: string;
  current: string;
  options: Option[];
  toRequest: (value: string) => UpdateTicketRequest;
  describe: (label: string) => string;
  hint?: ReactNode;
  onSaved: (message: string) => void;
  disabled?: boolean;
}) {
  const update = useUpdateTicket(ticketId);
  const [pending, setPending] = useState<string | null>(null);
  const value = update.isPending && pending !== null ? pending : current;

  return (
    <SelectField
      id={id}
      label={label}
      value={value}
      hint={hint}
      disabled={disabled}
      aria-busy={update.isPending}
      onChange={(event) => {
        const next = event.target.value;
        if (next === current) return;
        setPending(next);
        update.mutate(toRequest(next), {
          onSuccess: () => {
            onSaved(describe(options.find((option) => option.value === next)?.label ?? next));
          },
        });
      }}
      error={update.error ? readable(update.error.message) : undefined}
    >
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
  );
}

/** Status, priority, assignee and group, each saved on change. */
export function TicketControls({ ticket }: { ticket: TicketDetail }) {
  const engineers = useEngineers();
  const groups = useTicketGroups();
  const [saved, setSaved] = useState<string | null>(null);

  // Only where the ticket may go next, plus where it is now.
  const statusOptions: Option[] = TICKET_STATUSES.filter(
    (status) => status === ticket.status || ticket.allowedTransitions.includes(status),
  ).map((status) => ({ value: status, label: STATUS_LABELS[status] }));

  const engineerOptions: Option[] = (engineers.data ?? []).map((engineer) => ({
    value: engineer.id,
    label: engineer.name ?? 'Unnamed engineer',
  }));
  // Keep the current assignee choosable even when they are not in the list (yet).
  if (ticket.assignee && !engineerOptions.some((option) => option.value === ticket.assignee?.id)) {
    engineerOptions.unshift({ value: ticket.assignee.id, label: ticket.assignee.name ?? 'Unnamed engineer' });
  }
  const groupOptions: Option[] = (groups.data ?? []).map((group) => ({ value: group.id, label: group.name }));
  if (ticket.group && !groupOptions.some((option) => option.value === ticket.group?.id)) {
    groupOptions.unshift({ value: ticket.group.id, label: ticket.group.name });
  }

  return (
    <section className="card side-card" aria-labelledby="ticket-controls-title">
      <h2 className="card__title side-card__title" id="ticket-controls-title">
        Ticket
      </h2>
      <div className="ticket-controls">
        <SavingSelect
          ticketId={ticket.id}
          id="ticket-status"
          label="Status"
          current={ticket.status}
          options={statusOptions}
          toRequest={(value) => ({ status: value as TicketDetail['status'] })}
          describe={(label) => `Status changed to ${label}.`}
          hint={statusOptions.length <= 1 ? 'Closed is final: this ticket cannot move any more.' : undefined}
          disabled={statusOptions.length <= 1}
          onSaved={setSaved}
        />
        <SavingSelect
          ticketId={ticket.id}
          id="ticket-priority"
          label="Priority"
          current={ticket.priority}
          options={PRIORITIES.map((priority) => ({ value: priority, label: PRIORITY_LABELS[priority] }))}
          toRequest={(value) => ({ priority: value as TicketDetail['priority'] })}
          describe={(label) => `Priority changed to ${label}.`}
          onSaved={setSaved}
        />
        <SavingSelect
          ticketId={ticket.id}
          id="ticket-assignee"
          label="Assignee"
          current={ticket.assignee?.id ?? ''}
          options={[{ value: '', label: 'Unassigned' }, ...engineerOptions]}
          toRequest={(value) => ({ assigneeId: value || null })}
          describe={(label) => (label === 'Unassigned' ? 'Ticket unassigned.' : `Assigned to ${label}.`)}
          onSaved={setSaved}
        />
        <SavingSelect
          ticketId={ticket.id}
          id="ticket-group"
          label="Group"
          current={ticket.group?.id ?? ''}
          options={[{ value: '', label: 'No group' }, ...groupOptions]}
          toRequest={(value) => ({ groupId: value || null })}
          describe={(label) => (label === 'No group' ? 'Removed from its group.' : `Moved to ${label}.`)}
          onSaved={setSaved}
        />
      </div>
      <StatusMessage tone="success">{saved}</StatusMessage>
    </section>
  );
}
