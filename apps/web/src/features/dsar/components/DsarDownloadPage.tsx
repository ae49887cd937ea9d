import type { DsarDownloadStatus } from '@hushdesk/api-client';
import { useState, type ReactNode, type SubmitEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage, Spinner, StatusMessage } from '../../../ui/Feedback';
import { Wordmark } from '../../../ui/Logo';
import { useCurrentUser, type LoginLocationState } from '../../auth';
import { useDownloadPackage, useDownloadStatus } from '../hooks/use-dsar-download';
import './dsar.css';

const CODE_ID = 'download-code';

function Page({ children }: { children: ReactNode }) {
  return (
    <div className="standalone">
      <header className="standalone__header">
        <Link to="/" className="standalone__home" aria-label="Hushdesk home">
          <Wordmark />
        </Link>
      </header>
      <main className="standalone__main" id="main-content">
        <div className="card card--narrow dsar-download">
          <h1 className="card__title">Your data from Hushdesk</h1>
          {children}
        </div>
      </main>
    </div>
  );
}

/** Why a link no longer works, in words, with what to do. */
const ENDED: Record<Exclude<DsarDownloadStatus['state'], 'available'>, string> = {
  expired: 'This download has expired. Ask the Data Protection Officer for a new one.',
  code_used:
    'The one-time code for this download has been used. If your download did not finish, ask the Data Protection Officer for a new code.',
  code_locked:
    'Too many wrong codes were entered for this download. Ask the Data Protection Officer for a new code.',
};

/**
 * `/download/:token`: the page a requester opens from the link the DPO sent. A request made from
 * the portal is downloaded signed in as that account; any other with the one-time code the DPO
 * gave separately. The API decides; this page asks for what it needs and says what happened.
 */
export function DsarDownloadPage() {
  useDocumentTitle('Download your data');
  const { token = '' } = useParams();
  const status = useDownloadStatus(token);

  if (status.isPending) {
    return (
      <Page>
        <Spinner label="Checking your download link…" />
      </Page>
    );
  }
  if (status.error) {
    const notFound = isApiError(status.error) && status.error.status < 500;
    return (
      <Page>
        <ErrorMessage>
          {notFound
            ? 'This download link is not valid. Check that you copied all of it, or ask the Data Protection Officer.'
            : status.error.message}
        </ErrorMessage>
      </Page>
    );
  }
  const { access, expiresAt, state } = status.data;
  if (state !== 'available') {
    return (
      <Page>
        <ErrorMessage>{ENDED[state]}</ErrorMessage>
      </Page>
    );
  }
  return (
    <Page>
      {access === 'sign_in' ? <SignedInDownload token={token} /> : <CodeDownload token={token} />}
      <p className="muted">
        This link works until <time dateTime={expiresAt}>{formatDateTime(expiresAt)}</time>. The download is a
        ZIP file with your data as JSON, a report you can read in a browser, and any recordings.
      </p>
    </Page>
  );
}

function SignedInDownload({ token }: { token: string }) {
  const { data: user, isPending } = useCurrentUser();
  const location = useLocation();
  const download = useDownloadPackage(token);
  if (isPending) return <Spinner label="Checking who is signed in…" />;
  if (!user) {
    const state: LoginLocationState = { from: location.pathname };
    return (
      <>
        <p>You asked for your data from your Hushdesk account. Sign in with that account to download it.</p>
        <Link to="/login" state={state} className="button button--primary">
          Sign in to download
        </Link>
      </>
    );
  }
  return (
    <>
      <p>You are signed in as {user.email}. Only the account that made the request can download it.</p>
      {download.error ? <ErrorMessage>{download.error.message}</ErrorMessage> : null}
      <BusyButton
        type="button"
        className="button button--primary"
        busy={download.isPending}
        onClick={() => {
          download.mutate(undefined);
        }}
      >
        Download your data
      </BusyButton>
      <StatusMessage tone="success">
        {download.isSuccess ? `Your download has started (${download.data}).` : null}
      </StatusMessage>
    </>
  );
}

function CodeDownload({ token }: { token: string }) {
  const download = useDownloadPackage(token);
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!code.trim()) {
      setMissing(true);
      document.getElementById(CODE_ID)?.focus();
      return;
    }
    setMissing(false);
    download.mutate(code.trim());
  };

  if (download.isSuccess) {
    return (
      <StatusMessage tone="success">
        {`Your download has started (${download.data}). The code has now been used; if the download did not finish, ask the Data Protection Officer for a new code.`}
      </StatusMessage>
    );
  }
  const error = missing
    ? 'Enter the one-time code the Data Protection Officer gave you.'
    : download.error
      ? download.error.message
      : undefined;
  return (
    <form className="form-stack dsar-download__form" onSubmit={handleSubmit} noValidate>
      <p>
        Enter the one-time code the Data Protection Officer gave you separately from this link (by phone or
        letter). It works once.
      </p>
      <TextField
        id={CODE_ID}
        label="One-time code"
        name="code"
        autoComplete="one-time-code"
        autoCapitalize="characters"
        spellCheck={false}
        placeholder="ABCD-EFGH"
        value={code}
        error={error}
        onChange={(event) => {
          setCode(event.target.value);
          setMissing(false);
        }}
      />
      <BusyButton type="submit" className="button button--primary" busy={download.isPending}>
        Download your data
      </BusyButton>
    </form>
  );
}
