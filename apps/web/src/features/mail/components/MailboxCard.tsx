import { useState } from 'react';
import { formatDateTime, formatFileSize, formatRelative } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage, LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { Badge } from '../../../ui/Layout';
import { TableScroll } from '../../../ui/TableScroll';
import type { Mailbox, MailboxTestResult } from '../api/mail-api';
import { useDeleteMailbox, useQuarantine, useTestMailbox, useUpdateMailbox } from '../hooks/use-mail';
import { ConfirmDialog } from './ConfirmDialog';

function When({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}

/** Ends with a full stop, once: the API's reasons are often sentences already. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function testSummary(name: string, result: MailboxTestResult): string {
  if (!result.ok)
    return `${name} could not connect: ${sentence(result.error ?? 'the server gave no reason')}`;
  const count =
    result.messages === null
      ? 'the folder opened'
      : `the folder holds ${String(result.messages)} ${result.messages === 1 ? 'message' : 'messages'}`;
  const idle = result.idle
    ? 'The server offers IDLE, so new mail arrives within seconds.'
    : 'The server does not offer IDLE, so Hushdesk checks it for new mail at intervals.';
  return `Connected to ${name}: signed in and ${count}. ${idle}`;
}

/** One IMAP mailbox: its account and state, and what an admin can do with it. */
export function MailboxCard({
  mailbox,
  onEdit,
  onDeleted,
}: {
  mailbox: Mailbox;
  onEdit: () => void;
  onDeleted: (message: string) => void;
}) {
  const now = useNow(30_000);
  const test = useTestMailbox();
  const update = useUpdateMailbox();
  const remove = useDeleteMailbox();
  const [confirming, setConfirming] = useState(false);
  const [showQuarantine, setShowQuarantine] = useState(false);
  const [changed, setChanged] = useState<string | null>(null);
  const headingId = `mailbox-${mailbox.id}-name`;

  const togglePaused = () => {
    setChanged(null);
    update.mutate(
      { id: mailbox.id, body: { paused: !mailbox.paused } },
      {
        onSuccess: (saved) => {
          setChanged(
            saved.paused
              ? `Paused ${saved.name}: no mail is taken from it until you resume it.`
              : `Resumed ${saved.name}: new mail is imported again.`,
          );
        },
      },
    );
  };

  return (
    <li className="card mailbox" data-testid="mailbox">
      <div className="mailbox__head">
        <h2 className="mailbox__name" id={headingId}>
          {mailbox.name}
        </h2>
        {mailbox.paused ? <Badge tone="warning">Paused</Badge> : <Badge tone="success">Active</Badge>}
      </div>

      <dl className="facts mailbox__facts">
        <div>
          <dt>Account</dt>
          <dd>
            {mailbox.username} on {mailbox.host}:{mailbox.port}{' '}
            <span className="muted">{mailbox.tls ? '(TLS)' : '(no TLS)'}</span>
          </dd>
        </div>
        <div>
          <dt>Folder</dt>
          <dd>{mailbox.folder}</dd>
        </div>
        <div>
          <dt>Last checked</dt>
          <dd>{mailbox.lastPolledAt ? <When iso={mailbox.lastPolledAt} now={now} /> : 'Not yet'}</dd>
        </div>
        <div>
          <dt>Quarantined</dt>
          <dd>
            {mailbox.quarantined === 0
              ? 'None'
              : `${String(mailbox.quarantined)} ${mailbox.quarantined === 1 ? 'message' : 'messages'}`}
          </dd>
        </div>
      </dl>

      {mailbox.lastError ? (
        <p className="mailbox__error">
          <strong>Last error</strong>
          {mailbox.lastErrorAt ? (
            <>
              {' '}
              (<When iso={mailbox.lastErrorAt} now={now} />)
            </>
          ) : null}
          : {mailbox.lastError}
        </p>
      ) : null}

      <div className="mailbox__actions">
        <BusyButton
          type="button"
          className="button button--secondary button--small"
          busy={test.isPending}
          onClick={() => {
            test.mutate(mailbox.id);
          }}
        >
          Test connection
        </BusyButton>
        <BusyButton
          type="button"
          className="button button--secondary button--small"
          busy={update.isPending}
          onClick={togglePaused}
        >
          {mailbox.paused ? 'Resume' : 'Pause'}
        </BusyButton>
        <button type="button" className="button button--secondary button--small" onClick={onEdit}>
          Edit
        </button>
        <button
          type="button"
          className="button button--secondary button--small mailbox__delete"
          onClick={() => {
            remove.reset();
            setConfirming(true);
          }}
        >
          Delete
        </button>
        {mailbox.quarantined > 0 ? (
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={showQuarantine}
            aria-controls={`mailbox-${mailbox.id}-quarantine`}
            onClick={() => {
              setShowQuarantine((shown) => !shown);
            }}
          >
            {showQuarantine ? 'Hide quarantined mail' : 'Show quarantined mail'}
          </button>
        ) : null}
      </div>

      {test.data ? (
        <p
          className={`notice ${test.data.ok ? 'notice--success' : 'notice--error'} mailbox__test`}
          data-testid="mailbox-test-result"
        >
          {testSummary(mailbox.name, test.data)}
        </p>
      ) : null}
      {test.error ? (
        <ErrorMessage>The connection could not be tested. {test.error.message}</ErrorMessage>
      ) : null}
      {update.error ? <ErrorMessage>That did not work. {update.error.message}</ErrorMessage> : null}
      <StatusMessage tone="success">{changed}</StatusMessage>

      {showQuarantine ? <QuarantineList mailboxId={mailbox.id} name={mailbox.name} /> : null}

      {confirming ? (
        <ConfirmDialog
          title={`Delete ${mailbox.name}?`}
          confirmLabel="Delete mailbox"
          busy={remove.isPending}
          error={remove.error?.message}
          onClose={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            // Deleting takes this card off the list, so `mutate`'s own callbacks would never run;
            // the promise settles either way. A failure shows in the dialog through `remove.error`.
            remove.mutateAsync(mailbox.id).then(
              () => {
                onDeleted(`Deleted ${mailbox.name}. Mail already imported stays in its tickets.`);
              },
              () => undefined,
            );
          }}
        >
          <p>
            Hushdesk stops taking mail from {mailbox.username} on {mailbox.host} and forgets its password.
            Tickets and replies already imported from it are kept. The mail on the server is not touched.
          </p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}

/** Mail left on the server because it could not be imported; listed without its content. */
function QuarantineList({ mailboxId, name }: { mailboxId: string; name: string }) {
  const quarantine = useQuarantine(mailboxId, true);
  let body;
  if (quarantine.isPending) body = <Spinner label="Loading quarantined mail…" />;
  else if (quarantine.error)
    body = (
      <LoadError onRetry={() => void quarantine.refetch()}>
        Quarantined mail could not be loaded. {quarantine.error.message}
      </LoadError>
    );
  else if (quarantine.data.length === 0) body = <p className="muted">Nothing is quarantined now.</p>;
  else
    body = (
      <TableScroll label={`Quarantined mail in ${name}`}>
        <table className="table" aria-label={`Quarantined mail in ${name}`}>
          <thead>
            <tr>
              <th scope="col">Found</th>
              <th scope="col">IMAP UID</th>
              <th scope="col">Size</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {quarantine.data.map((mail) => (
              <tr key={mail.id}>
                <td>
                  <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt)}</time>
                </td>
                <td>{mail.uid}</td>
                <td>{formatFileSize(mail.sizeBytes)}</td>
                <td>{mail.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    );
  return (
    <div className="mailbox__quarantine" id={`mailbox-${mailboxId}-quarantine`}>
      <h3 className="mailbox__subtitle">Quarantined mail</h3>
      <p className="muted">
        Left on the mail server, not imported: too large or unreadable. Deal with it in the mailbox itself.
      </p>
      {body}
    </div>
  );
}
