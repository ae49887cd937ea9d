import type { components } from '@hushdesk/api-client';
import { PRIORITY_LABELS } from '@hushdesk/ticketing';
import { useId, useState } from 'react';
import { formatDateTime } from '../../../lib/format';
import { ErrorMessage, Spinner, StatusMessage } from '../../../ui/Feedback';
import { useShareSafeCopy } from '../hooks/use-privacy-tools';
import '../../../ui/ticket-page.css';
import './privacy-tools.css';

type ShareSafeTicket = components['schemas']['ShareSafeTicketDto'];

/** The copy as plain text, to paste into a vendor's portal or a mail. */
export function shareSafeText(copy: ShareSafeTicket): string {
  const lines = [
    `${copy.reference}: ${copy.subject}`,
    `Priority: ${PRIORITY_LABELS[copy.priority]}${copy.category ? ` · ${copy.category}` : ''}`,
  ];
  if (copy.equipment.model || copy.equipment.serialNumber) {
    lines.push(
      `Equipment: ${[copy.equipment.model, copy.equipment.serialNumber].filter(Boolean).join(', ')}`,
    );
  }
  lines.push('', copy.description);
  for (const m of copy.thread) lines.push('', `${m.from}, ${formatDateTime(m.at)}:`, m.body);
  return lines.join('\n');
}

/**
 * "Share-safe copy": the ticket's facts and public thread with every email, phone number and known
 * name replaced, to send to a vendor. Fetched only when asked for, because the API audits each copy.
 */
export function ShareSafeCopyCard({ ticketId }: { ticketId: string }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = useShareSafeCopy(ticketId, open);
  const titleId = useId();
  const textId = useId();

  const copyText = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied. Paste it where the vendor will read it.');
    } catch {
      setCopied('The browser would not copy it: select the text and copy it yourself.');
    }
  };

  let body;
  if (!open) {
    body = (
      <>
        <p className="privacy-tools__intro">
          The facts and the public thread, with people’s names, emails and phone numbers replaced, to send to
          a vendor. Each copy is recorded in the audit trail.
        </p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setOpen(true)}
        >
          Show the share-safe copy
        </button>
      </>
    );
  } else if (copy.isPending) {
    body = <Spinner label="Preparing the copy…" />;
  } else if (copy.error) {
    body = <ErrorMessage>The copy could not be made. {copy.error.message}</ErrorMessage>;
  } else {
    const text = shareSafeText(copy.data);
    body = (
      <>
        <label className="field__label" htmlFor={textId}>
          Copy of {copy.data.reference}, safe to share
        </label>
        <textarea id={textId} className="input share-safe__text" readOnly value={text} rows={12} />
        <div className="privacy-tools__actions">
          <button
            type="button"
            className="button button--primary button--small"
            onClick={() => void copyText(text)}
          >
            Copy text
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setOpen(false);
              setCopied(null);
            }}
          >
            Close
          </button>
        </div>
        <StatusMessage tone="success">{copied}</StatusMessage>
      </>
    );
  }

  return (
    <section className="card side-card share-safe" aria-labelledby={titleId}>
      <h2 className="card__title side-card__title" id={titleId}>
        Share-safe copy
      </h2>
      {body}
    </section>
  );
}
