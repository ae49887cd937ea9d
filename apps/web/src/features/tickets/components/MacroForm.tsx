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
import { engineerLabel } from '../../../lib/format';
import { toFormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { useEngineers, useTicketGroups } from '../hooks/use-tickets';
import { TagListEditor } from './TagListEditor';

export interface MacroDraft {
  title: string;
  body: string;
  shared: boolean;
  actions: Macro['actions'];
}

type Field = 'title' | 'body' | 'assignee' | 'group' | 'tags';
const API_FIELDS: Record<string, Field> = {
  title: 'title',
  body: 'body',
  'actions.assigneeId': 'assignee',
  'actions.groupId': 'group',
  'actions.tags': 'tags',
};

/** A select's value for "leave as it is" and for "clear it" (the API's `null`). */
const LEAVE = '';
const CLEAR = 'none';

const choiceOf = (value: string | null | undefined) =>
  value === undefined ? LEAVE : value === null ? CLEAR : value;
const valueOf = (choice: string): string | null | undefined =>
  choice === LEAVE ? undefined : choice === CLEAR ? null : choice;

/**
 * A macro's title, text and the ticket changes it makes when applied: status, priority, assignee,
 * group and tags, each "left as it is" unless chosen. Tags replace the ticket's tags as a whole,
 * as `PATCH /api/tickets/:id` does. `canShare`: an admin creating one.
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
  const [assignee, setAssignee] = useState(choiceOf(macro?.actions.assigneeId));
  const [group, setGroup] = useState(choiceOf(macro?.actions.groupId));
  const [setsTags, setSetsTags] = useState(macro?.actions.tags !== undefined);
  const [tags, setTags] = useState<string[]>(macro?.actions.tags ?? []);
  const [shared, setShared] = useState(canShare);
  const engineers = useEngineers();
  const groups = useTicketGroups();
  const [errors, setErrors] = useState<{ form?: string; fields: Partial<Record<Field, string>> }>({
    fields: {},
  });

  // A macro may name an engineer who has left, or a group since deleted: keep it choosable.
  const engineerOptions = (engineers.data ?? []).map((e) => ({ value: e.id, label: engineerLabel(e) }));
  if (macro?.actions.assigneeId && !engineerOptions.some((o) => o.value === macro.actions.assigneeId)) {
    engineerOptions.unshift({ value: macro.actions.assigneeId, label: 'An engineer no longer listed' });
  }
  const groupOptions = (groups.data ?? []).map((g) => ({ value: g.id, label: g.name }));
  if (macro?.actions.groupId && !groupOptions.some((o) => o.value === macro.actions.groupId)) {
    groupOptions.unshift({ value: macro.actions.groupId, label: 'A group no longer listed' });
  }

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
    const actions: Macro['actions'] = {};
    if (status) actions.status = status;
    if (priority) actions.priority = priority;
    const assigneeId = valueOf(assignee);
    if (assigneeId !== undefined) actions.assigneeId = assigneeId;
    const groupId = valueOf(group);
    if (groupId !== undefined) actions.groupId = groupId;
    if (setsTags) actions.tags = tags;
    onSubmit({ title: title.trim(), body, shared: canShare && shared, actions }, (error) => {
      const next = toFormErrors(error, API_FIELDS);
      setErrors(next);
      const first = (['title', 'body', 'assignee', 'group', 'tags'] as const).find((f) => next.fields[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
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
        <SelectField
          id={`${id}-assignee`}
          label="Assigns to"
          value={assignee}
          error={errors.fields.assignee}
          onChange={(event) => setAssignee(event.target.value)}
        >
          <option value={LEAVE}>Leave as it is</option>
          <option value={CLEAR}>Nobody (unassign)</option>
          {engineerOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-group`}
          label="Moves to group"
          value={group}
          error={errors.fields.group}
          onChange={(event) => setGroup(event.target.value)}
        >
          <option value={LEAVE}>Leave as it is</option>
          <option value={CLEAR}>No group</option>
          {groupOptions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="macro-form__tags">
        <legend className="visually-hidden">Tags</legend>
        <label className="macro-form__check" htmlFor={`${id}-sets-tags`}>
          <input
            id={`${id}-sets-tags`}
            type="checkbox"
            checked={setsTags}
            onChange={(event) => setSetsTags(event.target.checked)}
          />
          Sets the ticket’s tags (replacing the ones it has)
        </label>
        {setsTags ? (
          <TagListEditor
            id={`${id}-tags`}
            label="Tags it sets"
            tags={tags}
            error={errors.fields.tags}
            onChange={setTags}
          />
        ) : null}
      </fieldset>
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
