import { useState, type SubmitEvent } from 'react';
import { fieldSentence, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { useRemoveTag, useRenameTag } from '../hooks/use-tags';
import { RowActions } from './RowActions';

type Mode = 'view' | 'rename' | 'remove';

const ticketsWord = (n: number) => (n === 1 ? '1 ticket' : `${n} tickets`);

/** One tag of the list: its count, and a rename form or a removal to confirm in place. */
export function TagRow({
  tag,
  tickets,
  onDone,
}: {
  tag: string;
  tickets: number;
  onDone: (message: string) => void;
}) {
  const [mode, setMode] = useState<Mode>('view');
  return (
    <tr>
      <th scope="row" className="table__primary">
        <span className="tag-name">{tag}</span>
      </th>
      <td className="table__number">{tickets}</td>
      <td className="table__actions">
        {mode === 'rename' ? (
          <RenameTagForm tag={tag} onCancel={() => setMode('view')} onDone={onDone} />
        ) : mode === 'remove' ? (
          <RemoveTagConfirm tag={tag} tickets={tickets} onCancel={() => setMode('view')} onDone={onDone} />
        ) : (
          <RowActions
            name={tag}
            actions={[
              { label: 'Rename', onClick: () => setMode('rename') },
              { label: 'Remove', onClick: () => setMode('remove'), danger: true },
            ]}
          />
        )}
      </td>
    </tr>
  );
}

function RenameTagForm({
  tag,
  onCancel,
  onDone,
}: {
  tag: string;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const rename = useRenameTag();
  const [to, setTo] = useState(tag);
  const [errors, setErrors] = useState<FormErrors<'to'>>({ fields: {} });
  const id = `rename-${tag.replace(/[^a-z0-9]/g, '-')}`;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    rename.mutate(
      { from: tag, to },
      {
        onSuccess: (result) =>
          onDone(`“${tag}” is now “${to.trim().toLowerCase()}” on ${ticketsWord(result.changed)}.`),
        onError: (error) => setErrors(toFormErrors(error, { to: 'to' })),
      },
    );
  };

  return (
    <form className="tag-inline-form" onSubmit={submit} aria-label={`Rename ${tag}`} noValidate>
      <TextField
        id={id}
        label="New name"
        value={to}
        autoFocus
        maxLength={40}
        error={errors.fields.to ? fieldSentence('New name', errors.fields.to) : undefined}
        onChange={(e) => setTo(e.target.value)}
      />
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <div className="row-actions">
        <BusyButton busy={rename.isPending} className="button button--primary button--small" type="submit">
          Save name
        </BusyButton>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RemoveTagConfirm({
  tag,
  tickets,
  onCancel,
  onDone,
}: {
  tag: string;
  tickets: number;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const remove = useRemoveTag();
  return (
    <div className="tag-inline-form" role="group" aria-label={`Remove ${tag}`}>
      <p className="tag-confirm">
        Take “{tag}” off {ticketsWord(tickets)}? Each ticket’s history records it.
      </p>
      {remove.error ? <ErrorMessage>{remove.error.message}</ErrorMessage> : null}
      <div className="row-actions">
        <BusyButton
          busy={remove.isPending}
          className="button button--danger button--small"
          type="button"
          autoFocus
          onClick={() =>
            remove.mutate(tag, {
              onSuccess: (result) => onDone(`“${tag}” was taken off ${ticketsWord(result.changed)}.`),
            })
          }
        >
          Remove from {ticketsWord(tickets)}
        </BusyButton>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Keep it
        </button>
      </div>
    </div>
  );
}
