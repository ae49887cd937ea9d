/**
 * The email channel's routes, as issue 16's wire contract gives them.
 *
 * TEMPORARY: these routes are built on other branches, so the generated `@hushdesk/api-client` does
 * not have them yet. The shapes below are typed here by hand, in openapi-typescript's form, and the
 * calls go through the app's own client (same CSRF and error middleware) re-typed with them. After
 * the merge and `npm run api-client`, delete `MailPaths` and the local shapes, use `client` itself,
 * and take the types from `@hushdesk/api-client` (`Schemas['MailboxDto']`, ...). Nothing outside this
 * file depends on how they are declared.
 */
import type { Client } from 'openapi-fetch';
import { client, dataOf } from '../../../lib/api-client';

export type MailboxAuth = 'password' | 'oauth2';

export interface Mailbox {
  id: string;
  name: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  auth: MailboxAuth;
  folder: string;
  paused: boolean;
  lastPolledAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  quarantined: number;
  createdAt: string;
}

export interface CreateMailboxRequest {
  name: string;
  host: string;
  port: number;
  tls: boolean;
  username: string;
  auth?: MailboxAuth;
  secret: string;
  folder?: string;
}

/** Any of the create fields; `secret` only replaces the stored one (left out, it is kept). */
export type UpdateMailboxRequest = Partial<CreateMailboxRequest> & { paused?: boolean };

export interface MailboxTestResult {
  ok: boolean;
  error: string | null;
  messages: number | null;
  idle: boolean;
}

export interface QuarantinedMail {
  id: string;
  uid: number;
  sizeBytes: number;
  reason: string;
  createdAt: string;
}

export const OUTBOX_KINDS = [
  'ticket_received',
  'public_reply',
  'ticket_resolved',
  'new_ticket',
  'ticket_assigned',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export const OUTBOX_STATUSES = ['queued', 'sent', 'kept', 'suppressed', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxItem {
  id: string;
  kind: OutboxKind;
  status: OutboxStatus;
  to: string | null;
  subject: string | null;
  ticket: { id: string; reference: string } | null;
  note: string | null;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
}

export type OutboxDetail = OutboxItem & { bodyText: string | null };

export interface OutboxPage {
  items: OutboxItem[];
  nextCursor: string | null;
}

export interface OutboxQuery {
  status?: OutboxStatus;
  cursor?: string;
  limit?: number;
}

export interface MailStatus {
  sending: boolean;
  from: string;
  intake: { host: string; port: number } | null;
}

export interface MailSubscriptions {
  newTickets: boolean;
  assignedTickets: boolean;
}

/** `restricted` is not in the brief's contract but the outbound branch answers it (restricted processing). */
export type MailRecipientReason = 'do_not_contact' | 'undeliverable' | 'no_address' | 'restricted';

export interface MailRecipient {
  willEmail: boolean;
  to: string | null;
  reason: MailRecipientReason | null;
}

// ---------------------------------------------------------------------------
// The routes, in openapi-typescript's shape, until the generated ones replace them.
// ---------------------------------------------------------------------------

type Json<T> = { content: { 'application/json': T } };
type NoBody = { content?: never };
type Op<Res, Params extends object = object, Body = never, Status extends number = 200> = {
  parameters: Params & { header?: never; cookie?: never };
  responses: { [S in Status]: [Res] extends [undefined] ? NoBody : Json<Res> };
} & ([Body] extends [never] ? { requestBody?: never } : { requestBody: Json<Body> });
type IdPath = { path: { id: string } };

interface MailPaths {
  '/api/mailboxes': {
    get: Op<Mailbox[]>;
    post: Op<Mailbox, object, CreateMailboxRequest, 201>;
  };
  '/api/mailboxes/{id}': {
    patch: Op<Mailbox, IdPath, UpdateMailboxRequest>;
    delete: Op<undefined, IdPath, never, 204>;
  };
  '/api/mailboxes/{id}/test': { post: Op<MailboxTestResult, IdPath> };
  '/api/mailboxes/{id}/quarantine': { get: Op<QuarantinedMail[], IdPath> };
  '/api/mail/outbox': { get: Op<OutboxPage, { query?: OutboxQuery }> };
  '/api/mail/outbox/{id}': { get: Op<OutboxDetail, IdPath> };
  '/api/mail/status': { get: Op<MailStatus> };
  '/api/mail/subscriptions/me': {
    get: Op<MailSubscriptions>;
    put: Op<MailSubscriptions, object, MailSubscriptions>;
  };
  '/api/tickets/{id}/mail-recipient': { get: Op<MailRecipient, IdPath> };
}

/** The app's client (its middleware included), typed with the routes above. */
const mailClient = client as unknown as Client<MailPaths>;

export const mailApi = {
  mailboxes: (signal?: AbortSignal) => dataOf(mailClient.GET('/api/mailboxes', { signal })),

  createMailbox: (body: CreateMailboxRequest) => dataOf(mailClient.POST('/api/mailboxes', { body })),

  updateMailbox: (id: string, body: UpdateMailboxRequest) =>
    dataOf(mailClient.PATCH('/api/mailboxes/{id}', { params: { path: { id } }, body })),

  deleteMailbox: (id: string) =>
    dataOf(mailClient.DELETE('/api/mailboxes/{id}', { params: { path: { id } } })),

  testMailbox: (id: string) =>
    dataOf(mailClient.POST('/api/mailboxes/{id}/test', { params: { path: { id } } })),

  quarantine: (id: string, signal?: AbortSignal) =>
    dataOf(mailClient.GET('/api/mailboxes/{id}/quarantine', { params: { path: { id } }, signal })),

  outbox: (query: OutboxQuery, signal?: AbortSignal) =>
    dataOf(mailClient.GET('/api/mail/outbox', { params: { query }, signal })),

  outboxItem: (id: string, signal?: AbortSignal) =>
    dataOf(mailClient.GET('/api/mail/outbox/{id}', { params: { path: { id } }, signal })),

  status: (signal?: AbortSignal) => dataOf(mailClient.GET('/api/mail/status', { signal })),

  subscriptions: (signal?: AbortSignal) => dataOf(mailClient.GET('/api/mail/subscriptions/me', { signal })),

  updateSubscriptions: (body: MailSubscriptions) =>
    dataOf(mailClient.PUT('/api/mail/subscriptions/me', { body })),

  recipient: (ticketId: string, signal?: AbortSignal) =>
    dataOf(
      mailClient.GET('/api/tickets/{id}/mail-recipient', { params: { path: { id: ticketId } }, signal }),
    ),
};
