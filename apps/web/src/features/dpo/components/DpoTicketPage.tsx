import type { TicketDetail } from '@hushdesk/api-client';
import { displayName } from '@hushdesk/contracts';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { ArrowLeftIcon } from '../../../ui/icons';
import { useCurrentUser } from '../../auth';
import {
  AttachmentsPanel,
  MergedNotice,
  PriorityBadge,
  RedactAction,
  ShareSafeCopyCard,
  StatusBadge,
  TicketFacts,
  TicketLoader,
  TicketThread,
  typeAndCategory,
} from '../../tickets';
import '../../../ui/ticket-page.css';
import './dpo.css';

const dpoTicketPath = (id: string) => `/dpo/tickets/${id}`;

/**
 * A ticket as the DPO works on it: the thread and files, each with "Redact…" (identifiers replaced
 * for good, the reason audited), and the share-safe copy. Reached from a request's items.
 */
export function DpoTicketPage() {
  return (
    <TicketLoader
      title="Ticket"
      loading="Loading the ticket…"
      failed="This ticket could not be loaded."
      backTo="/dpo"
      backLabel="Back to requests"
      render={(ticket) => <DpoTicket ticket={ticket} />}
    />
  );
}

function DpoTicket({ ticket }: { ticket: TicketDetail }) {
  const { data: user } = useCurrentUser();
  return (
    <>
      <Link to="/dpo" className="back-link">
        <ArrowLeftIcon size={16} />
        Back to requests
      </Link>
      <header className="ticket-header">
        <div className="ticket-header__text">
          <h1 className="ticket-header__title">{ticket.subject}</h1>
          <p className="ticket-header__meta">
            <span className="ticket-ref">{ticket.reference}</span>
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
            <span className="ticket-header__detail">{typeAndCategory(ticket)}</span>
          </p>
        </div>
      </header>
      <MergedNotice ticket={ticket} linkTo={dpoTicketPath} />

      <div className="ticket-layout">
        <div className="ticket-layout__main">
          <TicketFacts ticket={ticket} showContact />
          <section className="card conversation" aria-labelledby="conversation-title">
            <h2 className="card__title" id="conversation-title">
              Conversation
            </h2>
            <TicketThread
              ticketId={ticket.id}
              currentUserId={user?.id}
              audience="staff"
              emptyText="No replies or notes."
              messageActions={(message) => (
                <RedactAction
                  ticketId={ticket.id}
                  kind="message"
                  id={message.id}
                  label={`the message by ${displayName(message.author.name, message.author.kind)}, ${formatDateTime(message.createdAt)}`}
                />
              )}
            />
          </section>
        </div>
        <aside className="ticket-layout__side" aria-label="Ticket details">
          <AttachmentsPanel
            ticketId={ticket.id}
            canUpload={false}
            shareSafe
            actions={(file) =>
              file.contentType.startsWith('text/') ? (
                <RedactAction
                  ticketId={ticket.id}
                  kind="attachment"
                  id={file.id}
                  label={`the file ${file.fileName}`}
                />
              ) : null
            }
          />
          <ShareSafeCopyCard ticketId={ticket.id} />
        </aside>
      </div>
    </>
  );
}
