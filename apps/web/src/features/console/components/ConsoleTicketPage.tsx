import type { TicketDetail } from '@hushdesk/api-client';
import { useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { ArrowLeftIcon } from '../../../ui/icons';
import { useCurrentUser } from '../../auth';
import { CallsCard } from '../../recordings';
import {
  AttachmentsPanel,
  LiveIndicator,
  MergedNotice,
  MergeTicketCard,
  PresenceLine,
  ShareSafeCopyCard,
  SlaClockRow,
  PriorityBadge,
  StatusBadge,
  TicketChannelLabel,
  TicketFacts,
  typeAndCategory,
  useStaffTicketPaths,
  useTicketPresence,
  TicketLoader,
  TicketThread,
} from '../../tickets';
import { Composer } from './Composer';
import { HistoryPanel } from './HistoryPanel';
import { RequesterCard } from './RequesterCard';
import { TicketControls } from './TicketControls';
import { TicketShortcuts } from './TicketShortcuts';
import '../../../ui/ticket-page.css';
import './console.css';

export function ConsoleTicketPage() {
  const paths = useStaffTicketPaths();
  return (
    <TicketLoader
      title="Ticket"
      loading="Loading the ticket…"
      failed="This ticket could not be loaded."
      backTo={paths.queue}
      backLabel="Back to the queue"
      render={(ticket) => <ConsoleTicket ticket={ticket} />}
    />
  );
}

function ConsoleTicket({ ticket }: { ticket: TicketDetail }) {
  const { data: user } = useCurrentUser();
  const paths = useStaffTicketPaths();
  // Share-safe copies are for engineers (and the DPO): what goes to a vendor is theirs to send.
  const engineer = user?.role === 'engineer';
  const now = useNow(30_000);
  const [replying, setReplying] = useState(false);
  const others = useTicketPresence(ticket.id, replying);
  const closed = ticket.status === 'closed';

  return (
    <>
      <Link to={paths.queue} className="back-link">
        <ArrowLeftIcon size={16} />
        Back to the queue
      </Link>

      <header className="ticket-header">
        <div className="ticket-header__text">
          <h1 className="ticket-header__title">{ticket.subject}</h1>
          <p className="ticket-header__meta">
            <span className="ticket-ref">{ticket.reference}</span>
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
            <span className="ticket-header__detail">{typeAndCategory(ticket)}</span>
            <TicketChannelLabel channel={ticket.channel} audience="staff" />
          </p>
          <p className="ticket-header__sub">
            Raised by{' '}
            {ticket.requester.name?.trim() ? <strong>{ticket.requester.name}</strong> : 'a customer'} at{' '}
            <strong>{ticket.organisation.name}</strong> ·{' '}
            <time dateTime={ticket.createdAt} title={formatDateTime(ticket.createdAt)}>
              {formatRelative(ticket.createdAt, now)}
            </time>
          </p>
        </div>
        <LiveIndicator />
      </header>
      <PresenceLine others={others} />
      <MergedNotice ticket={ticket} linkTo={paths.ticket} />
      <TicketShortcuts ticket={ticket} />

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
              emptyText="No replies or notes yet."
            />
            {closed ? (
              <p className="composer-closed">
                This ticket is closed, so it cannot take more replies or notes.
              </p>
            ) : (
              <Composer ticketId={ticket.id} onReplyingChange={setReplying} />
            )}
          </section>

          <CallsCard ticketId={ticket.id} />
        </div>

        <aside className="ticket-layout__side" aria-label="Ticket details">
          <TicketControls ticket={ticket} />
          <RequesterCard personId={ticket.requesterPersonId} />

          <section className="card side-card" aria-labelledby="sla-title">
            <h2 className="card__title side-card__title" id="sla-title">
              Service levels
            </h2>
            <dl className="sla-clocks">
              <SlaClockRow
                label="First response"
                clock={ticket.sla.firstResponse}
                completedAt={ticket.firstRespondedAt}
                completedVerb="Responded"
                now={now}
              />
              <SlaClockRow
                label="Resolution"
                clock={ticket.sla.resolution}
                completedAt={ticket.resolvedAt}
                completedVerb="Resolved"
                now={now}
              />
            </dl>
          </section>

          <AttachmentsPanel ticketId={ticket.id} canUpload={!closed} shareSafe={engineer} />
          <HistoryPanel ticketId={ticket.id} />
          {engineer ? <ShareSafeCopyCard ticketId={ticket.id} /> : null}
          <MergeTicketCard ticket={ticket} linkTo={paths.ticket} />
        </aside>
      </div>
    </>
  );
}
