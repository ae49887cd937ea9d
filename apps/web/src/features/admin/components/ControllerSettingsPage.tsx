import type { ControllerSettings, UpdateControllerSettingsRequest } from '@hushdesk/api-client';
import { useState, type ChangeEvent, type SubmitEvent } from 'react';
import { formatDateTime } from '../../../lib/format';
import {
  fieldSentence,
  focusFirstInvalid,
  NO_ERRORS,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BusyButton } from '../../../ui/BusyButton';
import { TextAreaField, TextField } from '../../../ui/Field';
import { ErrorMessage, LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { Card, PageHeader } from '../../../ui/Layout';
import { useControllerSettings, useUpdateControllerSettings } from '../../privacy';
import './admin.css';

type Field = 'name' | 'address' | 'dpoName' | 'dpoEmail' | 'dpoPhone';
type Values = Record<Field, string>;

const FIELDS: {
  name: Field;
  label: string;
  hint: string;
  required: boolean;
  type?: string;
  autoComplete: string;
  multiline?: boolean;
}[] = [
  {
    name: 'name',
    label: 'Controller’s legal name',
    hint: 'The organisation responsible for the personal data in this helpdesk, e.g. your company.',
    required: true,
    autoComplete: 'organization',
  },
  {
    name: 'address',
    label: 'Postal address',
    hint: 'Where people can write to you about their data.',
    required: true,
    autoComplete: 'street-address',
    multiline: true,
  },
  {
    name: 'dpoName',
    label: 'Data Protection Officer’s name',
    hint: 'Optional: a role title such as “Data Protection Officer” will do.',
    required: false,
    autoComplete: 'off',
  },
  {
    name: 'dpoEmail',
    label: 'Data Protection Officer’s email',
    hint: 'A mailbox that is read; a shared privacy address is best.',
    required: true,
    type: 'email',
    autoComplete: 'off',
  },
  {
    name: 'dpoPhone',
    label: 'Data Protection Officer’s phone',
    hint: 'Optional.',
    required: false,
    type: 'tel',
    autoComplete: 'off',
  },
];

const IDS = Object.fromEntries(FIELDS.map((f) => [f.name, `controller-${f.name}`])) as Record<Field, string>;
const API_FIELDS = Object.fromEntries(FIELDS.map((f) => [f.name, f.name])) as Record<string, Field>;
const LABELS = Object.fromEntries(FIELDS.map((f) => [f.name, f.label])) as Record<Field, string>;

const valuesOf = (s: ControllerSettings): Values => ({
  name: s.name ?? '',
  address: s.address ?? '',
  dpoName: s.dpoName ?? '',
  dpoEmail: s.dpoEmail ?? '',
  dpoPhone: s.dpoPhone ?? '',
});

/** Admin → Controller: who the privacy notice, the record of processing and DSAR packages name. */
export function ControllerSettingsPage() {
  useDocumentTitle('Controller');
  const settings = useControllerSettings();

  let body;
  if (settings.isPending) {
    body = <Spinner label="Loading the controller’s details…" />;
  } else if (settings.error) {
    body = (
      <LoadError onRetry={() => void settings.refetch()}>
        The controller’s details could not be loaded. {settings.error.message}
      </LoadError>
    );
  } else {
    body = <ControllerForm settings={settings.data} />;
  }

  return (
    <>
      <PageHeader
        title="Controller"
        description="Who is responsible for the personal data in this helpdesk, and how to reach your Data Protection Officer. The privacy notice, the record of processing and every data-subject package name them."
      />
      <div className="admin-stack">{body}</div>
    </>
  );
}

function ControllerForm({ settings }: { settings: ControllerSettings }) {
  const update = useUpdateControllerSettings();
  const [values, setValues] = useState(() => valuesOf(settings));
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const [status, setStatus] = useState<string | null>(null);

  const setValue = (name: Field) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    setValues((current) => ({ ...current, [name]: event.target.value }));
    setStatus(null);
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus(null);
    const missing: FieldErrorMap<Field> = {};
    for (const field of FIELDS) {
      if (field.required && !values[field.name].trim())
        missing[field.name] = `Enter the ${field.label.toLowerCase()}.`;
    }
    if (Object.keys(missing).length > 0) {
      setErrors({ fields: missing });
      focusFirstInvalid(IDS, missing);
      return;
    }
    setErrors(NO_ERRORS);
    const body: UpdateControllerSettingsRequest = {
      name: values.name.trim(),
      address: values.address.trim(),
      dpoEmail: values.dpoEmail.trim(),
      dpoName: values.dpoName.trim() || null,
      dpoPhone: values.dpoPhone.trim() || null,
    };
    update.mutate(body, {
      onSuccess: (saved) => {
        setValues(valuesOf(saved));
        setStatus('Saved. The privacy notice and the record of processing now name these details.');
      },
      onError: (error) => {
        const next = toFormErrors(error, API_FIELDS);
        for (const [field, message] of Object.entries(next.fields) as [Field, string][]) {
          next.fields[field] = fieldSentence(LABELS[field], message);
        }
        setErrors(next);
        focusFirstInvalid(IDS, next.fields);
      },
    });
  };

  return (
    <Card
      title="Controller and Data Protection Officer"
      titleId="controller-title"
      description={
        settings.updatedAt
          ? `Last changed ${formatDateTime(settings.updatedAt)}. Every change is recorded in the audit trail.`
          : 'Not set yet: until you save these, the privacy notice cannot say who is responsible.'
      }
    >
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <form className="form-stack" onSubmit={handleSubmit} noValidate aria-labelledby="controller-title">
        {FIELDS.map((field) => {
          const common = {
            id: IDS[field.name],
            label: field.label,
            name: field.name,
            hint: field.hint,
            value: values[field.name],
            error: errors.fields[field.name],
            required: field.required,
            autoComplete: field.autoComplete,
          };
          return field.multiline ? (
            <TextAreaField key={field.name} {...common} rows={3} onChange={setValue(field.name)} />
          ) : (
            <TextField key={field.name} {...common} type={field.type} onChange={setValue(field.name)} />
          );
        })}
        <div className="form-grid__actions">
          <BusyButton type="submit" className="button button--primary" busy={update.isPending}>
            Save controller details
          </BusyButton>
        </div>
        <StatusMessage tone="success">{status}</StatusMessage>
      </form>
    </Card>
  );
}
