import type { TicketMessage } from '@hushdesk/api-client';
import type { ReactNode } from 'react';
import { displayName } from '@hushdesk/contracts';
import { formatDateTime, formatShortDateTime, initials } from '../../../lib/format';
import { LockIcon } from '../../../ui/icons';
import { MessageChannelLabel } from './ChannelLabels';
import { RichText } from './RichText';
import './tickets.css';

interface MessageThreadProps {
  messages: readonly TicketMessage[];
  /** The signed-in account, so its own messages read "You". */
  currentUserId: string | undefined;
  /** Customers see the support team as such; staff see who the customer is. */
  audience: 'customer' | 'staff';
  emptyText: string;
  /** Actions on one message (the DPO's redaction), shown under it. */
  actions?: (message: TicketMessage) => ReactNode;
}

/**
 * The conversation, oldest first. It is a log region, so replies that arrive while the page is
 * open are read out by screen readers.
 */
export function MessageThread({ messages, currentUserId, audience, emptyText, actions }: MessageThreadProps) {
  return (
    <div className="thread" role="log" aria-label="Conversation" aria-relevant="additions">
      {messages.length === 0 ? (
        <p className="thread__empty">{emptyText}</p>
      ) : (
        <ol className="thread__list">
          {messages.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              isOwn={message.author.id === currentUserId}
              audience={audience}
              actions={actions}
            />
          ))}
        </ol>
      )}
    </div>
  );
}

function MessageItem({
  message,
  isOwn,
  audience,
  actions,
}: {
  message: TicketMessage;
  isOwn: boolean;
  audience: 'customer' | 'staff';
  actions?: (message: TicketMessage) => ReactNode;
}) {
  const internal = message.visibility === 'internal';
  // A name the viewer's field policy hides (or that was never given) arrives as null: the
  // neutral label stands in, and the role line would only repeat it.
  const named = Boolean(message.author.name?.trim());
  const name = displayName(message.author.name, message.author.kind);
  const role =
    message.author.kind === 'staff' ? (audience === 'customer' ? 'Support team' : 'Engineer') : 'Customer';

  return (
    <li
      className={[
        'message',
        `message--${message.author.kind}`,
        internal ? 'message--internal' : null,
        isOwn ? 'message--own' : null,
      ]
        .filter(Boolean)
        .join(' ')}
      data-testid="message"
      data-visibility={message.visibility}
      data-channel={message.channel}
    >
      {internal ? (
        <p className="message__internal-label">
          <LockIcon size={16} />
          Internal note — not visible to the customer
        </p>
      ) : null}
      <div className="message__header">
        <span className="message__avatar" aria-hidden="true">
          {named ? initials(name) : name.charAt(0)}
        </span>
        <p className="message__byline">
          {/* Spaces between the parts, so they are read (and copied) as separate words. */}
          <span className="message__author">{isOwn ? `${name} (you)` : name}</span>{' '}
          {named ? <span className="message__role">{role}</span> : null}{' '}
          <MessageChannelLabel channel={message.channel} />
        </p>
        <time
          className="message__time"
          dateTime={message.createdAt}
          title={formatDateTime(message.createdAt)}
        >
          {formatShortDateTime(message.createdAt)}
        </time>
      </div>
      <RichText className="message__body" source={message.body} />
      {actions?.(message)}
    </li>
  );
}
