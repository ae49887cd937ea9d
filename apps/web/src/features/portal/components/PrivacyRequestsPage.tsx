import type { CreateDsarResponse, DsarSummary } from '@hushdesk/api-client';
import type { DsarKind } from '@hushdesk/contracts';
import { useMemo, useState, type ComponentType, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../lib/api-client';
import { formatDate, formatDateTime, formatShortDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useNow } from '../../../lib/use-now';
import { BusyButton } from '../../../ui/BusyButton';
import { TextAreaField } from '../../../ui/Field';
import { ErrorMessage, LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { EyeOffIcon, FileTextIcon, PhoneIcon, ShieldIcon, UserIcon } from '../../../ui/icons';
import { Card, EmptyState, PageHeader } from '../../../ui/Layout';
import { TableFooter } from '../../../ui/TableFooter';
import {
  releaseDownloadUrl,
  DsarStatusBadge,
  KIND_PORTAL_LABELS,
  useCreateDsar,
  useDsar,
  useDsarList,
} from '../../dsar';
import '../../../ui/tables.css';
import './privacy-requests.css';

type PortalKind = Extract<DsarKind, 'access' | 'rectification' | 'erasure' | 'objection'>;

interface Choice {
  kind: PortalKind;
  title: string;
  text: string;
  icon: ComponentType<{ size?: number }>;
}

const CHOICES: Choice[] = [
  {
    kind: 'access',
    title: 'Get a copy of my data',
    text: 'Everything we hold about you, to download.',
    icon: FileTextIcon,
  },
  {
    kind: 'rectification',
    title: 'Correct my details',
    text: 'Tell us what is wrong or missing.',
    icon: UserIcon,
  },
  {
    kind: 'erasure',
    title: 'Delete my account',
    text: 'Erase your account and your personal data.',
    icon: EyeOffIcon,
  },
  {
    kind: 'objection',
    title: 'Stop contacting me',
    text: 'No more calls or emails from us.',
    icon: PhoneIcon,
  },
];

const LIST_FILTERS = { state: 'all' } as const;

/** The customer's privacy requests: make one of four, and follow them to their answer. */
export function PrivacyRequestsPage() {
  useDocumentTitle('Privacy requests');
  const [chosen, setChosen] = useState<PortalKind | null>(null);
  const [sent, setSent] = useState<CreateDsarResponse | null>(null);
  const choice = CHOICES.find((entry) => entry.kind === chosen);

  return (
    <>
      <PageHeader
        title="Privacy requests"
        description="Use your rights over the personal data we hold about you. We answer within one month, and you can follow each request here."
      />

      <StatusMessage tone="success">
        {sent ? (
          <>
            We have your request {sent.reference}. We will answer by {formatDate(sent.dueAt)}.
          </>
        ) : null}
      </StatusMessage>

      <section className="dsar-choices-section" aria-labelledby="dsar-choices-title">
        <h2 className="visually-hidden" id="dsar-choices-title">
          Make a request
        </h2>
        <ul className="dsar-choices">
          {CHOICES.map((entry) => {
            const Icon = entry.icon;
            return (
              <li key={entry.kind}>
                <button
                  type="button"
                  className={`dsar-choice dsar-choice--${entry.kind}`}
                  aria-pressed={chosen === entry.kind}
                  aria-controls={chosen === entry.kind ? 'dsar-portal-form' : undefined}
                  onClick={() => {
                    setChosen(entry.kind);
                    setSent(null);
                  }}
                >
                  <span className="dsar-choice__icon" aria-hidden="true">
                    <Icon size={22} />
                  </span>
                  <span className="dsar-choice__title">{entry.title}</span>
                  <span className="dsar-choice__text">{entry.text}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </section>

      {choice ? (
        <RequestForm
          key={choice.kind}
          choice={choice}
          onSent={(created) => {
            setSent(created);
            setChosen(null);
          }}
          onCancel={() => {
            setChosen(null);
          }}
        />
      ) : null}

      <MyPrivacyRequests highlightId={sent?.id} />
    </>
  );
}

function RequestForm({
  choice,
  onSent,
  onCancel,
}: {
  choice: Choice;
  onSent: (created: CreateDsarResponse) => void;
  onCancel: () => void;
}) {
  const create = useCreateDsar();
  const [details, setDetails] = useState('');
  const [missing, setMissing] = useState(false);
  const needsDetails = choice.kind === 'rectification';
  const detailsError = isApiError(create.error) ? create.error.fields.details?.join(' ') : undefined;
  const formError = create.error && !detailsError ? create.error.message : null;

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = details.trim();
    if (needsDetails && !text) {
      setMissing(true);
      document.getElementById('dsar-portal-details')?.focus();
      return;
    }
    setMissing(false);
    create.mutate({ kind: choice.kind, details: text || undefined }, { onSuccess: onSent });
  };

  return (
    <section className="card dsar-portal-form" id="dsar-portal-form" aria-labelledby="dsar-portal-form-title">
      <div className="card__header">
        <h2 className="card__title" id="dsar-portal-form-title">
          {choice.title}
        </h2>
        <p className="card__description">{EXPLANATIONS[choice.kind]}</p>
      </div>
      <form className="form-stack" onSubmit={handleSubmit} noValidate>
        {formError ? <ErrorMessage>{formError}</ErrorMessage> : null}
        {choice.kind === 'erasure' ? (
          <div className="notice notice--warning dsar-portal-form__warning" role="note">
            <div className="notice__body">
              <p>
                <strong>This cannot be undone.</strong> Once your data is erased you can no longer sign in or
                see your requests. We keep only what the law requires us to, and record what we kept and why;
                our Data Protection Officer can show you that record.
              </p>
            </div>
          </div>
        ) : null}
        <TextAreaField
          id="dsar-portal-details"
          label={needsDetails ? 'What should we correct?' : 'Anything we should know (optional)'}
          hint={
            needsDetails
              ? 'e.g. “My surname is Patel, not Patil” or “My phone number is now 07700 900123”.'
              : undefined
          }
          rows={3}
          value={details}
          error={missing ? 'Tell us what is wrong and what it should be.' : detailsError}
          onChange={(event) => {
            setDetails(event.target.value);
          }}
        />
        <div className="dsar-portal-form__actions">
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
          <BusyButton
            type="submit"
            className={`button ${choice.kind === 'erasure' ? 'button--danger' : 'button--primary'}`}
            busy={create.isPending}
          >
            Send request
          </BusyButton>
        </div>
      </form>
    </section>
  );
}

const EXPLANATIONS: Record<PortalKind, string> = {
  access:
    'We gather everything we hold about you: your details, requests and messages, call recordings and who looked at your data. When it is ready, a download link appears below; it works only for you, signed in, until the date shown.',
  rectification:
    'You can change most of your contact details yourself on My details (a new sign-in email comes here as a request). For anything else, tell us what is wrong.',
  erasure:
    'We erase your account and your personal data from our helpdesk, keeping only what the law requires, and record what we kept and why.',
  objection:
    'We stop contacting you for anything but the requests you raise yourself, and keep your details on a do-not-contact list so it stays that way.',
};

function MyPrivacyRequests({ highlightId }: { highlightId?: string }) {
  const { data, isPending, error, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } =
    useDsarList(LIST_FILTERS);
  const rows = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);

  let body;
  if (isPending) {
    body = <Spinner label="Loading your privacy requests…" />;
  } else if (error && rows.length === 0) {
    body = (
      <div className="dsar-portal-card__body">
        <LoadError onRetry={() => void refetch()}>
          Your privacy requests could not be loaded. {error.message}
        </LoadError>
      </div>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState icon={<ShieldIcon size={28} />} title="You have made no privacy requests">
        <p>Requests you make above appear here, with the date we will answer by.</p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <ul className="dsar-portal-list">
          {rows.map((request) => (
            <PortalRequestRow key={request.id} request={request} highlighted={request.id === highlightId} />
          ))}
        </ul>
        <TableFooter
          shown={rows.length}
          hasMore={hasNextPage}
          loadingMore={isFetchingNextPage}
          onLoadMore={() => void fetchNextPage()}
        />
      </>
    );
  }

  return (
    <Card className="card--flush dsar-portal-requests" as="div">
      <div className="table-toolbar">
        <h2 className="table-toolbar__title">Your privacy requests</h2>
      </div>
      {body}
    </Card>
  );
}

/** One request: what and when, and once answered the download link or the outcome. */
function PortalRequestRow({ request, highlighted }: { request: DsarSummary; highlighted: boolean }) {
  const now = useNow(60_000);
  const detail = useDsar(request.id);
  const release = detail.data?.release ?? null;
  const outcome = detail.data?.outcome ?? null;
  const open = request.closedAt === null && request.status !== 'completed' && request.status !== 'rejected';
  const releaseExpired = release ? Date.parse(release.expiresAt) <= now : false;
  const waitingFor = detail.data?.pauses.find((pause) => pause.to === null)?.reason ?? null;
  const extension = detail.data?.extension?.reason ?? null;

  return (
    <li
      className={highlighted ? 'dsar-portal-item is-new' : 'dsar-portal-item'}
      data-testid="dsar-row"
      data-id={request.id}
    >
      <div className="dsar-portal-item__main">
        <p className="dsar-portal-item__title">
          <span className="dsar-portal-item__reference">{request.reference}</span>
          {KIND_PORTAL_LABELS[request.kind]}
        </p>
        <p className="dsar-portal-item__dates">
          Asked{' '}
          <time dateTime={request.receivedAt} title={formatDateTime(request.receivedAt)}>
            {formatDate(request.receivedAt)}
          </time>
          {open ? (
            <>
              {' · '}
              {request.deadlineState === 'paused' ? 'Waiting for you, then due by ' : 'We will answer by '}
              <time dateTime={request.dueAt} title={formatDateTime(request.dueAt)}>
                {formatDate(request.dueAt)}
              </time>
            </>
          ) : null}
        </p>
        {/* What the DPO asked of them, and why the deadline moved: shown here, as nothing is emailed. */}
        {open && waitingFor ? (
          <p className="dsar-portal-item__outcome">
            <strong>We need from you:</strong> {waitingFor}
          </p>
        ) : null}
        {open && extension ? (
          <p className="dsar-portal-item__outcome">
            <strong>Why we need longer:</strong> {extension}
          </p>
        ) : null}
        {release ? (
          releaseExpired ? (
            <p className="dsar-portal-item__release dsar-portal-muted">
              Your download link expired on {formatShortDateTime(release.expiresAt)}. Make a new request if
              you need another copy.
            </p>
          ) : (
            <p className="dsar-portal-item__release">
              <a
                className="button button--primary button--small"
                href={releaseDownloadUrl(release.downloadPath)}
                download
              >
                Download your data
              </a>{' '}
              <span className="dsar-portal-muted">
                Available until{' '}
                <time dateTime={release.expiresAt} title={formatDateTime(release.expiresAt)}>
                  {formatShortDateTime(release.expiresAt)}
                </time>
              </span>
            </p>
          )
        ) : null}
        {outcome ? (
          <p
            className={
              request.status === 'rejected'
                ? 'dsar-portal-item__outcome dsar-portal-item__outcome--rejected'
                : 'dsar-portal-item__outcome'
            }
          >
            {outcome}
          </p>
        ) : null}
        {request.status === 'rejected' && !outcome && detail.data ? (
          <p className="dsar-portal-item__outcome dsar-portal-item__outcome--rejected">
            {detail.data.rejection?.reason ?? 'We could not fulfil this request.'} If you are unhappy with
            this, you can complain to the Information Commissioner’s Office (
            <Link to="/portal/privacy">see your rights</Link>).
          </p>
        ) : null}
      </div>
      <DsarStatusBadge status={request.status} portal />
    </li>
  );
}
