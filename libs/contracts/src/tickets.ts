import type { DsarProgressEvent } from './dsar';

export type { Priority, SlaState, TicketStatus, TicketType } from '@hushdesk/ticketing';

export type MessageVisibility = 'public' | 'internal';
export const MESSAGE_VISIBILITIES: readonly MessageVisibility[] = ['public', 'internal'];

/** socket.io: event names and payloads, shared by the gateway and the web app. */
export const SOCKET_EVENTS = {
  ticketCreated: 'ticket.created',
  ticketUpdated: 'ticket.updated',
  messageCreated: 'message.created',
  presence: 'ticket.presence',
  retentionProgress: 'retention.progress',
  slaWarning: 'sla.warning',
  /** client -> server */
  watchTicket: 'ticket.watch',
  unwatchTicket: 'ticket.unwatch',
  setActivity: 'ticket.activity',
} as const;

export type PresenceActivity = 'viewing' | 'replying';

export interface PresenceEntry {
  userId: string;
  name: string | null;
  activity: PresenceActivity;
}

/**
 * What the server sends. The ticket and message payloads are the shapes the HTTP API answers with
 * (a ticket summary, a message), so each side names its own type for them: the API its DTO classes,
 * clients the generated `@hushdesk/api-client` schemas.
 */
export interface ServerToClientEvents<Ticket, Message> {
  'ticket.created': (ticket: Ticket) => void;
  'ticket.updated': (ticket: Ticket) => void;
  'message.created': (message: Message) => void;
  'ticket.presence': (payload: { ticketId: string; present: PresenceEntry[] }) => void;
  'retention.progress': (payload: { runId: string; status: string; deleted: number }) => void;
  'dsar.progress': (payload: DsarProgressEvent) => void;
  'sla.warning': (payload: SlaWarningEvent) => void;
}

export const SLA_CLOCKS = ['firstResponse', 'resolution'] as const;
export type SlaClockName = (typeof SLA_CLOCKS)[number];
export const SLA_WARNING_KINDS = ['atRisk', 'breached'] as const;
export type SlaWarningKind = (typeof SLA_WARNING_KINDS)[number];

/**
 * An SLA warning, sent once to the ticket's assignee (or every engineer when it is unassigned):
 * ids, the reference and times only, never the subject or anyone's name.
 */
export interface SlaWarningEvent {
  id: string;
  ticketId: string;
  reference: string;
  clock: SlaClockName;
  kind: SlaWarningKind;
  dueAt: string;
  createdAt: string;
}

export interface ClientToServerEvents {
  'ticket.watch': (ticketId: string, ack?: (result: { ok: boolean }) => void) => void;
  'ticket.unwatch': (ticketId: string) => void;
  'ticket.activity': (payload: { ticketId: string; activity: PresenceActivity | null }) => void;
}

/**
 * Every event a client may send, at run time: the gateway handles exactly these, and the
 * authorisation matrix, fuzzing and log suites go through each (a missing one fails them).
 */
export const CLIENT_SOCKET_EVENTS = [
  SOCKET_EVENTS.watchTicket,
  SOCKET_EVENTS.unwatchTicket,
  SOCKET_EVENTS.setActivity,
] as const satisfies readonly (keyof ClientToServerEvents)[];
// A compile error here means an event of ClientToServerEvents is missing from the list above.
const everyClientEventListed: Exclude<
  keyof ClientToServerEvents,
  (typeof CLIENT_SOCKET_EVENTS)[number]
> extends never
  ? true
  : never = true;
void everyClientEventListed;

/** How a ticket came in: the portal, a call an engineer logged, or a mail. */
export const TICKET_CHANNELS = ['portal', 'phone', 'email'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** Where a message was written: in the app (portal or console), or received as a mail. */
export const MESSAGE_CHANNELS = ['portal', 'email'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
