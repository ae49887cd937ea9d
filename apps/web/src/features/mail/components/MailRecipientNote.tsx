import { LockIcon, MailIcon } from '../../../ui/icons';
import { useMailRecipient } from '../hooks/use-mail';
import { RECIPIENT_REASONS } from './mail-labels';
import './mail.css';

/**
 * Under the reply type in the console's composer: who a public reply will be emailed to, or why it
 * will not be; an internal note is never emailed. The address comes masked or hidden as the
 * engineer's field policy says.
 */
export function MailRecipientNote({ ticketId, internal }: { ticketId: string; internal: boolean }) {
  const recipient = useMailRecipient(ticketId, !internal);

  let text: string | null;
  let tone: 'email' | 'none' = 'none';
  if (internal) {
    text = 'Internal notes are never emailed.';
  } else if (recipient.data) {
    const { willEmail, to, reason, portal } = recipient.data;
    if (willEmail) {
      tone = 'email';
      text = to ? `Will be emailed to ${to}.` : 'Will be emailed to the customer.';
    } else {
      // A contact made from mail has no portal login: the reply reaches them by mail or not at all.
      const where = portal
        ? 'The customer sees it in the portal.'
        : 'They cannot sign in to the portal either, so they will not see it: reach them another way.';
      text = `Not emailed: ${reason ? RECIPIENT_REASONS[reason] : 'no address to send it to'}. ${where}`;
    }
  } else if (recipient.error) {
    text = 'Could not tell whether this reply will be emailed.';
  } else {
    text = null;
  }
  if (!text) return null;

  return (
    <p
      className={`mail-recipient mail-recipient--${internal ? 'internal' : tone}`}
      data-testid="mail-recipient"
    >
      {internal ? <LockIcon size={16} /> : <MailIcon size={16} />}
      <span>{text}</span>
    </p>
  );
}
