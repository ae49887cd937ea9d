import type { DsarDetail, RectifyDsarRequest } from '@hushdesk/api-client';
import { useState, type SubmitEvent } from 'react';
import { isApiError } from '../../../lib/api-client';
import { fieldSentence } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextAreaField, TextField } from '../../../ui/Field';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import { useCollection } from '../../privacy';
import { useDsarAction } from '../hooks/use-dsar';
import './dsar.css';

type Change = keyof RectifyDsarRequest['changes'];

const FIELDS: { name: Change; label: string; type?: string; multiline?: boolean }[] = [
  { name: 'fullName', label: 'Full name' },
  { name: 'email', label: 'Email', type: 'email' },
  { name: 'phone', label: 'Phone', type: 'tel' },
  { name: 'jobTitle', label: 'Job title' },
  { name: 'employer', label: 'Employer' },
  { name: 'workAddress', label: 'Work address', multiline: true },
  { name: 'imHandle', label: 'IM handle' },
];

const EMPTY: Record<Change, string> = {
  fullName: '',
  email: '',
  phone: '',
  jobTitle: '',
  employer: '',
  workAddress: '',
  imHandle: '',
};

/** Rectification: the corrected values of the person's fields (empty ones are left as they are). */
export function RectifyCard({ request }: { request: DsarDetail }) {
  const rectify = useDsarAction(request.id);
  const collection = useCollection();
  // Only the fields the registry collects now (a switched-off one is refused); all until it is known.
  const offFields = new Set(
    (collection.data ?? [])
      .filter((entry) => entry.field.startsWith('person.') && entry.collection === 'off')
      .map((entry) => entry.field.slice('person.'.length)),
  );
  const shown = FIELDS.filter((field) => !offFields.has(field.name));
  // A change asked for in a structured form (a new sign-in email from My details) is where the
  // form starts; the DPO checks it and applies it, or edits it.
  const [values, setValues] = useState<Record<Change, string>>(() => ({
    ...EMPTY,
    ...(request.requestedChanges?.email ? { email: request.requestedChanges.email } : {}),
  }));
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const fieldErrors = isApiError(rectify.error) ? rectify.error.fields : {};

  const current: Partial<Record<Change, string>> = {
    fullName: request.subject.fullName,
    email: request.subject.email,
    phone: request.subject.phone,
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changes: RectifyDsarRequest['changes'] = {};
    for (const field of shown) {
      const value = values[field.name].trim();
      if (value) changes[field.name] = value;
    }
    if (Object.keys(changes).length === 0) {
      setMissing(true);
      document.getElementById('rectify-fullName')?.focus();
      return;
    }
    setMissing(false);
    setDone(null);
    rectify.mutate(
      { action: 'rectify', body: { changes, note: note.trim() || undefined } },
      {
        onSuccess: () => {
          const labels = FIELDS.filter((field) => field.name in changes).map((field) =>
            field.label.toLowerCase(),
          );
          setDone(`Corrected: ${labels.join(', ')}.`);
          setValues(EMPTY);
          setNote('');
        },
      },
    );
  };

  const errorFor = (name: Change, label: string): string | undefined => {
    const messages = fieldErrors[`changes.${name}`] ?? fieldErrors[name];
    return messages ? fieldSentence(label, messages.join(' ')) : undefined;
  };
  const generalError = rectify.error && Object.keys(fieldErrors).length === 0 ? rectify.error.message : null;

  return (
    <section className="card dsar-rectify" aria-labelledby="dsar-rectify-title">
      <div className="card__header">
        <h2 className="card__title" id="dsar-rectify-title">
          Rectification
        </h2>
        <p className="card__description">
          Enter the corrected values only; fields left empty are not changed. Applying them completes the
          request, with an outcome that lists what was corrected.
        </p>
      </div>
      <StatusMessage tone="success">{done}</StatusMessage>
      <form className="form-stack" onSubmit={handleSubmit} noValidate>
        {missing ? <ErrorMessage>Enter at least one corrected value.</ErrorMessage> : null}
        {generalError ? <ErrorMessage>{generalError}</ErrorMessage> : null}
        <div className="form-grid">
          {shown.map((field) =>
            field.multiline ? (
              <TextAreaField
                key={field.name}
                id={`rectify-${field.name}`}
                label={field.label}
                rows={2}
                value={values[field.name]}
                error={errorFor(field.name, field.label)}
                onChange={(event) => {
                  setValues((now) => ({ ...now, [field.name]: event.target.value }));
                }}
              />
            ) : (
              <TextField
                key={field.name}
                id={`rectify-${field.name}`}
                label={field.label}
                type={field.type}
                autoComplete="off"
                hint={current[field.name] ? `Now: ${String(current[field.name])}` : undefined}
                value={values[field.name]}
                error={errorFor(field.name, field.label)}
                onChange={(event) => {
                  setValues((now) => ({ ...now, [field.name]: event.target.value }));
                }}
              />
            ),
          )}
        </div>
        <TextAreaField
          id="rectify-note"
          label="Note"
          hint="Optional: e.g. how the correct value was confirmed."
          rows={2}
          value={note}
          onChange={(event) => {
            setNote(event.target.value);
          }}
        />
        <div className="dsar-inline-form__actions">
          <BusyButton type="submit" className="button button--primary" busy={rectify.isPending}>
            Apply corrections
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
