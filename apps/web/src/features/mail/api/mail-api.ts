/**
 * The email channel's routes (mailboxes, the outbox, mail status and choices, a reply's recipient),
 * through the generated client; the shapes are the API's own DTOs.
 */
import type { Schemas } from '@hushdesk/api-client';
import { client, dataOf } from '../../../lib/api-client';

export type Mailbox = Schemas['MailboxDto'];
export type MailboxAuth = Mailbox['auth'];
export type CreateMailboxRequest = Schemas['CreateMailboxDto'];
/** Any of the create fields; `secret` only replaces the stored one (left out, it is kept). */
export type UpdateMailboxRequest = Schemas['UpdateMailboxDto'];
export type MailboxTestResult = Schemas['MailboxTestResultDto'];
export type QuarantinedMail = Schemas['QuarantineEntryDto'];

export const OUTBOX_KINDS = [
  'ticket_received',
  'public_reply',
  'ticket_resolved',
  'new_ticket',
  'ticket_assigned',
] as const satisfies readonly Schemas['OutboxItemDto']['kind'][];
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export const OUTBOX_STATUSES = [
  'queued',
  'sent',
  'kept',
  'suppressed',
  'failed',
] as const satisfies readonly Schemas['OutboxItemDto']['status'][];
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export type OutboxItem = Schemas['OutboxItemDto'];
export type OutboxDetail = Schemas['OutboxItemDetailDto'];
export type OutboxPage = Schemas['OutboxPageDto'];

export interface OutboxQuery {
  status?: OutboxStatus;
  cursor?: string;
  limit?: number;
}

export type MailStatus = Schemas['MailStatusDto'];
export type MailSubscriptions = Schemas['MailSubscriptionDto'];
export type MailRecipient = Schemas['MailRecipientDto'];
export type MailRecipientReason = NonNullable<MailRecipient['reason']>;

export const mailApi = {
  mailboxes: (signal?: AbortSignal) => dataOf(client.GET('/api/mailboxes', { signal })),

  createMailbox: (body: CreateMailboxRequest) => dataOf(client.POST('/api/mailboxes', { body })),

  updateMailbox: (id: string, body: UpdateMailboxRequest) =>
    dataOf(client.PATCH('/api/mailboxes/{id}', { params: { path: { id } }, body })),

  deleteMailbox: (id: string) => dataOf(client.DELETE('/api/mailboxes/{id}', { params: { path: { id } } })),

  testMailbox: (id: string) => dataOf(client.POST('/api/mailboxes/{id}/test', { params: { path: { id } } })),

  quarantine: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/mailboxes/{id}/quarantine', { params: { path: { id } }, signal })),

  outbox: (query: OutboxQuery, signal?: AbortSignal) =>
    dataOf(client.GET('/api/mail/outbox', { params: { query }, signal })),

  outboxItem: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/mail/outbox/{id}', { params: { path: { id } }, signal })),

  status: (signal?: AbortSignal) => dataOf(client.GET('/api/mail/status', { signal })),

  subscriptions: (signal?: AbortSignal) => dataOf(client.GET('/api/mail/subscriptions/me', { signal })),

  updateSubscriptions: (body: MailSubscriptions) =>
    dataOf(client.PUT('/api/mail/subscriptions/me', { body })),

  recipient: (ticketId: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/tickets/{id}/mail-recipient', { params: { path: { id: ticketId } }, signal })),
};
