import { Fragment, useState, type ChangeEvent, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import {
  focusFirstInvalid,
  NO_ERRORS,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BusyButton } from '../../../ui/BusyButton';
import { TextAreaField, TextField } from '../../../ui/Field';
import { ErrorMessage, Spinner, StatusMessage } from '../../../ui/Feedback';
import { LockIcon } from '../../../ui/icons';
import { Card, PageHeader } from '../../../ui/Layout';
import { useCurrentUser } from '../../auth';
import {
  isEmailChangeRequested,
  isPersonField,
  type PersonField,
  type PersonRecord,
  type PersonUpdate,
  useUpdatePerson,
  usePerson,
} from '../../people';
import { type CollectedField, useCollection } from '../../privacy';
import './privacy-pages.css';

/** How each field is typed, so browsers can offer to fill it. */
const INPUTS: Record<PersonField, { type?: string; autoComplete: string; multiline?: boolean }> = {
  fullName: { autoComplete: 'name' },
  email: { type: 'email', autoComplete: 'email' },
  phone: { type: 'tel', autoComplete: 'tel' },
  jobTitle: { autoComplete: 'organization-title' },
  employer: { autoComplete: 'organization' },
  workAddress: { autoComplete: 'street-address', multiline: true },
  imHandle: { autoComplete: 'off' },
};

interface ShownField {
  name: PersonField;
  label: string;
  required: boolean;
  purposeHint: string | null;
}

/** The person fields the registry collects now, in its order; switched-off fields are not shown. */
function shownFields(collection: CollectedField[]): ShownField[] {
  return collection.flatMap((entry) => {
    if (!entry.field.startsWith('person.') || entry.collection === 'off') return [];
    const name = entry.field.slice('person.'.length);
    if (!isPersonField(name)) return [];
    return [
      { name, label: entry.label, required: entry.collection === 'required', purposeHint: entry.purposeHint },
    ];
  });
}

const fieldId = (name: PersonField) => `details-${name}`;

export function MyDetailsPage() {
  useDocumentTitle('My details');
  const { data: user } = useCurrentUser();
  const person = usePerson(user?.personId);
  const collection = useCollection();

  let body;
  if (person.isPending || collection.isPending) {
    body = <Spinner label="Loading your details…" />;
  } else if (person.error || collection.error) {
    const error = person.error ?? collection.error;
    body = (
      <ErrorMessage
        action={
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              void person.refetch();
              void collection.refetch();
            }}
          >
            Try again
          </button>
        }
      >
        Your details could not be loaded. {error?.message}
      </ErrorMessage>
    );
  } else {
    body = <DetailsForm key={person.data.id} person={person.data} fields={shownFields(collection.data)} />;
  }

  return (
    <>
      <PageHeader
        title="My details"
        description="The contact details we hold about you. Keep them up to date; leave optional ones empty if you would rather not give them."
      />
      <div className="home-grid">
        <div className="home-grid__main">{body}</div>
        <Card title="How we use these details" titleId="details-privacy-title" className="home-grid__aside">
          <ul className="checklist">
            <li>
              <LockIcon size={18} />
              <span>We only ask for what we need, and say why next to anything optional.</span>
            </li>
            <li>
              <LockIcon size={18} />
              <span>
                Engineers see your email and phone masked, and must give a reason to see them in full.
              </span>
            </li>
            <li>
              <LockIcon size={18} />
              <span>
                Our <Link to="/portal/privacy">privacy notice</Link> says how long we keep each detail and
                your rights over it.
              </span>
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}

function valuesOf(person: PersonRecord): Record<PersonField, string> {
  return {
    fullName: person.fullName ?? '',
    email: person.email ?? '',
    phone: person.phone ?? '',
    jobTitle: person.jobTitle ?? '',
    employer: person.employer ?? '',
    workAddress: person.workAddress ?? '',
    imHandle: person.imHandle ?? '',
  };
}

/** The form's own field besides the person's: the password that confirms an email change. */
type FormField = PersonField | 'currentPassword';

const CURRENT_PASSWORD_ID = 'details-current-password';

function DetailsForm({ person, fields }: { person: PersonRecord; fields: ShownField[] }) {
  const update = useUpdatePerson(person.id);
  const [values, setValues] = useState(() => valuesOf(person));
  const [currentPassword, setCurrentPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors<FormField>>(NO_ERRORS);
  const [status, setStatus] = useState<string | null>(null);

  const recordedEmail = person.email ?? '';
  // Changing the sign-in email needs the password, and goes to the DPO rather than being saved.
  const emailChanging =
    fields.some((field) => field.name === 'email') &&
    values.email.trim().toLowerCase() !== recordedEmail.toLowerCase();

  const ids = {
    ...(Object.fromEntries(fields.map((field) => [field.name, fieldId(field.name)])) as Record<
      PersonField,
      string
    >),
    currentPassword: CURRENT_PASSWORD_ID,
  };
  const apiFields = {
    ...(Object.fromEntries(fields.map((field) => [field.name, field.name])) as Record<string, FormField>),
    currentPassword: 'currentPassword' as const,
  };

  const setValue = (name: PersonField) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    setValues((current) => ({ ...current, [name]: event.target.value }));
    setStatus(null);
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus(null);
    const fieldErrors: FieldErrorMap<FormField> = {};
    const body: PersonUpdate = {};
    for (const field of fields) {
      const value = values[field.name].trim();
      if (field.required && !value) {
        fieldErrors[field.name] = `Enter your ${field.label.toLowerCase()}: it is required.`;
        continue;
      }
      if (value === (person[field.name] ?? '')) continue;
      // `null` clears a field; the sign-in email is never cleared, only changed to an address.
      if (field.name === 'email') body.email = value;
      else body[field.name] = value || null;
    }
    if (emailChanging && !currentPassword) {
      fieldErrors.currentPassword = 'Enter your current password to change the email you sign in with.';
    }
    if (Object.keys(fieldErrors).length > 0) {
      setErrors({ fields: fieldErrors });
      focusFirstInvalid(ids, fieldErrors);
      return;
    }
    setErrors(NO_ERRORS);
    if (!emailChanging) delete body.email;
    if (Object.keys(body).length === 0) {
      setStatus('Nothing has changed: your details are as we hold them.');
      return;
    }
    if (emailChanging) body.currentPassword = currentPassword;
    update.mutate(body, {
      onSuccess: (result) => {
        setCurrentPassword('');
        if (isEmailChangeRequested(result)) {
          setValues(valuesOf(result.person));
          const others = Object.keys(body).some((key) => key !== 'email' && key !== 'currentPassword');
          setStatus(
            `${others ? 'Your other changes have been saved. ' : ''}Your request to change your sign-in email was sent to the Data Protection Officer, reference ${result.emailChange.reference}. Until they make the change, keep signing in with ${recordedEmail}.`,
          );
          return;
        }
        setValues(valuesOf(result));
        setStatus('Your details have been saved.');
      },
      onError: (error) => {
        const next = toFormErrors(error, apiFields);
        setErrors(next);
        focusFirstInvalid(ids, next.fields);
      },
    });
  };

  return (
    <div className="card details-card">
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <form className="form-stack" onSubmit={handleSubmit} noValidate aria-label="My details">
        <p className="details-card__note">
          Fields marked <strong>Required</strong> must be filled in; everything else is up to you.
        </p>
        {fields.map((field) => {
          const input = INPUTS[field.name];
          const hint =
            field.name === 'email' ? (
              'This is the email you sign in with. To change it, enter the new one and your current password: the Data Protection Officer makes the change.'
            ) : field.required ? (
              <strong className="details-card__required">Required</strong>
            ) : (
              `Optional${field.purposeHint ? ` — ${field.purposeHint}` : ''}`
            );
          const common = {
            id: fieldId(field.name),
            label: field.label,
            name: field.name,
            hint,
            value: values[field.name],
            error: errors.fields[field.name],
            required: field.required,
            autoComplete: input.autoComplete,
          };
          const control = input.multiline ? (
            <TextAreaField key={field.name} {...common} rows={3} onChange={setValue(field.name)} />
          ) : (
            <TextField key={field.name} {...common} type={input.type} onChange={setValue(field.name)} />
          );
          if (field.name !== 'email' || !emailChanging) return control;
          return (
            <Fragment key={field.name}>
              {control}
              <TextField
                id={CURRENT_PASSWORD_ID}
                label="Current password"
                name="currentPassword"
                type="password"
                autoComplete="current-password"
                hint="Needed to change the email you sign in with."
                value={currentPassword}
                error={errors.fields.currentPassword}
                required
                onChange={(event) => {
                  setCurrentPassword(event.target.value);
                  setStatus(null);
                }}
              />
            </Fragment>
          );
        })}
        <div className="details-card__actions">
          <BusyButton type="submit" className="button button--primary" busy={update.isPending}>
            {emailChanging ? 'Save and request email change' : 'Save details'}
          </BusyButton>
        </div>
        <StatusMessage tone="success">{status}</StatusMessage>
      </form>
    </div>
  );
}
