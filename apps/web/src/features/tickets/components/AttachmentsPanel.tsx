import type { AttachmentInfo } from '@hushdesk/api-client';
import { displayName } from '@hushdesk/contracts';
import { useId, useState, type ChangeEvent, type ReactNode } from 'react';
import { isApiError } from '../../../lib/api-client';
import { formatFileSize, formatShortDateTime } from '../../../lib/format';
import { ErrorMessage, Spinner, StatusMessage } from '../../../ui/Feedback';
import { PaperclipIcon } from '../../../ui/icons';
import {
  attachmentDownloadUrl,
  shareSafeDownloadUrl,
  useTicketAttachments,
  useUploadAttachment,
} from '../hooks/use-tickets';
import '../../../ui/attachments.css';
import '../../../ui/ticket-page.css';

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT =
  '.png,.jpg,.jpeg,.gif,.webp,.pdf,.txt,.csv,.log,image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv';
const TOO_LARGE =
  'That file is larger than 10 MB. Attach a smaller one, or a screenshot of the part that matters.';
const WRONG_TYPE =
  'That type of file cannot be attached. Use an image (PNG, JPEG, GIF or WebP), a PDF, or a plain-text, CSV or log file.';

function uploadProblem(error: unknown): string {
  if (isApiError(error)) {
    if (error.status === 413) return TOO_LARGE;
    if (error.status === 415 || error.status === 400) return WRONG_TYPE;
    return `The file could not be attached. ${error.message}`;
  }
  return 'The file could not be attached. Please try again.';
}

/**
 * Files on a ticket: download links, and "Attach a file" to add one. With `shareSafe` (engineers),
 * text files also offer a copy with every person's data stripped, to send to a vendor.
 */
export function AttachmentsPanel({
  ticketId,
  canUpload = true,
  shareSafe = false,
  actions,
}: {
  ticketId: string;
  canUpload?: boolean;
  shareSafe?: boolean;
  /** Actions on one file (the DPO's redaction of a text file). */
  actions?: (attachment: AttachmentInfo) => ReactNode;
}) {
  const inputId = useId();
  const hintId = useId();
  const attachments = useTicketAttachments(ticketId);
  const upload = useUploadAttachment(ticketId);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const handleFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    // Clear the input so the same file can be chosen again after a failure.
    input.value = '';
    if (!file) return;
    setDone(null);
    if (file.size > MAX_BYTES) {
      setProblem(TOO_LARGE);
      return;
    }
    setProblem(null);
    upload.mutate(file, {
      onSuccess: (attachment) => {
        setDone(`Attached ${attachment.fileName}.`);
      },
      onError: (error) => {
        setProblem(uploadProblem(error));
      },
    });
  };

  const items = attachments.data ?? [];

  return (
    <section className="card side-card" aria-labelledby={`${inputId}-title`}>
      <h2 className="card__title side-card__title" id={`${inputId}-title`}>
        Attachments
      </h2>

      {attachments.isPending ? (
        <Spinner label="Loading attachments…" />
      ) : attachments.error ? (
        <ErrorMessage>The attachments could not be loaded. {attachments.error.message}</ErrorMessage>
      ) : items.length === 0 ? (
        <p className="side-card__empty">No files yet.</p>
      ) : (
        <ul className="attachments">
          {items.map((item) => (
            <li key={item.id} className="attachment">
              <PaperclipIcon size={16} />
              <div className="attachment__text">
                <a
                  className="attachment__name"
                  href={attachmentDownloadUrl(ticketId, item.id)}
                  download={item.fileName}
                >
                  {item.fileName}
                  <span className="visually-hidden"> (download, {formatFileSize(item.sizeBytes)})</span>
                </a>
                <span className="attachment__meta">
                  {formatFileSize(item.sizeBytes)} · {displayName(item.uploadedBy.name, item.uploadedBy.kind)}{' '}
                  · <time dateTime={item.createdAt}>{formatShortDateTime(item.createdAt)}</time>
                </span>
                {shareSafe && item.contentType.startsWith('text/') ? (
                  <a
                    className="attachment__share-safe"
                    href={shareSafeDownloadUrl(ticketId, item.id)}
                    download
                  >
                    Share-safe copy<span className="visually-hidden"> of {item.fileName}</span>
                  </a>
                ) : null}
                {actions?.(item)}
              </div>
            </li>
          ))}
        </ul>
      )}

      {canUpload ? (
        <div className="attach">
          <input
            id={inputId}
            type="file"
            className="attach__input visually-hidden"
            accept={ACCEPT}
            onChange={handleFile}
            disabled={upload.isPending}
            aria-describedby={hintId}
          />
          <label
            htmlFor={inputId}
            className={`button button--secondary button--small attach__button${upload.isPending ? ' is-busy' : ''}`}
          >
            {upload.isPending ? <span className="spinner" aria-hidden="true" /> : <PaperclipIcon size={16} />}
            {upload.isPending ? 'Uploading…' : 'Attach a file'}
          </label>
          <p className="attach__hint" id={hintId}>
            Images, PDFs and text, CSV or log files, up to 10 MB.
          </p>
        </div>
      ) : null}
      {problem ? <ErrorMessage>{problem}</ErrorMessage> : null}
      <StatusMessage tone="success">{done}</StatusMessage>
    </section>
  );
}
