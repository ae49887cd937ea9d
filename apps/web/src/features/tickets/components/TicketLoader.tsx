import type { TicketDetail } from '@hushdesk/api-client';
import { Fragment, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { isApiError } from '../../../lib/api-client';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { useTicket } from '../hooks/use-tickets';
import { TicketNotFound } from './TicketNotFound';

/**
 * Loads the ticket named in the URL and renders it, with the same loading, not-found and retry
 * states on every ticket page. The rendered page is keyed by id, so moving to another ticket
 * starts afresh (reply box, presence).
 */
export function TicketLoader({
  title,
  loading,
  failed,
  backTo,
  backLabel,
  render,
}: {
  /** The document title while the ticket loads, e.g. "Ticket". */
  title: string;
  loading: string;
  /** Start of the message when loading fails, e.g. "This ticket could not be loaded." */
  failed: string;
  backTo: string;
  backLabel: string;
  render: (ticket: TicketDetail) => ReactNode;
}) {
  const { ticketId = '' } = useParams();
  const ticket = useTicket(ticketId);
  useDocumentTitle(ticket.data ? `${ticket.data.reference} · ${ticket.data.subject}` : title);

  if (ticket.isPending) return <Spinner label={loading} />;
  if (ticket.error) {
    if (isApiError(ticket.error) && ticket.error.status === 404) {
      return <TicketNotFound backTo={backTo} backLabel={backLabel} />;
    }
    return (
      <LoadError onRetry={() => void ticket.refetch()}>
        {failed} {ticket.error.message}
      </LoadError>
    );
  }
  return <Fragment key={ticketId}>{render(ticket.data)}</Fragment>;
}
