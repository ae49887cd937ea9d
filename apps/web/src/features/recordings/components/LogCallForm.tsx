import { useId, useState, type SubmitEvent } from 'react';
import {
  fieldSentence,
  focusFirstInvalid,
  NO_ERRORS,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextAreaField, TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import type { CallDirection, NewRecording, Recording } from '../api/recordings-api';
import { useLogCall } from '../hooks/use-recordings';
import { toLocalInputValue } from './call-format';

/** The longest call the API takes (24 hours). */
const MAX_SECONDS = 86_400;

type CallField = 'callerNumber' | 'direction' | 'startedAt' | 'duration' | 'notes';

const LABELS: Record<CallField, string> = {
  callerNumber: 'Caller number',
  direction: 'Direction',
  startedAt: 'Started at',
  duration: 'Duration',
  notes: 'Notes',
};

/** The API's error keys, mapped to the inputs. */
const API_FIELDS: Record<string, CallField> = {
  callerNumber: 'callerNumber',
  direction: 'direction',
  startedAt: 'startedAt',
  durationSeconds: 'duration',
  notes: 'notes',
};

interface Draft {
  callerNumber: string;
  direction: CallDirection;
  startedAt: string;
  minutes: string;
  seconds: string;
  notes: string;
}

const freshDraft = (): Draft => ({
  callerNumber: '',
  direction: 'inbound',
  startedAt: toLocalInputValue(new Date()),
  minutes: '',
  seconds: '',
  notes: '',
});

/** Checks the draft; returns the request, or the problems to show next to the inputs. */
function toRequest(
  draft: Draft,
  ticketId: string,
): { call: NewRecording | null; errors: FieldErrorMap<CallField> } {
  const errors: FieldErrorMap<CallField> = {};
  const callerNumber = draft.callerNumber.trim();
  if (!callerNumber) errors.callerNumber = 'Enter the number that called, or that you called.';

  const started = new Date(draft.startedAt);
  if (!draft.startedAt || Number.isNaN(started.getTime())) {
    errors.startedAt = 'Enter the date and time the call started.';
  } else if (started.getTime() > Date.now() + 60_000) {
    errors.startedAt = 'The call cannot have started in the future.';
  }

  const minutesText = draft.minutes.trim();
  const secondsText = draft.seconds.trim();
  let durationSeconds = 0;
  if (!minutesText && !secondsText) {
    errors.duration = 'Enter how long the call lasted.';
  } else if (!/^\d*$/.test(minutesText) || !/^\d*$/.test(secondsText)) {
    errors.duration = 'Enter the duration in whole minutes and seconds.';
  } else {
    const seconds = Number(secondsText || '0');
    durationSeconds = Number(minutesText || '0') * 60 + seconds;
    if (seconds > 59) errors.duration = 'Seconds go from 0 to 59; put whole minutes under Minutes.';
    else if (durationSeconds > MAX_SECONDS) errors.duration = 'A call can last at most 24 hours.';
  }

  if (Object.keys(errors).length > 0) return { call: null, errors };
  const notes = draft.notes.trim();
  return {
    call: {
      callerNumber,
      direction: draft.direction,
      startedAt: started.toISOString(),
      durationSeconds,
      ticketId,
      ...(notes ? { notes } : {}),
    },
    errors,
  };
}

/**
 * Logs a call on a ticket. The person is matched by the caller number on the server, so the
 * engineer never has to look them up.
 */
export function LogCallForm({
  ticketId,
  onLogged,
  onCancel,
}: {
  ticketId: string;
  onLogged: (recording: Recording) => void;
  onCancel: () => void;
}) {
  const idPrefix = useId();
  const logCall = useLogCall();
  const [draft, setDraft] = useState<Draft>(freshDraft);
  const [errors, setErrors] = useState<FormErrors<CallField>>(NO_ERRORS);

  const ids: Record<CallField, string> = {
    callerNumber: `${idPrefix}-caller-number`,
    direction: `${idPrefix}-direction`,
    startedAt: `${idPrefix}-started-at`,
    duration: `${idPrefix}-minutes`,
    notes: `${idPrefix}-notes`,
  };
  const secondsId = `${idPrefix}-seconds`;
  const durationErrorId = `${idPrefix}-duration-error`;
  const durationHintId = `${idPrefix}-duration-hint`;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { call, errors: fields } = toRequest(draft, ticketId);
    if (!call) {
      setErrors({ fields });
      focusFirstInvalid(ids, fields);
      return;
    }
    setErrors(NO_ERRORS);
    logCall.mutate(call, {
      onSuccess: (recording) => {
        setDraft(freshDraft());
        onLogged(recording);
      },
      onError: (error) => {
        const next = toFormErrors(error, API_FIELDS);
        const readable: FieldErrorMap<CallField> = {};
        for (const [key, message] of Object.entries(next.fields) as [CallField, string][]) {
          readable[key] = fieldSentence(LABELS[key], message);
        }
        setErrors({ form: next.form, fields: readable });
        focusFirstInvalid(ids, readable);
      },
    });
  };

  const durationError = errors.fields.duration;

  return (
    <form className="log-call" onSubmit={handleSubmit} noValidate aria-label="Log a call">
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <div className="log-call__grid">
        <TextField
          id={ids.callerNumber}
          label={LABELS.callerNumber}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          hint="Any format, e.g. 07700 900123. The caller is matched to a person by this number."
          value={draft.callerNumber}
          onChange={(event) => {
            set('callerNumber', event.target.value);
          }}
          error={errors.fields.callerNumber}
        />
        <SelectField
          id={ids.direction}
          label={LABELS.direction}
          value={draft.direction}
          onChange={(event) => {
            set('direction', event.target.value as CallDirection);
          }}
          error={errors.fields.direction}
        >
          <option value="inbound">Inbound (they called us)</option>
          <option value="outbound">Outbound (we called them)</option>
        </SelectField>
        <TextField
          id={ids.startedAt}
          label={LABELS.startedAt}
          type="datetime-local"
          max={toLocalInputValue(new Date())}
          value={draft.startedAt}
          onChange={(event) => {
            set('startedAt', event.target.value);
          }}
          error={errors.fields.startedAt}
        />
        <fieldset
          className={durationError ? 'log-call__duration field--invalid' : 'log-call__duration'}
          aria-describedby={durationError ? `${durationHintId} ${durationErrorId}` : durationHintId}
        >
          <legend className="field__label">{LABELS.duration}</legend>
          <div className="log-call__duration-inputs">
            <label className="log-call__unit" htmlFor={ids.duration}>
              <input
                id={ids.duration}
                className="input"
                inputMode="numeric"
                autoComplete="off"
                value={draft.minutes}
                onChange={(event) => {
                  set('minutes', event.target.value);
                }}
                aria-invalid={durationError ? true : undefined}
                aria-describedby={durationError ? durationErrorId : undefined}
              />
              <span>Minutes</span>
            </label>
            <label className="log-call__unit" htmlFor={secondsId}>
              <input
                id={secondsId}
                className="input"
                inputMode="numeric"
                autoComplete="off"
                value={draft.seconds}
                onChange={(event) => {
                  set('seconds', event.target.value);
                }}
                aria-invalid={durationError ? true : undefined}
                aria-describedby={durationError ? durationErrorId : undefined}
              />
              <span>Seconds</span>
            </label>
          </div>
          <p className="field__hint" id={durationHintId}>
            How long the call lasted.
          </p>
          {durationError ? (
            <p className="field__error" id={durationErrorId} role="alert">
              <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
                <path
                  fill="currentColor"
                  d="M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1Zm-.75 3.5h1.5v4.75h-1.5V4.5ZM8 12.25a1 1 0 1 1 0-2 1 1 0 0 1 0 2Z"
                />
              </svg>
              {durationError}
            </p>
          ) : null}
        </fieldset>
      </div>
      <TextAreaField
        id={ids.notes}
        label={`${LABELS.notes} (optional)`}
        rows={3}
        hint="What the call was about. Keep personal details to what the ticket needs."
        value={draft.notes}
        onChange={(event) => {
          set('notes', event.target.value);
        }}
        error={errors.fields.notes}
      />
      <div className="log-call__actions">
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
        <BusyButton type="submit" className="button button--primary" busy={logCall.isPending}>
          Log call
        </BusyButton>
      </div>
    </form>
  );
}
