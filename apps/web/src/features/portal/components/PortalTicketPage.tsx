import type { TicketDetail } from '@hushdesk/api-client';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { StatusMessage } from '../../../ui/Feedback';
import { ArrowLeftIcon } from '../../../ui/icons';
import { useCurrentUser } from '../../auth';
import {
  AttachmentsPanel,
  LiveIndicator,
  MergedNotice,
  PresenceLine,
  StatusBadge,
  TicketChannelLabel,
  TicketFacts,
  typeAndCategory,
  useTicketPresence,
  TicketLoader,
  TicketThread,
} from '../../tickets';
import { useResponseTime } from '../hooks/use-response-times';
import { ReplyBox } from './ReplyBox';
import { replyPromise } from './response-time';
import { SolveRequestCard } from './SolveRequestCard';
import '../../../ui/ticket-page.css';
import './portal.css';

/** Navigation state from the new-request form, to thank the customer once. */
export interface TicketCreatedState {
  created?: boolean;
}

export function PortalTicketPage() {
  return (
    <TicketLoader
      title="Request"
      loading="Loading your request…"
      failed="This request could not be loaded."
      backTo="/portal"
      backLabel="Back to your requests"
      render={(ticket) => <PortalTicket ticket={ticket} />}
    />
  );
}

const STATUS_NOTES: Partial<
  Record<TicketDetail['status'], { tone: 'info' | 'warning' | 'success'; text: string }>
> = {
  new: { tone: 'info', text: 'We have your request. An engineer will pick it up and reply here.' },
  pending_customer: {
    tone: 'warning',
    text: 'We are waiting for you. Reply below with the details the engineer asked for, and we will carry on.',
  },
  resolved: {
    tone: 'success',
    text: 'This request is solved. If you need more help with it, reply below and it reopens.',
  },
  closed: {
    tone: 'info',
    text: 'This request is closed. If you need more help, log a new one (a reply by email starts a new request too).',
  },
};

function PortalTicket({ ticket }: { ticket: TicketDetail }) {
  const location = useLocation();
  const justCreated = (location.state as TicketCreatedState | null)?.created === true;
  const { data: user } = useCurrentUser();
  const now = useNow(60_000);
  const [replying, setReplying] = useState(false);
  const others = useTicketPresence(ticket.id, replying);

  const target = useResponseTime(ticket.priority);
  const note = STATUS_NOTES[ticket.status];
  const closed = ticket.status === 'closed';

  return (
    <>
      <Link to="/portal" className="back-link">
        <ArrowLeftIcon size={16} />
        Back to your requests
      </Link>

      <header className="ticket-header">
        <div className="ticket-header__text">
          <h1 className="ticket-header__title">{ticket.subject}</h1>
          <p className="ticket-header__meta">
            <span className="ticket-ref">{ticket.reference}</span>
            <StatusBadge status={ticket.status} audience="customer" />
            <span className="ticket-header__detail">{typeAndCategory(ticket)}</span>
            <TicketChannelLabel channel={ticket.channel} audience="customer" />
          </p>
          <p className="ticket-header__sub">
            Raised <time dateTime={ticket.createdAt}>{formatDateTime(ticket.createdAt)}</time> · Updated{' '}
            <time dateTime={ticket.updatedAt} title={formatDateTime(ticket.updatedAt)}>
              {formatRelative(ticket.updatedAt, now)}
            </time>
          </p>
        </div>
        <LiveIndicator />
      </header>
      <PresenceLine others={others} />
      <MergedNotice ticket={ticket} linkTo={(id) => `/portal/tickets/${id}`} />

      {justCreated ? (
        <StatusMessage tone="success">
          Thank you. We have your request, reference {ticket.reference}. You can follow it and reply here.
          {target ? ` ${replyPromise(target)}` : null}
        </StatusMessage>
      ) : null}

      <div className="ticket-layout">
        <div className="ticket-layout__main">
          <TicketFacts ticket={ticket} showContact />

          <section className="card conversation" aria-labelledby="conversation-title">
            <h2 className="card__title" id="conversation-title">
              Conversation
            </h2>
            {note ? (
              <p className={`status-note status-note--${note.tone}`}>
                {note.text}
                {ticket.status === 'new' && target ? ` ${replyPromise(target)}` : null}
              </p>
            ) : null}
            <TicketThread
              ticketId={ticket.id}
              currentUserId={user?.id}
              audience="customer"
              emptyText="No replies yet. The engineer’s replies will appear here as soon as they are sent."
            />
            {closed ? (
              <p className="composer-closed">
                This request is closed, so it cannot take more replies.{' '}
                <Link to="/portal/new">Log a new fault or request</Link>
              </p>
            ) : (
              <ReplyBox ticketId={ticket.id} onReplyingChange={setReplying} />
            )}
          </section>
        </div>

        <aside className="ticket-layout__side" aria-label="About this request">
          <SolveRequestCard ticket={ticket} />
          <AttachmentsPanel ticketId={ticket.id} canUpload={!closed} />
        </aside>
      </div>
    </>
  );
}
