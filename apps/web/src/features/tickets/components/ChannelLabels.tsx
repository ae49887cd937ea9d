import type { TicketDetail, TicketMessage } from '@hushdesk/api-client';
import { MailIcon, MonitorIcon, PhoneIcon } from '../../../ui/icons';
import './tickets.css';

type TicketChannel = TicketDetail['channel'];
type MessageChannel = TicketMessage['channel'];

const CHANNEL_ICONS = { email: MailIcon, portal: MonitorIcon, phone: PhoneIcon } as const;

const TICKET_CHANNEL_WORDS: Record<'staff' | 'customer', Record<TicketChannel, string>> = {
  staff: { email: 'Came in by email', portal: 'Raised in the portal', phone: 'Logged from a phone call' },
  customer: { email: 'Sent by email', portal: 'Raised in the portal', phone: 'Raised by phone' },
};

const MESSAGE_CHANNEL_WORDS: Record<MessageChannel, string> = {
  email: 'by email',
  portal: 'in the portal',
};

/** How a ticket came in, in words beside an icon (never colour alone). */
export function TicketChannelLabel({
  channel,
  audience,
}: {
  channel: TicketChannel | undefined;
  audience: 'staff' | 'customer';
}) {
  if (channel === undefined || !(channel in CHANNEL_ICONS)) return null;
  const Icon = CHANNEL_ICONS[channel];
  return (
    <span className="channel-label" data-testid="ticket-channel" data-channel={channel}>
      <Icon size={16} />
      {TICKET_CHANNEL_WORDS[audience][channel]}
    </span>
  );
}

/** Where one message was written: "by email" or "in the portal". */
export function MessageChannelLabel({ channel }: { channel: MessageChannel | undefined }) {
  // A payload from before the channel existed says nothing rather than something wrong.
  if (channel !== 'email' && channel !== 'portal') return null;
  const Icon = CHANNEL_ICONS[channel];
  return (
    <span className="message__channel" data-testid="message-channel" data-channel={channel}>
      <Icon size={14} />
      {MESSAGE_CHANNEL_WORDS[channel]}
    </span>
  );
}
