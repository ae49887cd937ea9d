import type { Macro } from '@hushdesk/api-client';
import {
  PRIORITIES,
  PRIORITY_LABELS,
  STATUS_LABELS,
  TICKET_STATUSES,
  type Priority,
  type TicketStatus,
} from '@hushdesk/ticketing';
import { MACRO_PLACEHOLDERS } from '@hushdesk/contracts';
import { useId, useState, type SubmitEvent } from 'react';
import { toFormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';

export interface MacroDraft {
  title: string;
  body: string;
  shared: boolean;
  actions: Macro['actions'];
}

type Field = 'title' | 'body';
const API_FIELDS: Record<string, Field> = { title: 'title', body: 'body' };

/**
 * A macro's title, text and the status and priority it sets when applied. Other ticket changes it
 * already makes (assignee, group, tags) are kept as they are. `canShare`: an admin creating one.
 */
export function MacroForm({
  macro,
  canShare,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  macro?: Macro;
  canShare: boolean;
  busy: boolean;
  submitLabel: string;
  onSubmit: (draft: MacroDraft, onError: (error: unknown) => void) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [title, setTitle] = useState(macro?.title ?? '');
  const [body, setBody] = useState(macro?.body ?? '');
  const [status, setStatus] = useState<TicketStatus | ''>(macro?.actions.status ?? '');
  const [priority, setPriority] = useState<Priority | ''>(macro?.actions.priority ?? '');
  const [shared, setShared] = useState(canShare);
  const [errors, setErrors] = useState<{ form?: string; fields: Partial<Record<Field, string>> }>({
    fields: {},
  });

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields: Partial<Record<Field, string>> = {};
    if (!title.trim()) fields.title = 'Give the macro a title.';
    if (!body.trim()) fields.body = 'Write the text the macro inserts.';
    setErrors({ fields });
    if (fields.title || fields.body) {
      document.getElementById(`${id}-${fields.title ? 'title' : 'body'}`)?.focus();
      return;
    }
    const { status: _s, priority: _p, ...kept } = macro?.actions ?? {};
    const actions: Macro['actions'] = { ...kept };
    if (status) actions.status = status;
    if (priority) actions.priority = priority;
    onSubmit({ title: title.trim(), body, shared: canShare && shared, actions }, (error) => {
      setErrors(toFormErrors(error, API_FIELDS));
    });
  };

  return (
    <form className="macro-form" onSubmit={submit} noValidate aria-label={submitLabel}>
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <TextField
        id={`${id}-title`}
        label="Title"
        value={title}
        maxLength={120}
        autoComplete="off"
        error={errors.fields.title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <TextAreaField
        id={`${id}-body`}
        label="Text"
        value={body}
        rows={5}
        maxLength={10_000}
        hint={`Markdown. Placeholders: ${MACRO_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`}
        error={errors.fields.body}
        onChange={(event) => setBody(event.target.value)}
      />
      <div className="macro-form__row">
        <SelectField
          id={`${id}-status`}
          label="Sets status"
          value={status}
          onChange={(event) => setStatus(event.target.value as TicketStatus | '')}
        >
          <option value="">Leave as it is</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-priority`}
          label="Sets priority"
          value={priority}
          onChange={(event) => setPriority(event.target.value as Priority | '')}
        >
          <option value="">Leave as it is</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </SelectField>
      </div>
      {canShare && !macro ? (
        <label className="macro-form__check" htmlFor={`${id}-shared`}>
          <input
            id={`${id}-shared`}
            type="checkbox"
            checked={shared}
            onChange={(event) => setShared(event.target.checked)}
          />
          Shared with every engineer
        </label>
      ) : null}
      <div className="macro-form__actions">
        <BusyButton type="submit" className="button button--primary" busy={busy}>
          {submitLabel}
        </BusyButton>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
