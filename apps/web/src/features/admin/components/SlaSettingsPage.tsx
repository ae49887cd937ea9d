import type { ResponseOf } from '@hushdesk/api-client';
import { PRIORITIES, PRIORITY_LABELS, type Priority } from '@hushdesk/ticketing';
import { useState, type SubmitEvent } from 'react';
import { formatDateTime } from '../../../lib/format';
import { NO_ERRORS, toFormErrors, type FormErrors } from '../../../lib/form-errors';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BusyButton } from '../../../ui/BusyButton';
import { TextAreaField, TextField } from '../../../ui/Field';
import { ErrorMessage, LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { Card, PageHeader } from '../../../ui/Layout';
import { TableScroll } from '../../../ui/TableScroll';
import { useSaveSlaSettings, useSlaSettings, type SlaSettingsRequest } from '../hooks/use-sla-settings';
import './admin.css';

type SlaSettings = ResponseOf<'get', '/api/settings/sla'>;
type Clock = 'business' | '24x7';
type TargetField = 'firstResponseMinutes' | 'resolutionMinutes';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

interface Draft {
  openingTime: string;
  closingTime: string;
  workingDays: number[];
  bankHolidays: string;
  targets: Record<Priority, { firstResponseMinutes: string; resolutionMinutes: string; clock: Clock }>;
}

const draftOf = (s: SlaSettings): Draft => ({
  openingTime: s.openingTime,
  closingTime: s.closingTime,
  workingDays: s.workingDays,
  bankHolidays: s.bankHolidays.join('\n'),
  targets: Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      {
        firstResponseMinutes: String(s.targets[p].firstResponseMinutes),
        resolutionMinutes: String(s.targets[p].resolutionMinutes),
        clock: s.targets[p].clock,
      },
    ]),
  ) as Draft['targets'],
});

const requestOf = (d: Draft): SlaSettingsRequest => ({
  openingTime: d.openingTime,
  closingTime: d.closingTime,
  workingDays: d.workingDays,
  bankHolidays: d.bankHolidays
    .split(/[\s,]+/)
    .map((line) => line.trim())
    .filter(Boolean),
  targets: Object.fromEntries(
    PRIORITIES.map((p) => [
      p,
      {
        firstResponseMinutes: Number(d.targets[p].firstResponseMinutes),
        resolutionMinutes: Number(d.targets[p].resolutionMinutes),
        clock: d.targets[p].clock,
      },
    ]),
  ) as SlaSettingsRequest['targets'],
});

/** `/admin/sla`: when the desk is open, and how long each priority may wait. */
export function SlaSettingsPage() {
  useDocumentTitle('Business hours and SLA');
  const settings = useSlaSettings();
  return (
    <>
      <PageHeader
        title="Business hours and SLA"
        description="When the service desk is staffed, the days it is closed, and the response and resolution targets for each priority. A change applies to tickets created or re-prioritised from then on."
      />
      {settings.isPending ? (
        <Spinner label="Loading the SLA settings…" />
      ) : settings.error ? (
        <LoadError onRetry={() => void settings.refetch()}>
          The settings could not be loaded. {settings.error.message}
        </LoadError>
      ) : (
        <SlaSettingsForm settings={settings.data} />
      )}
    </>
  );
}

function SlaSettingsForm({ settings }: { settings: SlaSettings }) {
  const save = useSaveSlaSettings();
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [errors, setErrors] = useState<FormErrors<string>>(NO_ERRORS);
  const [status, setStatus] = useState<string | null>(null);

  const setTarget = (p: Priority, field: TargetField | 'clock', value: string) =>
    setDraft((d) => ({ ...d, targets: { ...d.targets, [p]: { ...d.targets[p], [field]: value } } }));

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setStatus(null);
    setErrors(NO_ERRORS);
    save.mutate(requestOf(draft), {
      onSuccess: () => setStatus('Saved. New SLA clocks use these settings from now on.'),
      onError: (error) => {
        const paths = ['openingTime', 'closingTime', 'workingDays', 'bankHolidays'];
        for (const p of PRIORITIES)
          for (const f of ['firstResponseMinutes', 'resolutionMinutes', 'clock'])
            paths.push(`targets.${p}.${f}`);
        setErrors(toFormErrors(error, Object.fromEntries(paths.map((path) => [path, path]))));
      },
    });
  };

  const fieldError = (path: string) => errors.fields[path];

  return (
    <form className="admin-stack" onSubmit={handleSubmit} noValidate aria-label="Business hours and SLA">
      <p className="muted" data-testid="sla-source">
        {settings.source === 'saved' && settings.updatedAt
          ? `Last saved ${formatDateTime(settings.updatedAt)}.`
          : 'These are the defaults from the server’s configuration; nothing has been saved here yet.'}{' '}
        Times are {settings.timezone} time.
      </p>
      {errors.form ? <ErrorMessage>{errors.form}</ErrorMessage> : null}
      <Card title="Business hours" titleId="business-hours-title">
        <div className="form-grid">
          <TextField
            id="sla-opening"
            label="Opens at"
            type="time"
            value={draft.openingTime}
            onChange={(e) => setDraft((d) => ({ ...d, openingTime: e.target.value }))}
            error={fieldError('openingTime')}
          />
          <TextField
            id="sla-closing"
            label="Closes at"
            type="time"
            value={draft.closingTime}
            onChange={(e) => setDraft((d) => ({ ...d, closingTime: e.target.value }))}
            error={fieldError('closingTime')}
          />
        </div>
        <fieldset
          className="sla-days"
          aria-describedby={fieldError('workingDays') ? 'sla-days-error' : undefined}
        >
          <legend className="field__label">Working days</legend>
          {WEEKDAYS.map((name, index) => (
            <label key={name} className="admin-check">
              <input
                type="checkbox"
                checked={draft.workingDays.includes(index + 1)}
                onChange={(e) =>
                  setDraft((d) => ({
                    ...d,
                    workingDays: e.target.checked
                      ? [...d.workingDays, index + 1].sort((a, b) => a - b)
                      : d.workingDays.filter((day) => day !== index + 1),
                  }))
                }
              />
              {name}
            </label>
          ))}
          {fieldError('workingDays') ? (
            <p className="field__error" id="sla-days-error">
              {fieldError('workingDays')}
            </p>
          ) : null}
        </fieldset>
      </Card>
      <Card title="Bank holidays" titleId="bank-holidays-title">
        <TextAreaField
          id="sla-bank-holidays"
          label="Days the desk is closed"
          hint="One date a line, as YYYY-MM-DD (for example 2026-12-25). Business-hours clocks do not run on them."
          rows={8}
          value={draft.bankHolidays}
          onChange={(e) => setDraft((d) => ({ ...d, bankHolidays: e.target.value }))}
          error={fieldError('bankHolidays')}
        />
      </Card>
      <Card title="Targets per priority" titleId="sla-targets-title">
        <TableScroll label="SLA targets">
          <table className="table sla-targets" aria-labelledby="sla-targets-title">
            <thead>
              <tr>
                <th scope="col">Priority</th>
                <th scope="col">First response (minutes)</th>
                <th scope="col">Resolution (minutes)</th>
                <th scope="col">Clock</th>
              </tr>
            </thead>
            <tbody>
              {PRIORITIES.map((p) => (
                <tr key={p}>
                  <th scope="row">{PRIORITY_LABELS[p]}</th>
                  {(['firstResponseMinutes', 'resolutionMinutes'] as const).map((field) => {
                    const error = fieldError(`targets.${p}.${field}`);
                    const id = `sla-${p}-${field}`;
                    return (
                      <td key={field}>
                        <input
                          id={id}
                          className="input"
                          type="number"
                          min={1}
                          inputMode="numeric"
                          aria-label={`${PRIORITY_LABELS[p]}: ${field === 'firstResponseMinutes' ? 'first response' : 'resolution'}, minutes`}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${id}-error` : undefined}
                          value={draft.targets[p][field]}
                          onChange={(e) => setTarget(p, field, e.target.value)}
                        />
                        {error ? (
                          <p className="field__error" id={`${id}-error`}>
                            {error}
                          </p>
                        ) : null}
                      </td>
                    );
                  })}
                  <td>
                    <select
                      className="input select"
                      aria-label={`${PRIORITY_LABELS[p]}: clock`}
                      value={draft.targets[p].clock}
                      onChange={(e) => setTarget(p, 'clock', e.target.value)}
                    >
                      <option value="business">Business hours</option>
                      <option value="24x7">Around the clock</option>
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <p className="sla-targets__note muted">
          One business day is the time between opening and closing. Resolution must be at least the
          first-response time.
        </p>
      </Card>
      <div className="form-grid__actions">
        <BusyButton type="submit" className="button button--primary" busy={save.isPending}>
          Save settings
        </BusyButton>
      </div>
      <StatusMessage tone="success">{status}</StatusMessage>
    </form>
  );
}
