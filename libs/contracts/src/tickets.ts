import type { DsarProgressEvent } from './dsar';
import type { Priority, SlaState, TicketStatus, TicketType } from '@hushdesk/ticketing';
import type { Page } from './http';
import type { PersonKind } from './people';

export type { Priority, SlaState, TicketStatus, TicketType } from '@hushdesk/ticketing';

export type MessageVisibility = 'public' | 'internal';
export const MESSAGE_VISIBILITIES: readonly MessageVisibility[] = ['public', 'internal'];

export interface Equipment {
  assetTag: string | null;
  /** Make and model, e.g. "Yealink T54W". */
  model: string | null;
  serialNumber: string | null;
  location: string | null;
}

export interface CreateTicketRequest {
  type: TicketType;
  subject: string;
  description: string;
  priority?: Priority;
  category?: string;
  equipment?: Partial<Equipment>;
  contactPhone?: string;
  /** Engineers logging a ticket for a customer: the customer's user id. */
  requesterId?: string;
  groupId?: string;
  tags?: string[];
}

/**
 * A person named in an answer or event. `name` is as the viewer's `person.fullName` policy allows:
 * clear, masked (`M. U.`), or null when hidden (or when they gave none): show the neutral label
 * for their kind (`displayName`). A person always sees their own name.
 */
export interface PersonRef {
  id: string;
  name: string | null;
}

/** A person who may be a customer or staff, so a client knows which neutral label fits. */
export interface KindedPersonRef extends PersonRef {
  kind: PersonKind;
}

export interface SlaClock {
  dueAt: string | null;
  state: SlaState;
}

export interface TicketSummary {
  id: string;
  reference: string;
  type: TicketType;
  subject: string;
  status: TicketStatus;
  priority: Priority;
  category: string | null;
  /** The customer account that raised it. */
  requester: PersonRef;
  organisation: { id: string; name: string };
  assignee: PersonRef | null;
  group: { id: string; name: string } | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  /** The next SLA deadline still running, for sorting and countdowns; null when none runs. */
  nextDueAt: string | null;
  sla: { firstResponse: SlaClock; resolution: SlaClock };
}

export interface TicketDetail extends TicketSummary {
  description: string;
  equipment: Equipment | null;
  contactPhone: string | null;
  /** The requester's person record (contact data, per field policy): `GET /api/people/:id`. */
  requesterPersonId: string;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Statuses the caller may move the ticket to; empty for customers. */
  allowedTransitions: TicketStatus[];
  /**
   * The requester asked for processing of their data to be restricted (a data-subject request):
   * the ticket is read-only for everyone but the DPO until the restriction is lifted.
   */
  processingRestricted: boolean;
}

export interface TicketListResponse extends Page<TicketSummary> {
  /**
   * Tickets per status for the same filters (without the status filter itself), each counted up
   * to `countsLimit`: a count equal to it means "that many or more".
   */
  counts: Record<TicketStatus, number>;
  countsLimit: number;
  /**
   * For a filtered or searched queue: the counts cover only the first `countsLimit` matches, and
   * there were more.
   */
  countsPartial: boolean;
}

export interface TicketMessage {
  id: string;
  ticketId: string;
  visibility: MessageVisibility;
  body: string;
  author: KindedPersonRef;
  createdAt: string;
}

export interface TicketHistoryEntry {
  id: string;
  field: 'status' | 'priority' | 'assignee' | 'group' | 'tags';
  /**
   * Display values. For `assignee`, the engineer's name as the viewer may see it, or
   * `UNNAMED_PERSON.staff` when hidden (null here means "no one").
   */
  from: string | null;
  to: string | null;
  /** Who made the change: a person, or the helpdesk itself (`id` null, `name` 'Hushdesk': auto-close). */
  actor: Omit<KindedPersonRef, 'id'> & { id: string | null };
  at: string;
}

export interface AttachmentInfo {
  id: string;
  ticketId: string;
  /**
   * As the `attachment.fileName` policy lets the caller see it: clear, masked (`•••••.txt`), or
   * when hidden a neutral `attachment-<first 8 hex of the id>.<ext>`. The uploader sees theirs.
   */
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy: KindedPersonRef;
  createdAt: string;
}

export interface TicketGroup {
  id: string;
  name: string;
}

export interface DashboardStats {
  openByPriority: Record<Priority, number>;
  openBySla: Record<'ok' | 'at_risk' | 'breached' | 'paused', number>;
}

/** socket.io: event names and payloads, shared by the gateway and the web app. */
export const SOCKET_EVENTS = {
  ticketCreated: 'ticket.created',
  ticketUpdated: 'ticket.updated',
  messageCreated: 'message.created',
  presence: 'ticket.presence',
  retentionProgress: 'retention.progress',
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

export interface ServerToClientEvents {
  'ticket.created': (ticket: TicketSummary) => void;
  'ticket.updated': (ticket: TicketSummary) => void;
  'message.created': (message: TicketMessage) => void;
  'ticket.presence': (payload: { ticketId: string; present: PresenceEntry[] }) => void;
  'retention.progress': (payload: { runId: string; status: string; deleted: number }) => void;
  'dsar.progress': (payload: DsarProgressEvent) => void;
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
