import { useState, type SubmitEvent } from 'react';
import { isApiError } from '../../../lib/api-client';
import { focusFirstInvalid, NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import { Card } from '../../../ui/Layout';
import { useCreateGroup } from '../hooks/use-groups';

type Field = 'name';
const FIELD_IDS: Record<Field, string> = { name: 'group-name' };
const API_FIELDS: Record<string, Field> = { name: 'name' };

/** Creates a group; its members are chosen from the list below. */
export function NewGroupForm() {
  const create = useCreateGroup();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const [created, setCreated] = useState<string | null>(null);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setCreated(null);
    const trimmed = name.trim();
    if (!trimmed) {
      const fields = { name: 'Enter the group’s name.' };
      setErrors({ fields });
      focusFirstInvalid(FIELD_IDS, fields);
      return;
    }
    setErrors(NO_ERRORS);
    create.mutate(trimmed, {
      onSuccess: (group) => {
        setName('');
        setCreated(group.name);
      },
      onError: (error) => {
        let next = toFormErrors(error, API_FIELDS);
        if (isApiError(error) && error.status === 409 && !next.fields.name) {
          next = { fields: { name: error.message } };
        }
        setErrors(next);
        focusFirstInvalid(FIELD_IDS, next.fields);
      },
    });
  };

  return (
    <Card
      title="New group"
      titleId="new-group-title"
      description="A queue tickets can be routed to, such as “Network operations”."
    >
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <form className="inline-form" onSubmit={handleSubmit} noValidate aria-labelledby="new-group-title">
        <TextField
          id={FIELD_IDS.name}
          label="Name"
          name="name"
          autoComplete="off"
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={errors.fields.name}
        />
        <BusyButton
          type="submit"
          className="button button--primary inline-form__submit"
          busy={create.isPending}
        >
          Create group
        </BusyButton>
      </form>
      <StatusMessage tone="success">
        {created ? `Created “${created}”. Choose its members in the list below.` : null}
      </StatusMessage>
    </Card>
  );
}
