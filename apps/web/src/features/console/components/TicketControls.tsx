import type { TicketDetail, UpdateTicketRequest } from '@hushdesk/api-client';
import {
  isTicketStatus,
  PRIORITIES,
  PRIORITY_LABELS,
  STATUS_LABELS,
  TICKET_STATUSES,
} from '@hushdesk/ticketing';
import { useEffect, useState, type KeyboardEvent, type ReactNode, type SubmitEvent } from 'react';
import { engineerLabel } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { useEngineers, useTicketGroups, useUndoTicketChange, useUpdateTicket } from '../../tickets';
import '../../../ui/ticket-page.css';
import './console.css';

/** How long the confirmation offers Undo (the API accepts it for a few minutes). */
const UNDO_OFFER_MS = 30_000;

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

type FieldName = 'status' | 'priority' | 'assignee' | 'group';

interface ControlField {
  name: FieldName;
  label: string;
  current: string;
  options: Option[];
  toRequest: (value: string) => UpdateTicketRequest;
  /** "status changed to Open": what saving the value did. */
  changed: (label: string) => string;
  /** "the status is New again": what undoing gave back. */
  restored: (label: string) => string;
  hint?: ReactNode;
  disabled?: boolean;
}

const labelOf = (field: ControlField, value: string) =>
  field.options.find((option) => option.value === value)?.label ?? value;

/** "status changed to Open", "priority changed to P1" → "Status changed to Open; priority changed to P1." */
function sentence(parts: string[]): string {
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

interface Saved {
  message: string;
  /** What Undo would give back, for its confirmation; null once it was used (or failed). */
  restores: string | null;
  at: number;
}

/**
 * Status, priority, assignee and group. A choice is only a draft until the engineer saves it
 * (Save, or Enter in a field): keyboard users move through a select with the arrow keys, and each
 * step must not reach the customer. After a save, Undo takes the change back through the API.
 */
export function TicketControls({ ticket }: { ticket: TicketDetail }) {
  const engineers = useEngineers();
  const groups = useTicketGroups();
  const update = useUpdateTicket(ticket.id);
  const undo = useUndoTicketChange(ticket.id);
  const [draft, setDraft] = useState<Partial<Record<FieldName, string>>>({});
  const [saved, setSaved] = useState<Saved | null>(null);

  // Undo is offered for a short while, then the confirmation stays without it.
  useEffect(() => {
    if (!saved?.restores) return undefined;
    const timer = window.setTimeout(
      () => {
        setSaved((current) => (current === saved ? { ...current, restores: null } : current));
      },
      Math.max(0, saved.at + UNDO_OFFER_MS - Date.now()),
    );
    return () => {
      window.clearTimeout(timer);
    };
  }, [saved]);

  // Only where the ticket may go next, plus where it is now.
  const statusOptions: Option[] = TICKET_STATUSES.filter(
    (status) => status === ticket.status || ticket.allowedTransitions.includes(status),
  ).map((status) => ({ value: status, label: STATUS_LABELS[status] }));

  const engineerOptions: Option[] = (engineers.data ?? []).map((engineer) => ({
    value: engineer.id,
    label: engineerLabel(engineer),
  }));
  // Keep the current assignee choosable even when they are not in the list (yet).
  if (ticket.assignee && !engineerOptions.some((option) => option.value === ticket.assignee?.id)) {
    engineerOptions.unshift({ value: ticket.assignee.id, label: engineerLabel(ticket.assignee) });
  }
  const groupOptions: Option[] = (groups.data ?? []).map((group) => ({ value: group.id, label: group.name }));
  if (ticket.group && !groupOptions.some((option) => option.value === ticket.group?.id)) {
    groupOptions.unshift({ value: ticket.group.id, label: ticket.group.name });
  }

  const fields: ControlField[] = [
    {
      name: 'status',
      label: 'Status',
      current: ticket.status,
      options: statusOptions,
      toRequest: (value) => ({ status: value as TicketDetail['status'] }),
      changed: (label) => `status changed to ${label}`,
      restored: (label) => `the status is ${label} again`,
      hint: statusOptions.length <= 1 ? 'Closed is final: this ticket cannot move any more.' : undefined,
      disabled: statusOptions.length <= 1,
    },
    {
      name: 'priority',
      label: 'Priority',
      current: ticket.priority,
      options: PRIORITIES.map((priority) => ({ value: priority, label: PRIORITY_LABELS[priority] })),
      toRequest: (value) => ({ priority: value as TicketDetail['priority'] }),
      changed: (label) => `priority changed to ${label}`,
      restored: (label) => `the priority is ${label} again`,
    },
    {
      name: 'assignee',
      label: 'Assignee',
      current: ticket.assignee?.id ?? '',
      options: [{ value: '', label: 'Unassigned' }, ...engineerOptions],
      toRequest: (value) => ({ assigneeId: value || null }),
      changed: (label) => (label === 'Unassigned' ? 'unassigned' : `assigned to ${label}`),
      restored: (label) =>
        label === 'Unassigned' ? 'it is unassigned again' : `it is assigned to ${label} again`,
    },
    {
      name: 'group',
      label: 'Group',
      current: ticket.group?.id ?? '',
      options: [{ value: '', label: 'No group' }, ...groupOptions],
      toRequest: (value) => ({ groupId: value || null }),
      changed: (label) => (label === 'No group' ? 'removed from its group' : `moved to ${label}`),
      restored: (label) => (label === 'No group' ? 'it is in no group again' : `it is in ${label} again`),
    },
  ];

  const valueOf = (field: ControlField) => draft[field.name] ?? field.current;
  const pending = fields.filter((field) => valueOf(field) !== field.current);

  const save = () => {
    if (pending.length === 0 || update.isPending) return;
    const body = Object.assign(
      {},
      ...pending.map((field) => field.toRequest(valueOf(field))),
    ) as UpdateTicketRequest;
    const message = sentence(pending.map((field) => field.changed(labelOf(field, valueOf(field)))));
    const restores = sentence(pending.map((field) => field.restored(labelOf(field, field.current))));
    undo.reset();
    update.mutate(body, {
      onSuccess: () => {
        setDraft({});
        setSaved({ message, restores, at: Date.now() });
      },
    });
  };

  const discard = () => {
    setDraft({});
    update.reset();
  };

  const takeBack = () => {
    if (!saved?.restores) return;
    const restores = saved.restores;
    undo.mutate(undefined, {
      onSuccess: () => {
        setSaved({
          message: `Undone: ${restores.charAt(0).toLowerCase()}${restores.slice(1)}`,
          restores: null,
          at: Date.now(),
        });
      },
    });
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    save();
  };

  // A select does not submit its form on Enter by itself; here Enter is the explicit choice.
  const handleKeyDown = (event: KeyboardEvent<HTMLSelectElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape' && pending.length > 0) {
      event.preventDefault();
      discard();
    }
  };

  return (
    <section className="card side-card" aria-labelledby="ticket-controls-title">
      <h2 className="card__title side-card__title" id="ticket-controls-title">
        Ticket
      </h2>
      <form className="ticket-controls" onSubmit={handleSubmit} noValidate>
        {fields.map((field) => (
          <SelectField
            key={field.name}
            id={`ticket-${field.name}`}
            label={field.label}
            className={valueOf(field) !== field.current ? 'is-changed' : undefined}
            value={valueOf(field)}
            hint={field.hint}
            disabled={field.disabled}
            onKeyDown={handleKeyDown}
            onChange={(event) => {
              const next = event.target.value;
              setDraft((current) => {
                const rest = { ...current };
                delete rest[field.name];
                return next === field.current ? rest : { ...rest, [field.name]: next };
              });
            }}
          >
            {field.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </SelectField>
        ))}

        {update.error ? <ErrorMessage>{readable(update.error.message)}</ErrorMessage> : null}
        {pending.length > 0 ? (
          <div className="ticket-controls__pending" role="group" aria-label="Unsaved changes">
            <p className="ticket-controls__pending-text">
              Not saved yet:{' '}
              {pending
                .map((field) => `${field.label.toLowerCase()} ${labelOf(field, valueOf(field))}`)
                .join(', ')}
              . The customer sees nothing until you save.
            </p>
            <div className="ticket-controls__pending-actions">
              <BusyButton
                type="submit"
                className="button button--primary button--small"
                busy={update.isPending}
              >
                Save changes
              </BusyButton>
              <button type="button" className="button button--secondary button--small" onClick={discard}>
                Discard
              </button>
            </div>
          </div>
        ) : null}
      </form>

      <dl className="facts ticket-controls__tags">
        <div>
          <dt>Tags</dt>
          <dd data-testid="ticket-tags">{ticket.tags.length ? ticket.tags.join(', ') : 'None'}</dd>
        </div>
      </dl>

      <div
        className={saved ? 'notice notice--success ticket-controls__saved' : 'ticket-controls__saved'}
        data-testid="ticket-saved"
      >
        <div role="status" aria-live="polite" className="notice__body">
          {saved?.message}
        </div>
        {saved?.restores ? (
          <BusyButton
            type="button"
            className="button button--secondary button--small"
            busy={undo.isPending}
            onClick={takeBack}
          >
            Undo<span className="visually-hidden"> the last change</span>
          </BusyButton>
        ) : null}
      </div>
      {undo.error ? <ErrorMessage>{undo.error.message}</ErrorMessage> : null}
    </section>
  );
}
