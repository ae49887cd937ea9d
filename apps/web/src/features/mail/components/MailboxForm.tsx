import { useId, useState, type ChangeEvent, type SubmitEvent } from 'react';
import {
  focusFirstInvalid,
  NO_ERRORS,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import type { CreateMailboxRequest, Mailbox, MailboxAuth, UpdateMailboxRequest } from '../api/mail-api';
import { useCreateMailbox, useUpdateMailbox } from '../hooks/use-mail';

type Field = 'name' | 'host' | 'port' | 'tls' | 'username' | 'auth' | 'secret' | 'folder';
type TextValues = Record<'name' | 'host' | 'port' | 'username' | 'secret' | 'folder', string>;

/** The API's field names are this form's own. */
const API_FIELDS: Record<string, Field> = {
  name: 'name',
  host: 'host',
  port: 'port',
  tls: 'tls',
  username: 'username',
  auth: 'auth',
  secret: 'secret',
  folder: 'folder',
};

const IMAPS_PORT = 993;
const IMAP_PORT = 143;

function initialValues(mailbox: Mailbox | undefined): TextValues {
  return {
    name: mailbox?.name ?? '',
    host: mailbox?.host ?? '',
    port: String(mailbox?.port ?? IMAPS_PORT),
    username: mailbox?.username ?? '',
    secret: '',
    folder: mailbox?.folder ?? 'INBOX',
  };
}

/**
 * Adds an IMAP mailbox, or edits one. The password (or OAuth token) is write-only: the API never
 * sends it back, so on edit a blank one keeps what is stored.
 */
export function MailboxForm({
  mailbox,
  onDone,
  onCancel,
}: {
  mailbox?: Mailbox;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const ids: Record<Field, string> = {
    name: `${id}-name`,
    host: `${id}-host`,
    port: `${id}-port`,
    tls: `${id}-tls`,
    username: `${id}-username`,
    auth: `${id}-auth`,
    secret: `${id}-secret`,
    folder: `${id}-folder`,
  };
  const editing = mailbox !== undefined;
  const create = useCreateMailbox();
  const update = useUpdateMailbox();
  const [values, setValues] = useState<TextValues>(() => initialValues(mailbox));
  const [tls, setTls] = useState(mailbox?.tls ?? true);
  const [auth, setAuth] = useState<MailboxAuth>(mailbox?.auth ?? 'password');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const secretLabel = auth === 'oauth2' ? 'OAuth 2 access token' : 'Password';

  const setValue = (field: keyof TextValues) => (event: ChangeEvent<HTMLInputElement>) => {
    setValues((current) => ({ ...current, [field]: event.target.value }));
  };

  const validate = (): FieldErrorMap<Field> => {
    const fields: FieldErrorMap<Field> = {};
    if (!values.name.trim()) fields.name = 'Give the mailbox a name, e.g. “Support inbox”.';
    if (!values.host.trim()) fields.host = 'Enter the IMAP server’s host name, e.g. imap.example.com.';
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      fields.port = 'Enter a port between 1 and 65535 (usually 993 with TLS).';
    if (!values.username.trim()) fields.username = 'Enter the user name the mailbox signs in with.';
    if (!editing && !values.secret) fields.secret = `Enter the ${secretLabel.toLowerCase()}.`;
    return fields;
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = validate();
    if (Object.keys(fields).length > 0) {
      setErrors({ fields });
      focusFirstInvalid(ids, fields);
      return;
    }
    setErrors(NO_ERRORS);
    const base = {
      name: values.name.trim(),
      host: values.host.trim(),
      port: Number(values.port),
      tls,
      username: values.username.trim(),
      auth,
      folder: values.folder.trim() || 'INBOX',
    };
    const onError = (error: unknown) => {
      const next = toFormErrors(error, API_FIELDS);
      setErrors(next);
      focusFirstInvalid(ids, next.fields);
    };
    if (mailbox) {
      const body: UpdateMailboxRequest = values.secret ? { ...base, secret: values.secret } : base;
      update.mutate(
        { id: mailbox.id, body },
        { onSuccess: (saved) => onDone(`Saved the changes to ${saved.name}.`), onError },
      );
    } else {
      const body: CreateMailboxRequest = { ...base, secret: values.secret };
      create.mutate(body, {
        onSuccess: (saved) => onDone(`Added ${saved.name}. Test the connection to check it can sign in.`),
        onError,
      });
    }
  };

  const titleId = `${id}-title`;
  return (
    <section className="card mailbox-form" aria-labelledby={titleId}>
      <div className="card__header">
        <h2 className="card__title" id={titleId}>
          {mailbox ? `Edit ${mailbox.name}` : 'Add a mailbox'}
        </h2>
        <p className="card__description">
          Hushdesk signs in over IMAP, imports new mail as tickets and replies, and leaves it on the server.
          The password is stored encrypted and never shown again.
        </p>
      </div>
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <form className="form-grid" onSubmit={handleSubmit} noValidate aria-labelledby={titleId}>
        <TextField
          id={ids.name}
          label="Name"
          autoComplete="off"
          hint="How it is shown here, e.g. “Support inbox”."
          value={values.name}
          onChange={setValue('name')}
          error={errors.fields.name}
        />
        <TextField
          id={ids.host}
          label="IMAP server"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          placeholder="imap.example.com"
          value={values.host}
          onChange={setValue('host')}
          error={errors.fields.host}
        />
        <TextField
          id={ids.port}
          label="Port"
          inputMode="numeric"
          autoComplete="off"
          value={values.port}
          onChange={setValue('port')}
          error={errors.fields.port}
        />
        <div className={errors.fields.tls ? 'field field--invalid' : 'field'}>
          <span className="field__label">Security</span>
          <label className="mail-check" htmlFor={ids.tls}>
            <input
              id={ids.tls}
              type="checkbox"
              checked={tls}
              onChange={(event) => {
                setTls(event.target.checked);
                // Follow the usual port, unless someone typed another.
                setValues((current) =>
                  current.port === String(IMAPS_PORT) || current.port === String(IMAP_PORT)
                    ? { ...current, port: String(event.target.checked ? IMAPS_PORT : IMAP_PORT) }
                    : current,
                );
              }}
            />
            <span>Use TLS (encrypted connection)</span>
          </label>
          {errors.fields.tls ? (
            <p className="field__error" role="alert">
              {errors.fields.tls}
            </p>
          ) : null}
        </div>
        <TextField
          id={ids.username}
          label="User name"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={values.username}
          onChange={setValue('username')}
          error={errors.fields.username}
        />
        <SelectField
          id={ids.auth}
          label="Sign in with"
          value={auth}
          onChange={(event) => {
            setAuth(event.target.value === 'oauth2' ? 'oauth2' : 'password');
          }}
          error={errors.fields.auth}
        >
          <option value="password">A password</option>
          <option value="oauth2">An OAuth 2 access token</option>
        </SelectField>
        <TextField
          id={ids.secret}
          label={secretLabel}
          type="password"
          autoComplete="new-password"
          hint={
            editing
              ? `Leave blank to keep the stored ${secretLabel.toLowerCase()}.`
              : 'Stored encrypted; never shown again.'
          }
          value={values.secret}
          onChange={setValue('secret')}
          error={errors.fields.secret}
        />
        <TextField
          id={ids.folder}
          label="Folder"
          autoComplete="off"
          spellCheck={false}
          hint="The folder to import from; usually INBOX."
          value={values.folder}
          onChange={setValue('folder')}
          error={errors.fields.folder}
        />
        <div className="form-grid__actions mailbox-form__actions">
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
          <BusyButton
            type="submit"
            className="button button--primary"
            busy={create.isPending || update.isPending}
          >
            {mailbox ? 'Save changes' : 'Add mailbox'}
          </BusyButton>
        </div>
      </form>
    </section>
  );
}
