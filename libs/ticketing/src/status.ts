// Ticket vocabulary and the status state machine. Framework-free: shared by the API and the web app.

export const TICKET_STATUSES = ['new', 'open', 'pending_customer', 'on_hold', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<TicketStatus, string>> = Object.freeze({
  new: 'New',
  open: 'Open',
  pending_customer: 'Pending customer',
  on_hold: 'On hold',
  resolved: 'Resolved',
  closed: 'Closed',
});

/**
 * What a customer reads: where their request stands, in plain words. On hold is the provider's
 * business, so to the customer it is still in progress.
 */
export const CUSTOMER_STATUS_LABELS: Readonly<Record<TicketStatus, string>> = Object.freeze({
  new: 'Received',
  open: 'In progress',
  pending_customer: 'Waiting for your reply',
  on_hold: 'In progress',
  resolved: 'Solved',
  closed: 'Closed',
});

export const TICKET_TYPES = ['fault', 'service_request'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_TYPE_LABELS: Readonly<Record<TicketType, string>> = Object.freeze({
  fault: 'Fault',
  service_request: 'Service request',
});

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = Object.freeze({
  P1: 'P1 · Critical',
  P2: 'P2 · High',
  P3: 'P3 · Normal',
  P4: 'P4 · Low',
});

export const FAULT_CATEGORIES = [
  'voice',
  'broadband',
  'network',
  'email',
  'hardware',
  'software',
  'security',
  'other',
] as const;
export type FaultCategory = (typeof FAULT_CATEGORIES)[number];

export const FAULT_CATEGORY_LABELS: Readonly<Record<FaultCategory, string>> = Object.freeze({
  voice: 'Voice (VoIP / telephony)',
  broadband: 'Broadband',
  network: 'Network',
  email: 'Email',
  hardware: 'Hardware',
  software: 'Software',
  security: 'Security',
  other: 'Other',
});

export const SERVICE_REQUEST_CATEGORIES = [
  'new_starter',
  'leaver',
  'mailbox',
  'access',
  'number_porting',
  'equipment_order',
  'other',
] as const;
export type ServiceRequestCategory = (typeof SERVICE_REQUEST_CATEGORIES)[number];

export const SERVICE_REQUEST_CATEGORY_LABELS: Readonly<Record<ServiceRequestCategory, string>> =
  Object.freeze({
    new_starter: 'New starter',
    leaver: 'Leaver',
    mailbox: 'Mailbox',
    access: 'Access',
    number_porting: 'Number porting',
    equipment_order: 'Equipment order',
    other: 'Other',
  });

export type TicketCategory = FaultCategory | ServiceRequestCategory;

/** The categories a ticket of the given type may use. */
export function categoriesFor(type: 'fault'): readonly FaultCategory[];
export function categoriesFor(type: 'service_request'): readonly ServiceRequestCategory[];
export function categoriesFor(type: TicketType): readonly TicketCategory[];
export function categoriesFor(type: TicketType): readonly TicketCategory[] {
  return type === 'fault' ? FAULT_CATEGORIES : SERVICE_REQUEST_CATEGORIES;
}

/** The human label of a category within a ticket type, or undefined if the category does not belong to it. */
export function categoryLabel(type: TicketType, category: string): string | undefined {
  if (!isCategoryFor(type, category)) return undefined;
  return type === 'fault'
    ? FAULT_CATEGORY_LABELS[category as FaultCategory]
    : SERVICE_REQUEST_CATEGORY_LABELS[category as ServiceRequestCategory];
}

export function isTicketStatus(value: unknown): value is TicketStatus {
  return typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);
}

export function isTicketType(value: unknown): value is TicketType {
  return typeof value === 'string' && (TICKET_TYPES as readonly string[]).includes(value);
}

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}

export function isCategoryFor(type: TicketType, value: unknown): value is TicketCategory {
  return typeof value === 'string' && (categoriesFor(type) as readonly string[]).includes(value);
}

/**
 * Where a ticket may go next from each status. Moving a ticket to the status it already has is not a
 * transition. `closed` is final; `resolved` may only be re-opened or closed.
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = Object.freeze({
  new: Object.freeze(['open', 'pending_customer', 'on_hold', 'resolved', 'closed'] as const),
  open: Object.freeze(['pending_customer', 'on_hold', 'resolved', 'closed'] as const),
  pending_customer: Object.freeze(['open', 'on_hold', 'resolved', 'closed'] as const),
  on_hold: Object.freeze(['open', 'pending_customer', 'resolved', 'closed'] as const),
  resolved: Object.freeze(['open', 'closed'] as const),
  closed: Object.freeze([] as const),
});

/** Thrown when a status change is not in {@link ALLOWED_TRANSITIONS}. */
export class IllegalTransitionError extends Error {
  readonly from: TicketStatus;
  readonly to: TicketStatus;
  readonly allowed: readonly TicketStatus[];

  constructor(from: TicketStatus, to: TicketStatus, message?: string) {
    const allowed = ALLOWED_TRANSITIONS[from];
    super(
      message ??
        `Cannot move a ticket from ${from} to ${to}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`,
    );
    this.name = 'IllegalTransitionError';
    this.from = from;
    this.to = to;
    this.allowed = allowed;
  }
}

/** Thrown when someone tries to reply to a closed ticket. It is an {@link IllegalTransitionError} too. */
export class TicketClosedError extends IllegalTransitionError {
  constructor() {
    super(
      'closed',
      'open',
      'Cannot reply to a closed ticket; closed is final, so raise a new ticket instead',
    );
    this.name = 'TicketClosedError';
  }
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return from !== to && ALLOWED_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError(from, to);
}

/**
 * The status after a customer's public reply: a ticket waiting on the customer, or a resolved one the
 * customer answers, comes back to `open`. A closed ticket cannot be replied to.
 */
export function statusAfterCustomerReply(status: TicketStatus): TicketStatus {
  switch (status) {
    case 'pending_customer':
    case 'resolved':
      return 'open';
    case 'closed':
      throw new TicketClosedError();
    default:
      return status;
  }
}

/** The status after an engineer's public reply: the first reply opens a new ticket; nothing else changes. */
export function statusAfterEngineerPublicReply(status: TicketStatus): TicketStatus {
  return status === 'new' ? 'open' : status;
}

/**
 * Whether the SLA clock is stopped in this status. It pauses while we wait on the customer and stops once
 * the ticket is resolved or closed. `on_hold` does NOT pause: on hold is the provider's problem.
 */
export function isSlaPaused(status: TicketStatus): boolean {
  return status === 'pending_customer' || status === 'resolved' || status === 'closed';
}

/** Resolved tickets close by themselves after this many days. */
export const AUTO_CLOSE_AFTER_DAYS = 7;
