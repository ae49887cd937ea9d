import { PRIORITIES, PRIORITY_LABELS, STATUS_LABELS, TICKET_STATUSES } from '@hushdesk/ticketing';
import { useId, useState, type SubmitEvent } from 'react';
import { engineerLabel } from '../../../lib/format';
import { focusFirstInvalid, NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { useEngineers, useTicketGroups } from '../../tickets';
import { SLA_LABELS, type ViewFilters } from './view-filters';

type Field = 'name' | 'status' | 'priority' | 'assignee' | 'group' | 'sla';
const API_FIELDS: Record<string, Field> = {
  name: 'name',
  'filters.status': 'status',
  'filters.priority': 'priority',
  'filters.assigneeId': 'assignee',
  'filters.groupId': 'group',
  'filters.sla': 'sla',
};

export interface ViewDraft {
  name: string;
  filters: ViewFilters;
}

/**
 * A shared view's name and the queue filters it keeps: the ones the API saves (no search text,
 * which may name a person). Used to create a view and, in a dialog, to change one.
 */
export function ViewForm({
  view,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  view?: ViewDraft;
  busy: boolean;
  submitLabel: string;
  /** `onError` puts the API's refusal next to its field; `reset` clears the form after a create. */
  onSubmit: (draft: ViewDraft, handlers: { onError: (error: unknown) => void; reset: () => void }) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const engineers = useEngineers();
  const groups = useTicketGroups();
  const initial = view?.filters ?? {};
  const [name, setName] = useState(view?.name ?? '');
  const [status, setStatus] = useState<string>(initial.status ?? '');
  const [priority, setPriority] = useState<string>(initial.priority ?? '');
  const [assignee, setAssignee] = useState(initial.assigneeId ?? '');
  const [group, setGroup] = useState(initial.groupId ?? '');
  const [sla, setSla] = useState<string>(initial.sla ?? '');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const ids: Record<Field, string> = {
    name: `${id}-name`,
    status: `${id}-status`,
    priority: `${id}-priority`,
    assignee: `${id}-assignee`,
    group: `${id}-group`,
    sla: `${id}-sla`,
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) {
      const fields = { name: 'Enter the view’s name.' };
      setErrors({ fields });
      focusFirstInvalid(ids, fields);
      return;
    }
    setErrors(NO_ERRORS);
    const filters: ViewFilters = {};
    if (status) filters.status = status as ViewFilters['status'];
    if (priority) filters.priority = priority as ViewFilters['priority'];
    if (assignee) filters.assigneeId = assignee;
    if (group) filters.groupId = group;
    if (sla) filters.sla = sla as ViewFilters['sla'];
    onSubmit(
      { name: name.trim(), filters },
      {
        onError: (error) => {
          const next = toFormErrors(error, API_FIELDS);
          setErrors(next);
          focusFirstInvalid(ids, next.fields);
        },
        reset: () => {
          setName('');
          setStatus('');
          setPriority('');
          setAssignee('');
          setGroup('');
          setSla('');
        },
      },
    );
  };

  // A view may name an engineer who has since left, or a group now gone: keep it choosable.
  const engineerOptions = (engineers.data ?? []).map((e) => ({ value: e.id, label: engineerLabel(e) }));
  if (initial.assigneeId && !['me', 'unassigned'].includes(initial.assigneeId)) {
    if (!engineerOptions.some((o) => o.value === initial.assigneeId)) {
      engineerOptions.unshift({ value: initial.assigneeId, label: 'A former engineer' });
    }
  }

  return (
    <form className="form-stack" onSubmit={submit} noValidate aria-label={submitLabel}>
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <div className="form-grid view-form__grid">
        <TextField
          id={ids.name}
          label="Name"
          autoComplete="off"
          maxLength={60}
          value={name}
          error={errors.fields.name}
          onChange={(event) => setName(event.target.value)}
        />
        <SelectField
          id={ids.status}
          label="Status"
          value={status}
          error={errors.fields.status}
          onChange={(event) => setStatus(event.target.value)}
        >
          <option value="">Any</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={ids.priority}
          label="Priority"
          value={priority}
          error={errors.fields.priority}
          onChange={(event) => setPriority(event.target.value)}
        >
          <option value="">Any</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={ids.assignee}
          label="Assignee"
          hint="“Whoever looks” shows each engineer their own tickets."
          value={assignee}
          error={errors.fields.assignee}
          onChange={(event) => setAssignee(event.target.value)}
        >
          <option value="">Anyone</option>
          <option value="me">Whoever looks at the view</option>
          <option value="unassigned">Unassigned</option>
          {engineerOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={ids.group}
          label="Group"
          value={group}
          error={errors.fields.group}
          onChange={(event) => setGroup(event.target.value)}
        >
          <option value="">Any</option>
          {groups.data?.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={ids.sla}
          label="SLA"
          value={sla}
          error={errors.fields.sla}
          onChange={(event) => setSla(event.target.value)}
        >
          <option value="">Any</option>
          {Object.entries(SLA_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="admin-dialog__actions">
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <BusyButton type="submit" className="button button--primary" busy={busy}>
          {submitLabel}
        </BusyButton>
      </div>
    </form>
  );
}
