import { useEffect, useId, useRef } from 'react';
import { formatDateTime } from '../../../lib/format';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { Badge } from '../../../ui/Layout';
import { useOutboxItem } from '../hooks/use-mail';
import { OUTBOX_KIND_LABELS, OUTBOX_STATUS_TONES, outboxStatusLabel } from './mail-labels';

/** One mail of the outbox, with its plain-text body (none for a suppressed one: it was never kept). */
export function OutboxDetailDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const item = useOutboxItem(id);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
    };
  }, []);

  let body;
  if (item.isPending) body = <Spinner label="Loading the mail…" />;
  else if (item.error)
    body = (
      <LoadError onRetry={() => void item.refetch()}>
        This mail could not be loaded. {item.error.message}
      </LoadError>
    );
  else {
    const mail = item.data;
    body = (
      <>
        <dl className="facts outbox-detail__facts">
          <div>
            <dt>Status</dt>
            <dd>
              <Badge tone={OUTBOX_STATUS_TONES[mail.status]}>{outboxStatusLabel(mail)}</Badge>
            </dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>{OUTBOX_KIND_LABELS[mail.kind]}</dd>
          </div>
          <div>
            <dt>To</dt>
            <dd>{mail.to ?? <span className="muted">Not kept</span>}</dd>
          </div>
          <div>
            <dt>Ticket</dt>
            <dd>{mail.ticket?.reference ?? <span className="muted">None</span>}</dd>
          </div>
          <div>
            <dt>Queued</dt>
            <dd>{formatDateTime(mail.createdAt)}</dd>
          </div>
          <div>
            <dt>Sent</dt>
            <dd>
              {mail.sentAt ? (
                formatDateTime(mail.sentAt)
              ) : (
                // Only mail that went out has a time: kept, suppressed and failed mail never will.
                <span className="muted">{mail.status === 'queued' ? 'Not yet' : 'Not sent'}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Attempts</dt>
            <dd>{mail.attempts}</dd>
          </div>
        </dl>
        {mail.note ? (
          <p className="outbox-detail__note">
            <strong>Note:</strong> {mail.note}
          </p>
        ) : null}
        <h3 className="outbox-detail__subtitle">Text of the mail</h3>
        {mail.bodyText ? (
          <pre className="outbox-detail__text" tabIndex={0} aria-label="Text of the mail">
            {mail.bodyText}
          </pre>
        ) : (
          <p className="muted">
            {mail.status === 'suppressed'
              ? 'Not kept: the address may not be contacted, so only the attempt is recorded.'
              : 'Not rendered yet: the text is written when the mail is sent.'}
          </p>
        )}
      </>
    );
  }

  return (
    <dialog
      ref={dialogRef}
      className="mail-dialog mail-dialog--wide"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="mail-dialog__body">
        <div className="mail-dialog__head">
          <h2 className="mail-dialog__title" id={titleId}>
            {item.data?.subject ?? 'Mail'}
          </h2>
          <button type="button" className="button button--secondary button--small" onClick={onClose}>
            Close
          </button>
        </div>
        {body}
      </div>
    </dialog>
  );
}
