import {
  VERIFICATION_METHODS,
  type DsarAction,
  type DsarDetail,
  type VerificationMethod,
} from '@hushdesk/contracts';
import { useEffect, useId, useState, type SubmitEvent } from 'react';
import { formatDate } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextAreaField } from '../../../ui/Field';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import type { ReasonAction } from '../api/dsar-api';
import { useDsarAction } from '../hooks/use-dsar';
import { ACTION_LABELS, VERIFICATION_LABELS } from './dsar-labels';
import { EvidenceUpload } from './EvidenceUpload';
import { ReasonForm, reasonError } from './ReasonForm';

/** How long a confirmation stays after an action. */
const STATUS_MS = 8000;

/** The actions this panel offers, in the order a request usually needs them. */
const PANEL_ACTIONS: DsarAction[] = [
  'verify',
  'upload_evidence',
  'request_information',
  'resume',
  'collect',
  'extend',
  'restrict',
  'lift_restriction',
  'object',
  'complete',
  'reject',
];

const REASON_FORMS: Record<ReasonAction, { submit: string; hint: string; done: string; danger?: boolean }> = {
  request_information: {
    submit: 'Pause and ask',
    hint: 'What you need from the requester (ID, or what they are asking for). Told to them; the clock pauses until you resume it.',
    done: 'Asked the requester for information. The clock is paused.',
  },
  resume: {
    submit: 'Resume the clock',
    hint: 'e.g. “Passport copy received by post”.',
    done: 'The clock is running again.',
  },
  reject: {
    submit: 'Reject request',
    hint: 'Told to the requester, with their right to complain to the ICO. e.g. “Manifestly unfounded: the fourth identical request this month”.',
    done: 'Rejected. The requester is told why and of their right to complain to the ICO.',
    danger: true,
  },
  restrict: {
    submit: 'Restrict processing',
    hint: 'While restricted, the person’s tickets are read-only for everyone but you.',
    done: 'Processing of their data is restricted.',
  },
  lift_restriction: {
    submit: 'Lift restriction',
    hint: 'Told to the requester before processing resumes.',
    done: 'The restriction is lifted.',
  },
  object: {
    submit: 'Record objection',
    hint: 'Adds them to the do-not-contact list, which outlives an erasure.',
    done: 'Objection recorded: they are on the do-not-contact list.',
  },
  complete: {
    submit: 'Complete request',
    hint: 'Told to the requester, e.g. “We hold no personal data about you”.',
    done: 'The request is complete.',
  },
};

/** Only the actions the request allows now, each opening a small form in its place. */
export function DsarActionPanel({ request }: { request: DsarDetail }) {
  const action = useDsarAction(request.id);
  const [open, setOpen] = useState<DsarAction | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const actions = PANEL_ACTIONS.filter((name) => request.allowedActions.includes(name));

  // The confirmation is announced, then goes: the request's own state shows what happened.
  useEffect(() => {
    if (!status) return undefined;
    const timer = window.setTimeout(() => {
      setStatus(null);
    }, STATUS_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [status]);

  const start = (name: DsarAction) => {
    action.reset();
    setStatus(null);
    setOpen(name);
  };
  const close = () => {
    action.reset();
    setOpen(null);
  };
  const finished = (message: string) => {
    setOpen(null);
    setStatus(message);
  };

  const renderForm = (name: DsarAction) => {
    switch (name) {
      case 'verify':
        return (
          <VerifyForm
            defaultMethod={request.channel === 'portal' ? 'signed_in' : undefined}
            pending={action.isPending}
            error={action.error}
            onCancel={close}
            onSubmit={(body) => {
              action.mutate({ action: 'verify', body }, { onSuccess: () => finished('Identity verified.') });
            }}
          />
        );
      case 'extend':
        return (
          <ExtendForm
            allowedUntil={request.extensionAllowedUntil}
            pending={action.isPending}
            error={action.error}
            onCancel={close}
            onSubmit={(body) => {
              action.mutate(
                { action: 'extend', body },
                {
                  onSuccess: () =>
                    finished(`Deadline extended by ${body.months === 1 ? 'one month' : 'two months'}.`),
                },
              );
            }}
          />
        );
      case 'upload_evidence':
        return (
          <EvidenceUpload
            requestId={request.id}
            onCancel={close}
            onUploaded={(fileName) => {
              setStatus(`Uploaded ${fileName}.`);
            }}
          />
        );
      case 'request_information':
      case 'resume':
      case 'reject':
      case 'restrict':
      case 'lift_restriction':
      case 'object':
      case 'complete': {
        const form = REASON_FORMS[name];
        return (
          <ReasonForm
            submitLabel={form.submit}
            hint={form.hint}
            danger={form.danger}
            pending={action.isPending}
            error={action.error}
            onCancel={close}
            onSubmit={(reason) => {
              action.mutate({ action: name, body: { reason } }, { onSuccess: () => finished(form.done) });
            }}
          />
        );
      }
      default:
        return null;
    }
  };

  return (
    <section className="card dsar-actions" aria-labelledby="dsar-actions-title">
      <div className="card__header">
        <h2 className="card__title" id="dsar-actions-title">
          Actions
        </h2>
      </div>
      <StatusMessage tone="success">{status}</StatusMessage>
      {actions.length === 0 ? (
        <p className="dsar-muted">
          {request.closedAt ? 'The request is closed.' : 'Nothing to do here now: see the request below.'}
        </p>
      ) : (
        <ul className="dsar-actions__list">
          {actions.map((name) => (
            <li key={name} className={open === name ? 'dsar-actions__item is-open' : 'dsar-actions__item'}>
              {open === name ? (
                <div className="dsar-actions__form">
                  <h3 className="dsar-actions__form-title">{ACTION_LABELS[name]}</h3>
                  {renderForm(name)}
                </div>
              ) : name === 'collect' ? (
                <CollectButton
                  again={request.counts !== null}
                  pending={action.isPending && action.variables.action === 'collect'}
                  disabled={action.isPending}
                  onClick={() => {
                    action.reset();
                    setStatus(null);
                    action.mutate(
                      { action: 'collect' },
                      { onSuccess: () => setStatus('Collection started.') },
                    );
                  }}
                />
              ) : (
                <button
                  type="button"
                  className={`button button--block ${name === 'reject' ? 'button--danger-outline' : 'button--secondary'}`}
                  disabled={action.isPending}
                  onClick={() => {
                    start(name);
                  }}
                >
                  {ACTION_LABELS[name]}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {open === null && action.error && action.variables?.action === 'collect' ? (
        <ErrorMessage>{action.error.message}</ErrorMessage>
      ) : null}
    </section>
  );
}

function CollectButton({
  again,
  pending,
  disabled,
  onClick,
}: {
  again: boolean;
  pending: boolean;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <BusyButton
      type="button"
      className={`button button--block ${again ? 'button--secondary' : 'button--primary'}`}
      disabled={disabled}
      busy={pending}
      onClick={onClick}
    >
      {ACTION_LABELS.collect}
      {again ? <span className="visually-hidden"> again</span> : null}
    </BusyButton>
  );
}

function VerifyForm({
  defaultMethod,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  defaultMethod?: VerificationMethod;
  pending: boolean;
  error: unknown;
  onSubmit: (body: { method: VerificationMethod; note?: string }) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [method, setMethod] = useState<VerificationMethod | ''>(defaultMethod ?? '');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<'method' | 'note' | null>(null);
  const failure = error ? reasonError(error) : {};

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!method) {
      setMissing('method');
      document.getElementById(`${id}-method`)?.focus();
      return;
    }
    if (method === 'other' && !note.trim()) {
      setMissing('note');
      document.getElementById(`${id}-note`)?.focus();
      return;
    }
    setMissing(null);
    onSubmit({ method, note: note.trim() || undefined });
  };

  return (
    <form className="dsar-inline-form" onSubmit={handleSubmit} noValidate>
      {failure.form ? <ErrorMessage>{failure.form}</ErrorMessage> : null}
      <SelectField
        id={`${id}-method`}
        label="Verification method"
        autoFocus
        value={method}
        error={missing === 'method' ? 'Choose how you checked who they are.' : undefined}
        onChange={(event) => {
          setMethod(event.target.value as VerificationMethod | '');
        }}
      >
        <option value="">Choose…</option>
        {VERIFICATION_METHODS.map((value) => (
          <option key={value} value={value}>
            {VERIFICATION_LABELS[value]}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={`${id}-note`}
        label="Note"
        hint={method === 'other' ? 'Say how you verified them.' : 'Optional, e.g. which document you saw.'}
        rows={2}
        value={note}
        error={missing === 'note' ? 'Say how you verified them.' : undefined}
        onChange={(event) => {
          setNote(event.target.value);
        }}
      />
      <div className="dsar-inline-form__actions">
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Cancel
        </button>
        <BusyButton type="submit" className="button button--primary button--small" busy={pending}>
          Mark as verified
        </BusyButton>
      </div>
    </form>
  );
}

function ExtendForm({
  allowedUntil,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  allowedUntil: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: { months: 1 | 2; reason: string }) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [months, setMonths] = useState<1 | 2>(2);
  return (
    <ReasonForm
      submitLabel="Extend the deadline"
      hint={`Told to the requester: why the request is complex or numerous. Possible until ${formatDate(allowedUntil)}.`}
      pending={pending}
      error={error}
      onCancel={onCancel}
      onSubmit={(reason) => {
        onSubmit({ months, reason });
      }}
    >
      <SelectField
        id={`${id}-months`}
        label="Extend by"
        value={String(months)}
        onChange={(event) => {
          setMonths(event.target.value === '1' ? 1 : 2);
        }}
      >
        <option value="1">1 month</option>
        <option value="2">2 months</option>
      </SelectField>
    </ReasonForm>
  );
}
