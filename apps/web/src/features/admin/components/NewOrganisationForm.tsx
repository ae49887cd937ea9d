import type { Organisation } from '@hushdesk/api-client';
import { useState, type SubmitEvent } from 'react';
import { isApiError } from '../../../lib/api-client';
import { focusFirstInvalid, NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import { Card } from '../../../ui/Layout';
import { useCreateOrganisation } from '../hooks/use-organisations';

type Field = 'name';
const FIELD_IDS: Record<Field, string> = { name: 'organisation-name' };
const API_FIELDS: Record<string, Field> = { name: 'name' };

export function NewOrganisationForm({ onCreated }: { onCreated: (organisation: Organisation) => void }) {
  const createOrganisation = useCreateOrganisation();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const [created, setCreated] = useState<string | null>(null);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    const trimmed = name.trim();
    if (!trimmed) {
      const fields = { name: 'Enter the organisation’s name.' };
      setErrors({ fields });
      focusFirstInvalid(FIELD_IDS, fields);
      return;
    }
    setErrors(NO_ERRORS);
    createOrganisation.mutate(
      { name: trimmed },
      {
        onSuccess: (organisation) => {
          setName('');
          setCreated(organisation.name);
          onCreated(organisation);
        },
        onError: (error) => {
          let next = toFormErrors(error, API_FIELDS);
          // A duplicate name is about the one field on this form.
          if (isApiError(error) && error.status === 409 && !next.fields.name) {
            next = { fields: { name: error.message } };
          }
          setErrors(next);
          focusFirstInvalid(FIELD_IDS, next.fields);
        },
      },
    );
  };

  return (
    <Card
      title="New organisation"
      titleId="new-organisation-title"
      description="Add a company before creating accounts for its staff."
    >
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <form
        className="inline-form"
        onSubmit={handleSubmit}
        noValidate
        aria-labelledby="new-organisation-title"
      >
        <TextField
          id={FIELD_IDS.name}
          label="Name"
          name="name"
          autoComplete="organization"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
          }}
          error={errors.fields.name}
        />
        <BusyButton
          type="submit"
          className="button button--primary inline-form__submit"
          busy={createOrganisation.isPending}
        >
          Create organisation
        </BusyButton>
      </form>
      <StatusMessage tone="success">{created ? `Created “${created}”.` : null}</StatusMessage>
    </Card>
  );
}
