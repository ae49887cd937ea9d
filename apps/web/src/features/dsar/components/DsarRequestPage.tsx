import type { DsarDetail } from '@hushdesk/api-client';
import { DSAR_KIND_LABELS } from '@hushdesk/contracts';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useNow } from '../../../lib/use-now';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { ArrowLeftIcon, LockIcon, ShieldIcon } from '../../../ui/icons';
import { EmptyState, PageHeader } from '../../../ui/Layout';
import { useDsar, useDsarLiveProgress } from '../hooks/use-dsar';
import { DsarActionPanel } from './DsarActionPanel';
import { daysLeftText, DeadlineBadge, DsarStatusBadge } from './DsarBadges';
import { DsarCandidatesCard, DsarCountsCard, DsarProgressCard, NoDataFound } from './DsarCollection';
import { DsarExportCard } from './DsarExportCard';
import { DsarSubjectCard, DsarTimelineCard } from './DsarFacts';
import { DsarReview } from './DsarReview';
import './dsar.css';
import { CHANNEL_LABELS } from './dsar-labels';
import { ErasureCard } from './ErasureCard';
import { RectifyCard } from './RectifyCard';

const BACK = (
  <Link to="/dpo" className="button button--secondary">
    <ArrowLeftIcon size={16} />
    All requests
  </Link>
);

/** One data-subject request, from verification to a provable answer (DPO). */
export function DsarRequestPage() {
  const { dsarId } = useParams();
  const query = useDsar(dsarId);
  useDsarLiveProgress(dsarId);
  useDocumentTitle(query.data ? query.data.reference : 'Data-subject request');

  if (query.isPending) {
    return (
      <>
        <PageHeader title="Data-subject request" actions={BACK} />
        <Spinner label="Loading the request…" />
      </>
    );
  }
  if (query.error) {
    const notFound = isApiError(query.error) && query.error.status === 404;
    return (
      <>
        <PageHeader title="Data-subject request" actions={BACK} />
        {notFound ? (
          <div className="card">
            <EmptyState icon={<ShieldIcon size={28} />} title="No such request">
              <p>It may have been mistyped. Every request is listed on the requests page.</p>
            </EmptyState>
          </div>
        ) : (
          <LoadError onRetry={() => void query.refetch()}>
            The request could not be loaded. {query.error.message}
          </LoadError>
        )}
      </>
    );
  }
  return <RequestView request={query.data} />;
}

function RequestView({ request }: { request: DsarDetail }) {
  const now = useNow(60_000);
  const left = daysLeftText(request, now);
  // Collection stopped at "choose the person": the choice matters, not the bar.
  const showProgress =
    request.status === 'collecting' || (request.progress !== null && request.status !== 'needs_subject');
  const showCandidates = request.status === 'needs_subject' || request.candidates.length > 0;
  const erased = request.receipt !== null;
  const collected = request.counts !== null;
  const showReview = collected && !erased && !request.noDataFound;
  const showExport = collected && !erased && !request.noDataFound;

  return (
    <>
      <PageHeader title={request.reference} description={DSAR_KIND_LABELS[request.kind]} actions={BACK} />

      <section className="card dsar-summary" aria-label="Status and deadline">
        <dl className="dsar-summary__facts">
          <div>
            <dt>Status</dt>
            <dd>
              <DsarStatusBadge status={request.status} />
            </dd>
          </div>
          <div>
            <dt>Due</dt>
            <dd className="dsar-summary__due">
              <time dateTime={request.dueAt} title={formatDateTime(request.dueAt)}>
                {formatDate(request.dueAt)}
              </time>
              <DeadlineBadge state={request.deadlineState} />
            </dd>
          </div>
          {left ? (
            <div>
              <dt>Time left</dt>
              <dd data-testid="dsar-days-left">{left}</dd>
            </div>
          ) : null}
          <div>
            <dt>Received</dt>
            <dd>
              <time dateTime={request.receivedAt} title={formatDateTime(request.receivedAt)}>
                {formatDate(request.receivedAt)}
              </time>{' '}
              <span className="dsar-muted">by {CHANNEL_LABELS[request.channel].toLowerCase()}</span>
            </dd>
          </div>
          <div>
            <dt>About</dt>
            <dd>{request.subjectLabel}</dd>
          </div>
        </dl>
        {request.restrictionActive ? (
          <p className="dsar-restricted" data-testid="dsar-restricted">
            <LockIcon size={16} />
            Processing restricted
          </p>
        ) : null}
      </section>

      {request.outcome ? (
        <div className="notice notice--info dsar-outcome">
          <div className="notice__body">
            <strong>
              {request.channel === 'portal'
                ? 'Shown to the requester in the portal:'
                : `Outcome (Hushdesk sends nothing; tell the requester by ${request.channel}):`}
            </strong>{' '}
            {request.outcome}
          </div>
        </div>
      ) : null}

      <div className="dsar-layout">
        <div className="dsar-layout__main">
          {showProgress ? <DsarProgressCard request={request} /> : null}
          {showCandidates ? <DsarCandidatesCard request={request} /> : null}
          {request.noDataFound ? (
            <NoDataFound canComplete={request.allowedActions.includes('complete')} />
          ) : null}
          {request.counts ? <DsarCountsCard counts={request.counts} /> : null}
          {request.allowedActions.includes('rectify') ? <RectifyCard request={request} /> : null}
          {request.kind === 'erasure' ? <ErasureCard request={request} /> : null}
          {showExport ? <DsarExportCard request={request} /> : null}
          {showReview ? (
            <DsarReview requestId={request.id} editable={request.status === 'in_review'} />
          ) : null}
          {!showProgress && !collected && !erased && !request.closedAt && nextStep(request) ? (
            <p className="dsar-next">{nextStep(request)}</p>
          ) : null}
          {request.closedAt && !showProgress && !collected && !erased ? (
            <p className="dsar-next">
              {request.status === 'rejected' ? 'Rejected' : 'Completed'} on {formatDate(request.closedAt)}
              {request.restrictionActive ? '. Processing stays restricted until you lift it.' : '.'}
            </p>
          ) : null}
        </div>
        <div className="dsar-layout__aside">
          <DsarActionPanel request={request} />
          <DsarSubjectCard request={request} />
          <DsarTimelineCard request={request} />
        </div>
      </div>
    </>
  );
}

/** What has to happen before there is anything to review. */
function nextStep(request: DsarDetail): string {
  switch (request.status) {
    case 'received':
      return request.requesterRelation === 'third_party' && !request.evidence
        ? 'Next: upload the third party’s authority, then verify the person’s identity.'
        : 'Next: verify the person’s identity, or ask them for ID or clarification.';
    case 'awaiting_information':
      return 'Waiting for the requester. Resume the clock when their answer arrives.';
    case 'verified':
      return request.kind === 'access' || request.kind === 'portability' || request.kind === 'erasure'
        ? 'Next: collect their data.'
        : 'Next: act on the request, then complete it.';
    default:
      return '';
  }
}
