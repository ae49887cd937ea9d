import type { DsarDetail } from '@hushdesk/api-client';
import {
  verificationMethodsFor,
  type DsarAction,
  type DsarChannel,
  type DsarStatus,
  type VerificationMethod,
} from '@hushdesk/contracts';
import { useEffect, useId, useState, type SubmitEvent } from 'react';
import { formatDate } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextAreaField } from '../../../ui/Field';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import type { ReasonAction } from '../api/dsar-api';
import { useDsarAction } from '../hooks/use-dsar';
import { ACTION_LABELS, requesterNote, VERIFICATION_LABELS } from './dsar-labels';
import { EvidenceUpload } from './EvidenceUpload';
import { ReasonForm, reasonError } from './ReasonForm';
import './dsar.css';

/** What an action's confirmation says, and the request state it is true in. */
interface Confirmation {
  text: string;
  whileStatus: DsarStatus;
}

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

const ICO = 'with their right to complain to the ICO';

/** Each reason form's words; what the requester learns depends on how the request came in. */
function reasonForms(
  channel: DsarChannel,
): Record<ReasonAction, { submit: string; hint: string; done: string; danger?: boolean }> {
  const portal = channel === 'portal';
  return {
    request_information: {
      submit: 'Pause and ask',
      hint: `What you need from the requester (ID, or what they are asking for). ${requesterNote(channel)} The clock pauses until you resume it.`,
      done: portal
        ? 'The clock is paused. The requester sees what you need in the portal.'
        : `The clock is paused. Ask the requester for it by ${channel}: Hushdesk sends nothing.`,
    },
    resume: {
      submit: 'Resume the clock',
      hint: 'e.g. “Passport copy received by post”.',
      done: 'The clock is running again.',
    },
    reject: {
      submit: 'Reject request',
      hint: `e.g. “Manifestly unfounded: the fourth identical request this month”. ${requesterNote(channel, ICO)}`,
      done: portal
        ? `Rejected. The requester sees why in the portal, ${ICO}.`
        : `Rejected. Tell the requester why by ${channel}, ${ICO}: Hushdesk sends nothing.`,
      danger: true,
    },
    restrict: {
      submit: 'Restrict processing',
      hint: 'While restricted, the person’s tickets are read-only for everyone but you.',
      done: 'Processing of their data is restricted.',
    },
    lift_restriction: {
      submit: 'Lift restriction',
      hint: `The requester must know before processing resumes. ${requesterNote(channel)}`,
      done: 'The restriction is lifted.',
    },
    object: {
      submit: 'Record objection',
      hint: 'Adds them to the do-not-contact list, which outlives an erasure.',
      done: 'Objection recorded: they are on the do-not-contact list.',
    },
    complete: {
      submit: 'Complete request',
      hint: `The outcome, e.g. “We hold no personal data about you”. ${requesterNote(channel)}`,
      done: 'The request is complete.',
    },
  };
}

/** Only the actions the request allows now, each opening a small form in its place. */
export function DsarActionPanel({ request }: { request: DsarDetail }) {
  const action = useDsarAction(request.id);
  const [open, setOpen] = useState<DsarAction | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const actions = PANEL_ACTIONS.filter((name) => request.allowedActions.includes(name));
  // A confirmation holds only while the request is still in the state it confirms: "Collection
  // started" must not outlive the collection.
  const status = confirmation && confirmation.whileStatus === request.status ? confirmation.text : null;
  const setStatus = (text: string | null, whileStatus: DsarStatus = request.status) => {
    setConfirmation(text === null ? null : { text, whileStatus });
  };

  // The confirmation is announced, then goes: the request's own state shows what happened.
  useEffect(() => {
    if (!confirmation) return undefined;
    const timer = window.setTimeout(() => {
      setConfirmation(null);
    }, STATUS_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [confirmation]);

  const start = (name: DsarAction) => {
    action.reset();
    setStatus(null);
    setOpen(name);
  };
  const close = () => {
    action.reset();
    setOpen(null);
  };
  const finished = (message: string, answer: DsarDetail | undefined) => {
    setOpen(null);
    setStatus(message, answer?.status);
  };

  const renderForm = (name: DsarAction) => {
    switch (name) {
      case 'verify':
        return (
          <VerifyForm
            methods={verificationMethodsFor(request.channel)}
            defaultMethod={request.channel === 'portal' ? 'signed_in' : undefined}
            pending={action.isPending}
            error={action.error}
            onCancel={close}
            onSubmit={(body) => {
              action.mutate(
                { action: 'verify', body },
                { onSuccess: (answer) => finished('Identity verified.', answer) },
              );
            }}
          />
        );
      case 'extend':
        return (
          <ExtendForm
            channel={request.channel}
            allowedUntil={request.extensionAllowedUntil}
            pending={action.isPending}
            error={action.error}
            onCancel={close}
            onSubmit={(body) => {
              action.mutate(
                { action: 'extend', body },
                {
                  onSuccess: (answer) =>
                    finished(
                      `Deadline extended by ${body.months === 1 ? 'one month' : 'two months'}.`,
                      answer,
                    ),
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
        const form = reasonForms(request.channel)[name];
        return (
          <ReasonForm
            submitLabel={form.submit}
            hint={form.hint}
            danger={form.danger}
            pending={action.isPending}
            error={action.error}
            onCancel={close}
            onSubmit={(reason) => {
              action.mutate(
                { action: name, body: { reason } },
                { onSuccess: (answer) => finished(form.done, answer) },
              );
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
                      { onSuccess: () => setStatus('Collection started.', 'collecting') },
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
  methods,
  defaultMethod,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  /** Only the methods that fit how the request came in. */
  methods: readonly VerificationMethod[];
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
        {methods.map((value) => (
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
  channel,
  allowedUntil,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  channel: DsarChannel;
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
      hint={`Why the request is complex or numerous. ${requesterNote(channel)} Possible until ${formatDate(allowedUntil)}.`}
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
