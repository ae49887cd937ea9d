import type { DsarCandidate, DsarCounts, DsarDetail } from '@hushdesk/api-client';
import { ROLE_LABELS } from '@hushdesk/contracts';
import { useState } from 'react';
import { formatList } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import { Badge } from '../../../ui/Layout';
import { LiveIndicator } from '../../tickets';
import { useDsarAction } from '../hooks/use-dsar';
import { COUNT_LABELS, phaseLabel } from './dsar-labels';
import './dsar.css';

/** Collection's progress: the phase, done of total, live from the socket and polled while it runs. */
export function DsarProgressCard({ request }: { request: DsarDetail }) {
  const collecting = request.status === 'collecting';
  const progress = request.progress;
  const total = progress?.total ?? 0;
  const done = Math.min(progress?.done ?? 0, total);
  const finished = !collecting && (progress?.phase === 'done' || request.counts !== null);
  const percent = finished ? 100 : total > 0 ? Math.round((done / total) * 100) : null;
  const label = finished
    ? 'Collection finished'
    : progress
      ? `${phaseLabel(progress.phase)}${total > 0 ? ` (${String(done)}/${String(total)})` : '…'}`
      : 'Starting…';

  return (
    <section className="card dsar-progress" aria-labelledby="dsar-progress-title" data-testid="dsar-progress">
      <div className="dsar-card__title-row">
        <h2 className="card__title" id="dsar-progress-title">
          {collecting ? 'Collecting data' : 'Collection'}
        </h2>
        {collecting ? <LiveIndicator /> : null}
      </div>
      <div
        className="dsar-progress__bar"
        role="progressbar"
        aria-labelledby="dsar-progress-title"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={percent === null ? label : `${label}, ${String(percent)}%`}
        data-phase={progress?.phase ?? ''}
      >
        <span
          className={
            percent === null
              ? 'dsar-progress__fill dsar-progress__fill--indeterminate'
              : 'dsar-progress__fill'
          }
          style={percent === null ? undefined : { width: `${String(percent)}%` }}
        />
      </div>
      <p className="dsar-progress__label" aria-live="polite">
        {label}
        {percent !== null && !finished ? <span className="dsar-progress__percent"> · {percent}%</span> : null}
      </p>
    </section>
  );
}

/** What collection found, as counts. */
export function DsarCountsCard({ counts }: { counts: DsarCounts }) {
  const entries = (Object.keys(COUNT_LABELS) as (keyof DsarCounts)[]).map((key) => ({
    key,
    label: COUNT_LABELS[key],
    value: counts[key],
  }));
  return (
    <section className="card dsar-counts" aria-labelledby="dsar-counts-title">
      <h2 className="card__title" id="dsar-counts-title">
        What was found
      </h2>
      <dl className="dsar-counts__grid" data-testid="dsar-counts">
        {entries.map((entry) => (
          <div
            key={entry.key}
            className={entry.value === 0 ? 'dsar-counts__item is-zero' : 'dsar-counts__item'}
          >
            <dt>{entry.label}</dt>
            <dd>{entry.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Collection found nothing: say so plainly, and how to answer. */
export function NoDataFound({ canComplete }: { canComplete: boolean }) {
  return (
    <div className="notice notice--info dsar-no-data" role="status">
      <div className="notice__body">
        <p className="dsar-no-data__title">No personal data found</p>
        <p>
          Hushdesk holds nothing about this person under the identifiers given.
          {canComplete
            ? ' Complete the request from the actions, with an outcome such as “We hold no personal data about you”.'
            : ''}
        </p>
      </div>
    </div>
  );
}

function candidateName(candidate: DsarCandidate): string {
  return candidate.fullName ?? candidate.email ?? candidate.phone ?? candidate.personId;
}

const MATCH_LABELS: Record<DsarCandidate['matchedBy'][number], string> = {
  email: 'email',
  phone: 'phone',
  fullName: 'full name',
  personId: 'person record',
};

const isStaff = (candidate: DsarCandidate) =>
  candidate.accountRole !== null && candidate.accountRole !== 'customer';

/** The strong identifiers given that matched no one: "the email priya.shah@acme.example". */
function unmatchedIdentifiers(request: DsarDetail): string[] {
  const matched = new Set(request.candidates.flatMap((candidate) => candidate.matchedBy));
  const { subject } = request;
  const out: string[] = [];
  if (subject.email && !matched.has('email')) out.push(`the email ${subject.email}`);
  if (subject.phone && !matched.has('phone')) out.push(`the phone number ${subject.phone}`);
  if (subject.personId && !matched.has('personId')) out.push('the person record given');
  return out;
}

/** Why Hushdesk asks, in plain words: a shared name, a name alone against an unknown email, staff. */
function whyAsked(request: DsarDetail): string[] {
  const reasons: string[] = [];
  const unmatched = unmatchedIdentifiers(request);
  const several = request.candidates.length > 1;
  if (unmatched.length) {
    reasons.push(
      `No one on record has ${formatList(unmatched)}; ${several ? 'these people match' : 'this person matches'} by name only, and a name alone does not show who wrote to you.`,
    );
  } else if (several) {
    reasons.push('The identifiers match more than one person.');
  }
  if (request.candidates.some(isStaff)) {
    reasons.push(
      'Hushdesk never chooses a staff account by itself: choose one only if the request really is from that member of staff.',
    );
  }
  return reasons;
}

/**
 * Hushdesk could not tell who the request is about: the DPO chooses among the candidates (each
 * shown with what matched), or "none of these", and collection starts again.
 */
export function DsarCandidatesCard({ request }: { request: DsarDetail }) {
  const choose = useDsarAction(request.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const canChoose = request.allowedActions.includes('choose_subject');

  return (
    <section
      className="card dsar-candidates"
      aria-labelledby="dsar-candidates-title"
      data-testid="dsar-candidates"
    >
      <div className="card__header">
        <h2 className="card__title" id="dsar-candidates-title">
          Who is this request about?
        </h2>
        {whyAsked(request).map((reason) => (
          <p key={reason} className="card__description">
            {reason}
          </p>
        ))}
        <p className="card__description">
          Choose the person, or “None of these” if it is no one on record: collection then looks only for
          where the identifiers given are mentioned.
        </p>
      </div>
      {choose.error ? <ErrorMessage>{choose.error.message}</ErrorMessage> : null}
      <StatusMessage tone="success">
        {choose.isSuccess
          ? chosen === NOBODY
            ? 'Collection restarted for someone on no record.'
            : 'Collection restarted for the chosen person.'
          : null}
      </StatusMessage>
      <ul className="dsar-candidates__list">
        {request.candidates.map((candidate) => {
          const name = candidateName(candidate);
          return (
            <li key={candidate.personId} className="dsar-candidate" data-testid="dsar-candidate">
              <div className="dsar-candidate__text">
                <p className="dsar-candidate__name">
                  {candidate.fullName ?? 'No name shown'}{' '}
                  {candidate.accountRole && isStaff(candidate) ? (
                    <Badge tone="warning">Staff: {ROLE_LABELS[candidate.accountRole]}</Badge>
                  ) : null}
                </p>
                <p className="dsar-candidate__meta">
                  {[candidate.email, candidate.phone, candidate.organisationName]
                    .filter(Boolean)
                    .join(' · ') || candidate.personId}
                </p>
                <p className="dsar-candidate__match">
                  Matched by {formatList(candidate.matchedBy.map((key) => MATCH_LABELS[key]))}
                  {candidate.matchedBy.length === 1 && candidate.matchedBy[0] === 'fullName' ? ' only' : ''}
                </p>
              </div>
              {canChoose ? (
                <BusyButton
                  type="button"
                  className="button button--secondary button--small"
                  // Every button waits, but only the one pressed shows that it is busy.
                  disabled={choose.isPending}
                  busy={choose.isPending && chosen === candidate.personId}
                  onClick={() => {
                    setChosen(candidate.personId);
                    choose.mutate({ action: 'choose_subject', body: { personId: candidate.personId } });
                  }}
                >
                  Choose<span className="visually-hidden"> {name}</span>
                </BusyButton>
              ) : null}
            </li>
          );
        })}
      </ul>
      {canChoose ? (
        <div className="dsar-candidates__none">
          <BusyButton
            type="button"
            className="button button--secondary"
            disabled={choose.isPending}
            busy={choose.isPending && chosen === NOBODY}
            onClick={() => {
              setChosen(NOBODY);
              choose.mutate({ action: 'choose_subject', body: { nobody: true } });
            }}
          >
            None of these: no one on record
          </BusyButton>
        </div>
      ) : null}
    </section>
  );
}

const NOBODY = 'nobody';
