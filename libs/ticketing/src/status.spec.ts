import {
  ALLOWED_TRANSITIONS,
  assertTransition,
  AUTO_CLOSE_AFTER_DAYS,
  canTransition,
  categoriesFor,
  categoryLabel,
  FAULT_CATEGORIES,
  FAULT_CATEGORY_LABELS,
  IllegalTransitionError,
  isCategoryFor,
  isPriority,
  isSlaPaused,
  isTicketStatus,
  isTicketType,
  PRIORITIES,
  PRIORITY_LABELS,
  SERVICE_REQUEST_CATEGORIES,
  SERVICE_REQUEST_CATEGORY_LABELS,
  STATUS_LABELS,
  statusAfterCustomerReply,
  statusAfterEngineerPublicReply,
  TICKET_STATUSES,
  TICKET_TYPE_LABELS,
  TICKET_TYPES,
  TicketClosedError,
  type TicketStatus,
} from './status';

// The whole matrix, written out independently of ALLOWED_TRANSITIONS: rows are `from`, columns are `to`
// in TICKET_STATUSES order (new, open, pending_customer, on_hold, resolved, closed).
const MATRIX: Record<TicketStatus, string> = {
  new: '.YYYYY',
  open: '..YYYY',
  pending_customer: '.Y.YYY',
  on_hold: '.YY.YY',
  resolved: '.Y...Y',
  closed: '......',
};

const PAIRS = TICKET_STATUSES.flatMap((from) =>
  TICKET_STATUSES.map((to, i) => [from, to, MATRIX[from][i] === 'Y'] as const),
);

describe('ticket status transitions', () => {
  it('covers all 36 pairs', () => {
    expect(PAIRS).toHaveLength(36);
    expect(PAIRS.filter(([, , ok]) => ok)).toHaveLength(
      Object.values(ALLOWED_TRANSITIONS).reduce((n, list) => n + list.length, 0),
    );
  });

  it.each(PAIRS)('%s -> %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
    expect(ALLOWED_TRANSITIONS[from].includes(to)).toBe(allowed);
    if (allowed) {
      expect(() => assertTransition(from, to)).not.toThrow();
    } else {
      expect(() => assertTransition(from, to)).toThrow(IllegalTransitionError);
    }
  });

  it.each(TICKET_STATUSES)('%s -> %s is not a transition', (status) => {
    expect(canTransition(status, status)).toBe(false);
  });

  it('closed is final', () => {
    expect(ALLOWED_TRANSITIONS.closed).toEqual([]);
    for (const to of TICKET_STATUSES) expect(canTransition('closed', to)).toBe(false);
  });

  it('names the allowed statuses in the error', () => {
    let caught: unknown;
    try {
      assertTransition('resolved', 'new');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(IllegalTransitionError);
    const error = caught as IllegalTransitionError;
    expect(error.message).toBe('Cannot move a ticket from resolved to new; allowed: open, closed');
    expect(error.name).toBe('IllegalTransitionError');
    expect(error.from).toBe('resolved');
    expect(error.to).toBe('new');
    expect(error.allowed).toEqual(['open', 'closed']);
  });

  it('says none are allowed from closed', () => {
    expect(() => assertTransition('closed', 'open')).toThrow(
      'Cannot move a ticket from closed to open; allowed: none',
    );
  });

  it('cannot be changed at runtime', () => {
    expect(Object.isFrozen(ALLOWED_TRANSITIONS)).toBe(true);
    for (const status of TICKET_STATUSES) expect(Object.isFrozen(ALLOWED_TRANSITIONS[status])).toBe(true);
  });
});

describe('reply helpers', () => {
  it.each<[TicketStatus, TicketStatus]>([
    ['new', 'new'],
    ['open', 'open'],
    ['pending_customer', 'open'],
    ['on_hold', 'on_hold'],
    ['resolved', 'open'],
  ])('a customer reply moves %s to %s', (from, to) => {
    expect(statusAfterCustomerReply(from)).toBe(to);
  });

  it('a customer cannot reply to a closed ticket', () => {
    expect(() => statusAfterCustomerReply('closed')).toThrow(TicketClosedError);
    expect(() => statusAfterCustomerReply('closed')).toThrow(IllegalTransitionError);
    expect(() => statusAfterCustomerReply('closed')).toThrow(/closed/);
  });

  it('the status a customer reply leads to is always reachable', () => {
    for (const from of TICKET_STATUSES.filter((s) => s !== 'closed')) {
      const to = statusAfterCustomerReply(from);
      expect(to === from || canTransition(from, to)).toBe(true);
    }
  });

  it.each<[TicketStatus, TicketStatus]>([
    ['new', 'open'],
    ['open', 'open'],
    ['pending_customer', 'pending_customer'],
    ['on_hold', 'on_hold'],
    ['resolved', 'resolved'],
    ['closed', 'closed'],
  ])('an engineer public reply moves %s to %s', (from, to) => {
    expect(statusAfterEngineerPublicReply(from)).toBe(to);
  });
});

describe('isSlaPaused', () => {
  it.each<[TicketStatus, boolean]>([
    ['new', false],
    ['open', false],
    ['pending_customer', true],
    ['on_hold', false],
    ['resolved', true],
    ['closed', true],
  ])('%s -> %s', (status, paused) => {
    expect(isSlaPaused(status)).toBe(paused);
  });
});

describe('vocabulary', () => {
  it('has a label for every status, priority, type and category', () => {
    expect(Object.keys(STATUS_LABELS)).toEqual([...TICKET_STATUSES]);
    expect(Object.keys(PRIORITY_LABELS)).toEqual([...PRIORITIES]);
    expect(Object.keys(TICKET_TYPE_LABELS)).toEqual([...TICKET_TYPES]);
    expect(Object.keys(FAULT_CATEGORY_LABELS)).toEqual([...FAULT_CATEGORIES]);
    expect(Object.keys(SERVICE_REQUEST_CATEGORY_LABELS)).toEqual([...SERVICE_REQUEST_CATEGORIES]);
    expect(PRIORITY_LABELS).toEqual({
      P1: 'P1 · Critical',
      P2: 'P2 · High',
      P3: 'P3 · Normal',
      P4: 'P4 · Low',
    });
    expect(AUTO_CLOSE_AFTER_DAYS).toBe(7);
  });

  it('matches categories to ticket types', () => {
    expect(categoriesFor('fault')).toContain('voice');
    expect(categoriesFor('service_request')).toContain('number_porting');
    expect(isCategoryFor('fault', 'broadband')).toBe(true);
    expect(isCategoryFor('fault', 'leaver')).toBe(false);
    expect(isCategoryFor('service_request', 'leaver')).toBe(true);
    expect(isCategoryFor('service_request', 'other')).toBe(true);
    expect(categoryLabel('fault', 'voice')).toBe('Voice (VoIP / telephony)');
    expect(categoryLabel('service_request', 'equipment_order')).toBe('Equipment order');
    expect(categoryLabel('service_request', 'voice')).toBeUndefined();
  });

  it('recognises valid values only', () => {
    expect(isTicketStatus('pending_customer')).toBe(true);
    expect(isTicketStatus('waiting')).toBe(false);
    expect(isTicketStatus(undefined)).toBe(false);
    expect(isPriority('P3')).toBe(true);
    expect(isPriority('P5')).toBe(false);
    expect(isTicketType('service_request')).toBe(true);
    expect(isTicketType('incident')).toBe(false);
  });
});
