import { useId, useState } from 'react';
import { toFormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { StatusMessage } from '../../../ui/Feedback';
import { useCreateMacro } from '../hooks/use-reply-tools';
import './reply-box.css';

/**
 * "Save as macro": keeps the reply box's text as the engineer's own macro (personal: only they
 * see it). Placeholders such as {{requester.firstName}} are kept as written.
 */
export function SaveAsMacro({ body }: { body: string }) {
  const create = useCreateMacro();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | null>(null);
  const titleId = useId();

  if (!open) {
    return (
      <div className="save-macro">
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={!body.trim()}
          onClick={() => {
            setOpen(true);
            setSaved(null);
            requestAnimationFrame(() => document.getElementById(titleId)?.focus());
          }}
        >
          Save as macro
        </button>
        <StatusMessage tone="success">{saved}</StatusMessage>
      </div>
    );
  }

  const save = () => {
    if (!title.trim()) {
      setError('Give the macro a title.');
      return;
    }
    create.mutate(
      { title: title.trim(), body },
      {
        onSuccess: (macro) => {
          setOpen(false);
          setTitle('');
          setError(undefined);
          setSaved(`Saved “${macro.title}” as your macro.`);
        },
        onError: (failure) => {
          const next = toFormErrors(failure, { title: 'title', body: 'body' });
          setError(next.fields.title ?? next.fields.body ?? next.form);
        },
      },
    );
  };

  return (
    <div className="save-macro save-macro--open" role="group" aria-label="Save as macro">
      <TextField
        id={titleId}
        label="Macro title"
        value={title}
        maxLength={120}
        hint="Personal: only you see it. The text is kept as written, placeholders included."
        error={error}
        onChange={(event) => {
          setTitle(event.target.value);
          if (error) setError(undefined);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            save();
          } else if (event.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <div className="save-macro__actions">
        <BusyButton
          type="button"
          className="button button--primary button--small"
          busy={create.isPending}
          onClick={save}
        >
          Save macro
        </BusyButton>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            setOpen(false);
          }}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
