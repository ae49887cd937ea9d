import type { MailRecipientReason, OutboxItem, OutboxKind, OutboxStatus } from '../api/mail-api';

export type BadgeTone = 'neutral' | 'success' | 'danger' | 'accent' | 'warning';

/** What each kind of mail is, in words an admin reads in the outbox. */
export const OUTBOX_KIND_LABELS: Record<OutboxKind, string> = {
  ticket_received: 'Ticket received (to the customer)',
  public_reply: 'Engineer’s reply (to the customer)',
  ticket_resolved: 'Ticket resolved (to the customer)',
  new_ticket: 'New ticket (to staff)',
  ticket_assigned: 'Ticket assigned (to staff)',
};

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: 'Waiting to send',
  sent: 'Sent',
  kept: 'Kept here, not sent',
  suppressed: 'Do Not Contact — content not kept',
  failed: 'Failed',
};

/** For the status filter: the plural a list of them reads as. */
export const OUTBOX_STATUS_FILTERS: Record<OutboxStatus, string> = {
  queued: 'Waiting',
  sent: 'Sent',
  kept: 'Kept here',
  suppressed: 'Suppressed',
  failed: 'Failed',
};

export const OUTBOX_STATUS_TONES: Record<OutboxStatus, BadgeTone> = {
  queued: 'neutral',
  sent: 'success',
  kept: 'accent',
  suppressed: 'warning',
  failed: 'danger',
};

/**
 * The badge for a row. A suppressed mail went to a "Do Not Contact" address, or to one a hard
 * bounce marked undeliverable: the API's note says which.
 */
export function outboxStatusLabel(item: Pick<OutboxItem, 'status' | 'note'>): string {
  if (item.status !== 'suppressed' || !item.note) return OUTBOX_STATUS_LABELS[item.status];
  if (/undeliverable|bounce/i.test(item.note)) return 'Undeliverable — content not kept';
  if (/restricted/i.test(item.note)) return 'Processing restricted — content not kept';
  if (/no email address/i.test(item.note)) return 'No address — content not kept';
  return OUTBOX_STATUS_LABELS[item.status];
}

/** Why a public reply will not be emailed, completing "Not emailed: ...". */
export const RECIPIENT_REASONS: Record<MailRecipientReason, string> = {
  do_not_contact: 'the customer is on the Do Not Contact list',
  undeliverable: 'their address is undeliverable (mail to it bounced)',
  no_address: 'the customer has no email address',
  restricted: 'the customer has restricted the processing of their data',
  not_sending: 'no mail relay is set up (SMTP_URL), so mail is kept in the outbox, not sent',
};
