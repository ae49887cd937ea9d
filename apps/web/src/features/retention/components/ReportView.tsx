import { formatDateTime, formatList, formatShortDateTime } from '../../../lib/format';
import { useFieldPolicies, RETENTION_EVENT_LABELS } from '../../privacy';
import type { RetentionReport, SkipReason } from '../api/retention-api';
import { categoryLabel } from './retention-labels';
import { TableScroll } from '../../../ui/TableScroll';

const SKIP_REASONS: Record<SkipReason, string> = {
  legal_hold: 'On legal hold',
  open_dsar: 'The person has an open data-subject request',
};

const plural = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

/** "90 days from ticket_closed" -> "90 days after the ticket closes". */
function retentionWords(text: string): string {
  const match = /^(\d+) days from (\w+)$/.exec(text);
  if (!match) return text;
  const event = RETENTION_EVENT_LABELS[match[2] as keyof typeof RETENTION_EVENT_LABELS];
  return event ? `${match[1]} days after ${event}` : text;
}

function elapsed(from: string, to: string | undefined): string | null {
  if (!to) return null;
  const ms = Date.parse(to) - Date.parse(from);
  if (Number.isNaN(ms) || ms < 0) return null;
  return ms < 1000 ? 'under a second' : plural(Math.round(ms / 1000), 'second', 'seconds');
}

/** One figure of the report. */
function CountTile({ label, count, testId }: { label: string; count: number; testId: string }) {
  return (
    <div className="report__tile">
      <dt>{label}</dt>
      <dd data-testid={testId}>{count}</dd>
    </div>
  );
}

/**
 * What a retention run deleted, or for a dry run what it would delete: recordings, the ones kept
 * and why, the personal-data fields cleared, and what this engine does not sweep yet.
 */
export function ReportView({ report }: { report: RetentionReport }) {
  const policies = useFieldPolicies();
  const dry = report.dryRun;
  const recordings = report.recordings;
  const count = dry ? recordings.expired : recordings.deleted;
  const kept = recordings.skipped.legalHold + recordings.skipped.openDsar;
  const fields = report.fields?.fields ?? [];
  const fieldValues = fields.reduce((sum, field) => sum + field.values, 0);
  const took = elapsed(report.startedAt, report.finishedAt);
  // The other categories the run reached, each as "… that would be …" in a dry run.
  const tile = (testId: string, done: string, would: string, count: number) => ({
    testId,
    label: dry ? would : done,
    count,
  });
  const sweeps = [
    report.closedTickets &&
      tile(
        'closed-tickets-count',
        'Closed tickets anonymised',
        'Closed tickets that would be anonymised',
        report.closedTickets.anonymised,
      ),
    report.rawEmails &&
      tile(
        'raw-emails-count',
        'Raw email copies deleted',
        'Raw email copies that would be deleted',
        dry ? report.rawEmails.expired : report.rawEmails.deleted,
      ),
    report.rawEmails &&
      tile(
        'sent-mail-count',
        'Sent mails emptied',
        'Sent mails that would be emptied',
        dry ? report.rawEmails.sentMail.due : report.rawEmails.sentMail.scrubbed,
      ),
    report.dsarPackages &&
      tile(
        'dsar-packages-count',
        'Request packages deleted',
        'Request packages that would be deleted',
        report.dsarPackages.deleted,
      ),
    report.replyDrafts &&
      tile(
        'reply-drafts-count',
        'Reply drafts deleted',
        'Reply drafts that would be deleted',
        report.replyDrafts.deleted,
      ),
    report.slaWarnings &&
      tile(
        'sla-warnings-count',
        'SLA warnings deleted',
        'SLA warnings that would be deleted',
        report.slaWarnings.deleted,
      ),
    report.audit &&
      tile(
        'audit-entries-count',
        'Audit entries removed',
        'Audit entries that would be removed',
        report.audit.entries,
      ),
  ].filter((t) => t !== undefined);

  const fieldLabel = (field: string) =>
    policies.data?.find((policy) => policy.field === field)?.label ?? field;

  return (
    <div className="report">
      <p className="report__headline" data-testid="report-headline">
        {dry
          ? count === 0
            ? 'No recordings are past their retention.'
            : `${plural(count, 'recording', 'recordings')} would be deleted.`
          : `${plural(count, 'recording', 'recordings')} deleted.`}
        {kept > 0 ? ` ${plural(kept, 'other is', 'others are')} past retention but kept.` : ''}
      </p>

      <dl className="report__tiles">
        <div className="report__tile report__tile--main">
          <dt>{dry ? 'Recordings that would be deleted' : 'Recordings deleted'}</dt>
          <dd data-testid="recordings-count">{count}</dd>
        </div>
        <CountTile
          label="Kept: on legal hold"
          count={recordings.skipped.legalHold}
          testId="skipped-legal-hold"
        />
        <CountTile
          label="Kept: open data-subject request"
          count={recordings.skipped.openDsar}
          testId="skipped-open-dsar"
        />
        <CountTile
          label={dry ? 'Field values that would be cleared' : 'Field values cleared'}
          count={fieldValues}
          testId="field-values-count"
        />
        {sweeps.map((tile) => (
          <CountTile key={tile.testId} {...tile} />
        ))}
        {dry ? null : (
          <div className={report.blobs.failed > 0 ? 'report__tile report__tile--warning' : 'report__tile'}>
            <dt>Audio files deleted</dt>
            <dd>
              {report.blobs.deleted}
              {report.blobs.failed > 0 ? (
                <span className="report__tile-note"> {report.blobs.failed} failed; retried next run</span>
              ) : null}
            </dd>
          </div>
        )}
      </dl>

      {recordings.skippedIds.length > 0 ? (
        <details className="report__details">
          <summary>Why {plural(kept, 'recording is', 'recordings are')} kept past retention</summary>
          <TableScroll label="Recordings kept table">
            <table className="table report__table">
              <caption className="visually-hidden">Recordings kept past their retention, and why</caption>
              <thead>
                <tr>
                  <th scope="col">Recording</th>
                  <th scope="col">Kept because</th>
                </tr>
              </thead>
              <tbody>
                {recordings.skippedIds.map((skipped) => (
                  <tr key={skipped.id}>
                    <td>
                      <code className="report__id">{skipped.id}</code>
                    </td>
                    <td>{SKIP_REASONS[skipped.why]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </details>
      ) : null}

      {fields.length > 0 ? (
        <TableScroll label="Fields past retention table">
          <table className="table report__table">
            <caption className="report__caption">Personal-data fields past their retention</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Kept for</th>
                <th scope="col" className="report__number">
                  {dry ? 'Values that would be cleared' : 'Values cleared'}
                </th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => (
                <tr key={field.field}>
                  <th scope="row" className="table__primary">
                    {fieldLabel(field.field)}
                  </th>
                  <td>{retentionWords(field.retention)}</td>
                  <td className="report__number">{field.values}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}

      {recordings.ids.length > 0 ? (
        <details className="report__details">
          <summary>
            {dry ? 'Recordings that would be deleted' : 'Recordings deleted'} ({recordings.ids.length}
            {recordings.ids.length < count ? ` of ${String(count)}` : ''})
          </summary>
          <ul className="report__ids">
            {recordings.ids.map((id) => (
              <li key={id}>
                <code className="report__id">{id}</code>
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {report.notYetSwept.length > 0 ? (
        <p className="report__note">
          Not swept by this run yet: {formatList(report.notYetSwept.map(categoryLabel).map(lowerFirst))}.
          Their periods are recorded but nothing is deleted automatically.
        </p>
      ) : null}

      <p className="report__time">
        Started{' '}
        <time dateTime={report.startedAt} title={formatDateTime(report.startedAt)}>
          {formatShortDateTime(report.startedAt)}
        </time>
        {took ? `, took ${took}` : ''}.
      </p>
    </div>
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
