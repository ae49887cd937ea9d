import type { DsarDetail } from '@hushdesk/api-client';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime, formatFileSize } from '../../../lib/format';
import { CHANNEL_LABELS, VERIFICATION_LABELS } from './dsar-labels';
import './dsar.css';

function When({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatDate(iso)}
    </time>
  );
}

/** Who the request is about, as given and expanded (empty after erasure), and what they asked. */
export function DsarSubjectCard({ request }: { request: DsarDetail }) {
  const { subject } = request;
  const rows: { label: string; value: ReactNode }[] = [];
  if (subject.fullName) rows.push({ label: 'Full name', value: subject.fullName });
  if (subject.email)
    rows.push({ label: 'Email', value: <span className="table__email">{subject.email}</span> });
  if (subject.phone) rows.push({ label: 'Phone', value: subject.phone });
  const personId = request.subjectPersonId ?? subject.personId;
  if (personId) rows.push({ label: 'Person record', value: <code className="dsar-id">{personId}</code> });
  else if (request.subjectDecision === 'nobody')
    rows.push({
      label: 'Person record',
      value: 'None: no one on record (your decision); only mentions are searched',
    });

  return (
    <section className="card dsar-side-card" aria-labelledby="dsar-subject-title">
      <h2 className="card__title" id="dsar-subject-title">
        Subject
      </h2>
      {rows.length > 0 ? (
        <dl className="dsar-facts">
          {rows.map((row) => (
            <div key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="dsar-muted">
          {request.receipt
            ? 'Erased: only keyed hashes of their identifiers are kept, as proof.'
            : 'No identifiers.'}
        </p>
      )}
      {request.details ? (
        <div className="dsar-details">
          <h3 className="dsar-details__title">What they asked</h3>
          <p className="dsar-details__text">{request.details}</p>
          {request.requestedChanges?.email ? (
            <dl className="dsar-facts">
              <div>
                <dt>New sign-in email</dt>
                <dd>
                  <span className="table__email">{request.requestedChanges.email}</span>
                </dd>
              </div>
            </dl>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

interface Step {
  key: string;
  title: string;
  at?: string;
  body?: ReactNode;
  tone?: 'warning' | 'danger' | 'success';
}

/** Received, evidence, verification, pauses, extension, rejection, closure: in that order. */
export function DsarTimelineCard({ request }: { request: DsarDetail }) {
  const steps: Step[] = [
    {
      key: 'received',
      title: `Received by ${CHANNEL_LABELS[request.channel].toLowerCase()}`,
      at: request.receivedAt,
      body:
        request.requesterRelation === 'third_party'
          ? `From a third party${request.requesterName ? `: ${request.requesterName}` : ''}.`
          : 'From the person themselves.',
    },
  ];
  // Evidence is dropped with everything else by an erasure: only an open request lacks it.
  if (request.requesterRelation === 'third_party' && (request.evidence || !request.closedAt)) {
    steps.push(
      request.evidence
        ? {
            key: 'evidence',
            title: 'Evidence of authority',
            body: `${request.evidence.fileName} (${formatFileSize(request.evidence.sizeBytes)})`,
          }
        : { key: 'evidence', title: 'No evidence of authority yet', tone: 'warning' },
    );
  }
  if (request.verification) {
    steps.push({
      key: 'verified',
      title: 'Identity verified',
      at: request.verification.verifiedAt,
      body: (
        <>
          {VERIFICATION_LABELS[request.verification.method]}
          {request.verification.note ? (
            <span className="dsar-timeline__note">{request.verification.note}</span>
          ) : null}
        </>
      ),
    });
  }
  request.pauses.forEach((pause, index) => {
    steps.push({
      key: `pause-${String(index)}`,
      title: pause.to ? 'Clock paused' : 'Clock paused: waiting for the requester',
      at: pause.from,
      tone: pause.to ? undefined : 'warning',
      body: (
        <>
          {pause.reason}
          <span className="dsar-timeline__note">
            {pause.to ? (
              <>
                Resumed <When iso={pause.to} />
              </>
            ) : (
              'Not resumed yet'
            )}
          </span>
        </>
      ),
    });
  });
  if (request.extension) {
    steps.push({
      key: 'extension',
      title: `Extended by ${request.extension.months === 1 ? 'one month' : 'two months'}`,
      at: request.extension.decidedAt,
      body: request.extension.reason,
    });
  }
  /** What may still happen, after everything that has. */
  const upcoming: Step[] = [];
  if (!request.extension && !request.closedAt) {
    const stillPossible = Date.parse(request.extensionAllowedUntil) >= Date.now();
    upcoming.push({
      key: 'extension',
      title: 'Not extended',
      body: (
        <>
          {stillPossible ? 'Can be extended until ' : 'The time to extend ended '}
          <When iso={request.extensionAllowedUntil} />.
        </>
      ),
    });
  }
  if (request.rejection) {
    steps.push({
      key: 'rejection',
      title: 'Rejected',
      at: request.rejection.rejectedAt,
      body: request.rejection.reason,
      tone: 'danger',
    });
  }
  if (request.closedAt) {
    steps.push({ key: 'closed', title: 'Closed', at: request.closedAt, tone: 'success' });
  }

  // In the order things happened; an undated step (the evidence) stays after the one before it.
  let last = 0;
  const ordered = steps
    .map((step, index) => {
      const time = step.at ? Date.parse(step.at) : Number.NaN;
      if (!Number.isNaN(time)) last = time;
      return { step, index, time: Number.isNaN(time) ? last : time };
    })
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map((entry) => entry.step)
    .concat(upcoming);

  return (
    <section className="card dsar-side-card" aria-labelledby="dsar-timeline-title">
      <h2 className="card__title" id="dsar-timeline-title">
        Timeline
      </h2>
      <ol className="dsar-timeline">
        {ordered.map((step) => (
          <li
            key={step.key}
            className={
              step.tone ? `dsar-timeline__step dsar-timeline__step--${step.tone}` : 'dsar-timeline__step'
            }
          >
            <p className="dsar-timeline__title">
              {step.title}
              {step.at ? (
                <span className="dsar-timeline__at">
                  <When iso={step.at} />
                </span>
              ) : null}
            </p>
            {step.body ? <p className="dsar-timeline__body">{step.body}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
