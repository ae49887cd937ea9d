import type { TicketMessage } from '@hushdesk/api-client';
import { useMemo, type ReactNode } from 'react';
import { ErrorMessage, Spinner } from '../../../ui/Feedback';
import { useTicketMessages } from '../hooks/use-tickets';
import { MessageThread } from './MessageThread';
import './tickets.css';

/**
 * A ticket's conversation with its loading, error and "newer replies" states. Customers are shown
 * public messages only, even if something else ever reached their cache.
 */
export function TicketThread({
  ticketId,
  currentUserId,
  audience,
  emptyText,
  messageActions,
}: {
  ticketId: string;
  currentUserId: string | undefined;
  audience: 'customer' | 'staff';
  emptyText: string;
  /** Actions on one message (the DPO's redaction). */
  messageActions?: (message: TicketMessage) => ReactNode;
}) {
  const messages = useTicketMessages(ticketId);
  const thread = useMemo(() => {
    const all = messages.data?.pages.flatMap((page) => page.items) ?? [];
    return audience === 'customer' ? all.filter((message) => message.visibility === 'public') : all;
  }, [messages.data, audience]);

  if (messages.isPending) return <Spinner label="Loading the conversation…" />;
  if (messages.error) {
    return <ErrorMessage>The conversation could not be loaded. {messages.error.message}</ErrorMessage>;
  }
  return (
    <>
      <MessageThread
        messages={thread}
        currentUserId={currentUserId}
        audience={audience}
        emptyText={emptyText}
        actions={messageActions}
      />
      {messages.hasNextPage ? (
        <button
          type="button"
          className="button button--secondary button--small thread__more"
          onClick={() => void messages.fetchNextPage()}
          disabled={messages.isFetchingNextPage}
        >
          Show newer replies
        </button>
      ) : null}
    </>
  );
}
