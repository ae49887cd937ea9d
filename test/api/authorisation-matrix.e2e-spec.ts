import { CLIENT_SOCKET_EVENTS, type PresenceEntry } from '@hushdesk/contracts';
import { MESSAGE_METADATA } from '@nestjs/websockets/constants';
import type { Test } from 'supertest';
import { RealtimeGateway } from '../../apps/api/src/realtime/realtime.gateway';
import { wav } from '../support/files';
import { OpenApiConformance } from '../support/openapi-conformance';
import { logCallWithAudio } from '../support/recordings';
import { connect, Inbox, settle, type ClientSocket } from '../support/sockets';
import { createUser, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app';
import { buildWorld, type World } from '../support/world';

/**
 * The authorisation matrix: every route of the OpenAPI document, called by every kind of caller,
 * against one table of expected outcomes. A route missing from the table fails the test, so no
 * route ships unclassified. Allowed answers are also searched for data the caller must not see.
 *
 * Callers: `anonymous`; `customer` (a1, who raised the tickets and the DSAR below); `sameOrg` (a2,
 * a customer of a1's organisation, which has not turned on shared ticket visibility); `otherOrg`
 * (b1, of another organisation); and one account of each staff role.
 */

const CALLERS = ['anonymous', 'customer', 'sameOrg', 'otherOrg', 'engineer', 'dpo', 'admin'] as const;
type Caller = (typeof CALLERS)[number];

/**
 * `ok`: a 2xx answer. `reached`: past the access checks, answered by the route itself (2xx, or a
 * 400/409 about the body or the record's state), used where a second call of a one-time action
 * cannot succeed again. A number: exactly that status (401 no credentials, 403 the role may not,
 * 404 the record is hidden from this caller).
 */
type Outcome = 'ok' | 'reached' | 400 | 401 | 403 | 404;
type Expectation = Record<Caller, Outcome>;

interface RouteCase {
  /** The URL, with `:name` standing for a fixture id. */
  url: string;
  /** The body; a function when each caller must send a different one (unique emails). */
  body?: object | ((caller: Caller) => object);
  /** Anything other than a JSON body. */
  send?: (req: Test) => Test;
  expect: Expectation;
  /** The call ends the caller's session, so it runs on a session of its own. */
  ownSession?: true;
  /** The route's purpose is to show a masked value in clear (audited), so the contact check skips it. */
  reveals?: true;
}

/** Only the listed callers succeed; every other signed-in caller gets `denied` (default 403). */
function only(allowed: Partial<Record<Caller, Outcome>>, denied: Partial<Record<Caller, Outcome>> = {}) {
  const row = {} as Expectation;
  for (const caller of CALLERS) row[caller] = allowed[caller] ?? denied[caller] ?? 403;
  row.anonymous = allowed.anonymous ?? 401;
  return row;
}
const everyone = (outcome: Outcome): Expectation =>
  Object.fromEntries(CALLERS.map((c) => [c, outcome])) as Expectation;
const signedIn = (outcome: Outcome = 'ok') =>
  only({
    customer: outcome,
    sameOrg: outcome,
    otherOrg: outcome,
    engineer: outcome,
    dpo: outcome,
    admin: outcome,
  });
/** a1's own records: a1 and the named staff roles; other customers are told it does not exist. */
const ownedByCustomer = (staff: Partial<Record<Caller, Outcome>>, customer: Outcome = 'ok') =>
  only({ customer, ...staff }, { sameOrg: 404, otherOrg: 404 });
const STAFF_READ = { engineer: 'ok', dpo: 'ok', admin: 'ok' } as const;
const PRIVACY_OFFICE = { dpo: 'ok', admin: 'ok' } as const;

/** A mailbox on a port where nothing listens. */
const MAILBOX = { name: 'Support', host: '127.0.0.1', port: 9, tls: false, username: 'support', secret: 'x' };

const MATRIX: Record<string, RouteCase> = {
  // Authentication. Refresh needs the session cookie; these callers use bearer tokens only.
  'POST /api/auth/login': {
    url: '/api/auth/login',
    body: { email: ':spareEmail', password: TEST_PASSWORD },
    expect: everyone('ok'),
  },
  'POST /api/auth/refresh': { url: '/api/auth/refresh', expect: everyone(401) },
  'POST /api/auth/logout': { url: '/api/auth/logout', expect: signedIn(), ownSession: true },
  // The same password again: refused on its merits (400), which shows the caller got through.
  'POST /api/auth/password': {
    url: '/api/auth/password',
    body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD },
    expect: signedIn(400),
  },
  'GET /api/auth/me': { url: '/api/auth/me', expect: signedIn() },

  // Administration.
  'POST /api/users': {
    url: '/api/users',
    body: (caller) => ({
      email: `made.by.${caller}.${Math.random().toString(36).slice(2, 8)}@example.test`,
      password: 'a long enough passphrase',
      role: 'engineer',
      person: { fullName: `Made by ${caller}` },
    }),
    expect: only({ admin: 'ok' }),
  },
  'GET /api/users': { url: '/api/users', expect: only({ admin: 'ok' }) },
  'PATCH /api/users/{id}': {
    url: '/api/users/:spareUser',
    body: { role: 'customer', organisationId: ':orgA', disabled: false },
    expect: only({ admin: 'ok' }),
  },
  'POST /api/users/{id}/password-reset': {
    url: '/api/users/:spareUser/password-reset',
    body: { temporaryPassword: 'amber kettle over the moorland' },
    expect: only({ admin: 'ok' }),
  },
  'GET /api/engineers': { url: '/api/engineers', expect: only(STAFF_READ) },
  'POST /api/organisations': {
    url: '/api/organisations',
    body: (caller) => ({ name: `Made by ${caller} ${Math.random().toString(36).slice(2, 8)}` }),
    expect: only({ admin: 'ok' }),
  },
  'GET /api/organisations': { url: '/api/organisations', expect: only({ admin: 'ok' }) },
  'PATCH /api/organisations/{id}': {
    url: '/api/organisations/:orgA',
    body: { name: 'Acme Telecom' },
    expect: only({ admin: 'ok' }),
  },
  'DELETE /api/organisations/{id}': { url: '/api/organisations/:spareOrg', expect: only({ admin: 'ok' }) },
  'GET /api/settings/sla': { url: '/api/settings/sla', expect: only({ admin: 'ok' }) },
  'PUT /api/settings/sla': {
    url: '/api/settings/sla',
    body: {
      openingTime: '08:30',
      closingTime: '17:00',
      workingDays: [1, 2, 3, 4, 5],
      bankHolidays: ['2026-12-25'],
      targets: {
        P1: { firstResponseMinutes: 60, resolutionMinutes: 240, clock: '24x7' },
        P2: { firstResponseMinutes: 240, resolutionMinutes: 510, clock: 'business' },
        P3: { firstResponseMinutes: 510, resolutionMinutes: 1530, clock: 'business' },
        P4: { firstResponseMinutes: 1020, resolutionMinutes: 5100, clock: 'business' },
      },
    },
    expect: only({ admin: 'ok' }),
  },

  // IMAP mailboxes (admins only). The fixtures point at a closed port: the test answers at once.
  'GET /api/mailboxes': { url: '/api/mailboxes', expect: only({ admin: 'ok' }) },
  'POST /api/mailboxes': {
    url: '/api/mailboxes',
    body: (caller) => ({ ...MAILBOX, name: `Made by ${caller}`, folder: `By-${caller}` }),
    expect: only({ admin: 'ok' }),
  },
  'PATCH /api/mailboxes/{id}': {
    url: '/api/mailboxes/:mailbox',
    body: { name: 'Support inbox' },
    expect: only({ admin: 'ok' }),
  },
  'DELETE /api/mailboxes/{id}': { url: '/api/mailboxes/:spareMailbox', expect: only({ admin: 'ok' }) },
  'POST /api/mailboxes/{id}/test': { url: '/api/mailboxes/:mailbox/test', expect: only({ admin: 'ok' }) },
  'GET /api/mailboxes/{id}/quarantine': {
    url: '/api/mailboxes/:mailbox/quarantine',
    expect: only({ admin: 'ok' }),
  },

  // Public.
  'GET /api/health': { url: '/api/health', expect: everyone('ok') },
  'GET /api/demo': { url: '/api/demo', expect: everyone('ok') }, // demo mode is off here: no logins
  'GET /api/privacy/notice': { url: '/api/privacy/notice', expect: everyone('ok') },
  'GET /api/privacy/notice/controller': { url: '/api/privacy/notice/controller', expect: everyone('ok') },
  // The link's token is the credential: an unknown one finds nothing, whoever asks.
  'GET /api/dsar/downloads/{token}': {
    url: '/api/dsar/downloads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    expect: everyone(404),
  },
  'GET /api/dsar/downloads/{token}/status': {
    url: '/api/dsar/downloads/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/status',
    expect: everyone(404),
  },

  // The privacy office.
  'GET /api/audit': { url: '/api/audit', expect: only(PRIVACY_OFFICE) },
  'GET /api/audit/verify': { url: '/api/audit/verify', expect: only(PRIVACY_OFFICE) },
  'GET /api/privacy/fields': { url: '/api/privacy/fields', expect: only(PRIVACY_OFFICE) },
  'PATCH /api/privacy/fields/{name}': {
    url: '/api/privacy/fields/person.jobTitle',
    body: {},
    expect: only(PRIVACY_OFFICE),
  },
  'POST /api/privacy/fields/{name}/purge': {
    url: '/api/privacy/fields/person.jobTitle/purge',
    body: { dryRun: true },
    expect: only(PRIVACY_OFFICE),
  },
  'GET /api/privacy/collection': { url: '/api/privacy/collection', expect: signedIn() },
  'POST /api/privacy/retention/fields': {
    url: '/api/privacy/retention/fields',
    body: { dryRun: true },
    expect: only(PRIVACY_OFFICE),
  },
  'GET /api/privacy/ropa': { url: '/api/privacy/ropa', expect: only(PRIVACY_OFFICE) },
  // The controller's identity: the DPO reads it; publishing it is the controller's (an admin's) act.
  'GET /api/settings/controller': { url: '/api/settings/controller', expect: only(PRIVACY_OFFICE) },
  'PUT /api/settings/controller': {
    url: '/api/settings/controller',
    body: {
      name: 'Northern Lines Telecom Ltd',
      address: 'Unit 4, Example Business Park, Exampleton EX1 2MP',
      dpoEmail: 'privacy@northern-lines.example.com',
    },
    expect: only({ admin: 'ok' }),
  },
  'GET /api/privacy/mentions': { url: '/api/privacy/mentions?email=:a1Email', expect: only({ dpo: 'ok' }) },
  'POST /api/privacy/index/rebuild': { url: '/api/privacy/index/rebuild', expect: only(PRIVACY_OFFICE) },
  'POST /api/privacy/suppressions': {
    url: '/api/privacy/suppressions',
    body: { email: 'no.contact@suppressed.example', reason: 'objection' },
    expect: only({ dpo: 'ok' }),
  },

  // Share-safe copies, redaction and reveal.
  'GET /api/tickets/{id}/share-safe': {
    url: '/api/tickets/:ticket/share-safe',
    expect: only({ engineer: 'ok', dpo: 'ok' }),
  },
  'POST /api/tickets/{id}/messages/{messageId}/redact': {
    url: '/api/tickets/:ticket/messages/:redactableMessage/redact',
    body: { reason: 'Third-party data in a customer message' },
    expect: only({ dpo: 'ok' }),
  },
  'GET /api/tickets/{id}/attachments/{attachmentId}/share-safe': {
    url: '/api/tickets/:ticket/attachments/:attachment/share-safe',
    expect: only({ engineer: 'ok', dpo: 'ok' }),
  },
  'POST /api/tickets/{id}/attachments/{attachmentId}/redact': {
    url: '/api/tickets/:ticket/attachments/:redactableAttachment/redact',
    body: { reason: 'Third-party data in an attachment' },
    expect: only({ dpo: 'ok' }),
  },
  'POST /api/tickets/{id}/reveal': {
    url: '/api/tickets/:ticket/reveal',
    body: { field: 'contactPhone', reason: 'Calling back about the outage' },
    expect: only(STAFF_READ),
    reveals: true,
  },

  // People: contact data per field policy; PATCH is rectification.
  'GET /api/people/{id}': { url: '/api/people/:a1Person', expect: ownedByCustomer(STAFF_READ) },
  'PATCH /api/people/{id}': {
    url: '/api/people/:a1Person',
    body: { fullName: 'Alice Archer' },
    expect: ownedByCustomer(PRIVACY_OFFICE),
  },
  'POST /api/people/{id}/reveal': {
    url: '/api/people/:a1Person/reveal',
    body: { field: 'phone', reason: 'Calling back about the outage' },
    expect: only(STAFF_READ),
    reveals: true,
  },

  // Tickets.
  'POST /api/tickets': {
    url: '/api/tickets',
    body: (caller) => ({
      type: 'fault',
      subject: 'Handset has no dial tone',
      description: 'Since this morning.',
      ...(caller === 'engineer' ? { requesterId: ':a1User' } : {}),
    }),
    expect: only({ customer: 'ok', sameOrg: 'ok', otherOrg: 'ok', engineer: 'ok' }),
  },
  'GET /api/tickets': { url: '/api/tickets', expect: signedIn() },
  'GET /api/tickets/{id}': { url: '/api/tickets/:ticket', expect: ownedByCustomer(STAFF_READ) },
  'PATCH /api/tickets/{id}': {
    url: '/api/tickets/:ticket',
    body: { priority: 'P2' },
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  // Takes back the caller's own last change: reached (200, or 409 with nothing of theirs to undo).
  'POST /api/tickets/{id}/undo': {
    url: '/api/tickets/:ticket/undo',
    expect: only({ engineer: 'reached', admin: 'reached' }),
  },
  // The customer marks their request solved (again: no change); a1's reply below reopens it.
  'POST /api/tickets/{id}/solve': {
    url: '/api/tickets/:ticket/solve',
    expect: ownedByCustomer({}, 'reached'),
  },
  'GET /api/tickets/{id}/history': { url: '/api/tickets/:ticket/history', expect: only(STAFF_READ) },
  // Merging into another organisation's ticket is refused (409) for staff, so a1's ticket stays.
  'GET /api/tickets/{id}/merge': {
    url: '/api/tickets/:ticket/merge?intoTicketId=:otherOrgTicket',
    expect: only({ engineer: 'reached', admin: 'reached' }),
  },
  'POST /api/tickets/{id}/merge': {
    url: '/api/tickets/:ticket/merge',
    body: { intoTicketId: ':otherOrgTicket' },
    expect: only({ engineer: 'reached', admin: 'reached' }),
  },
  // Bulk changes: staff who may change tickets; the undo is its author's alone (the engineer's here).
  'POST /api/tickets/bulk-changes': {
    url: '/api/tickets/bulk-changes',
    body: { ticketIds: [':ticket'], changes: { priority: 'P2' } },
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  'POST /api/tickets/bulk-changes/{id}/undo': {
    url: '/api/tickets/bulk-changes/:bulkChange/undo',
    expect: only({ engineer: 'reached' }, { admin: 404 }),
  },
  // Tags across every ticket: staff who change tickets read them; only an admin renames or removes.
  'GET /api/tags': { url: '/api/tags', expect: only({ engineer: 'ok', admin: 'ok' }) },
  'POST /api/tags/rename': {
    url: '/api/tags/rename',
    body: { from: 'no-such-tag', to: 'still-none' },
    expect: only({ admin: 'ok' }),
  },
  'POST /api/tags/remove': {
    url: '/api/tags/remove',
    body: { tag: 'no-such-tag' },
    expect: only({ admin: 'ok' }),
  },
  // Saved views: staff; a shared view is an admin's to delete.
  'GET /api/views': { url: '/api/views', expect: only(STAFF_READ) },
  'POST /api/views': {
    url: '/api/views',
    body: { name: 'P1s', filters: { priority: 'P1' } },
    expect: only(STAFF_READ),
  },
  'PATCH /api/views/{id}': {
    url: '/api/views/:editedView',
    body: { name: 'Shared, renamed' },
    expect: only({ admin: 'ok' }),
  },
  'DELETE /api/views/{id}': { url: '/api/views/:sharedView', expect: only({ admin: 'ok' }) },

  'GET /api/tickets/{id}/messages': {
    url: '/api/tickets/:ticket/messages',
    expect: ownedByCustomer(STAFF_READ),
  },
  'POST /api/tickets/{id}/messages': {
    url: '/api/tickets/:ticket/messages',
    body: (caller) => ({
      body: `A reply from ${caller}`,
      visibility: ['customer', 'sameOrg', 'otherOrg'].includes(caller) ? 'public' : 'internal',
    }),
    expect: ownedByCustomer({ engineer: 'ok', admin: 'ok' }),
  },
  'GET /api/groups': { url: '/api/groups', expect: only(STAFF_READ) },
  'POST /api/groups': {
    url: '/api/groups',
    body: (caller) => ({ name: `Made by ${caller} ${Math.random().toString(36).slice(2, 8)}` }),
    expect: only({ admin: 'ok' }),
  },
  'PATCH /api/groups/{id}': {
    url: '/api/groups/:group',
    body: { name: 'Matrix queue' },
    expect: only({ admin: 'ok' }),
  },
  'DELETE /api/groups/{id}': { url: '/api/groups/:spareGroup', expect: only({ admin: 'ok' }) },
  'GET /api/groups/{id}/members': { url: '/api/groups/:group/members', expect: only({ admin: 'ok' }) },
  'PUT /api/groups/{id}/members': {
    url: '/api/groups/:group/members',
    body: { userIds: [':engineerUser'] },
    expect: only({ admin: 'ok' }),
  },
  // Reply drafts: each caller's own, on a ticket they may reply on.
  'GET /api/tickets/{id}/draft': {
    url: '/api/tickets/:ticket/draft',
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  'PUT /api/tickets/{id}/draft': {
    url: '/api/tickets/:ticket/draft',
    body: { body: 'Half a reply', visibility: 'internal' },
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  // Files in a draft: the caller's own; another staff member is told the file does not exist.
  'POST /api/tickets/{id}/draft/attachments': {
    url: '/api/tickets/:ticket/draft/attachments',
    send: (req) => req.attach('file', Buffer.from('traceroute stops at hop 3\n'), 'trace.txt'),
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  'POST /api/tickets/{id}/draft/attachments/{attachmentId}/send': {
    url: '/api/tickets/:ticket/draft/attachments/:draftFile/send',
    expect: only({ engineer: 'ok' }, { admin: 404 }),
  },
  'DELETE /api/tickets/{id}/draft/attachments/{attachmentId}': {
    url: '/api/tickets/:ticket/draft/attachments/:spareDraftFile',
    expect: only({ engineer: 'ok' }, { admin: 404 }),
  },
  // The reply box sent at once: a note, no files (those left in the draft stay there).
  'POST /api/tickets/{id}/draft/send': {
    url: '/api/tickets/:ticket/draft/send',
    body: (caller) => ({ body: `A note sent by ${caller}`, visibility: 'internal' }),
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  'DELETE /api/tickets/{id}/draft': {
    url: '/api/tickets/:ticket/draft',
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },

  // Macros: the engineer's personal macro is theirs alone (the admin is told it does not exist);
  // the shared one is applied by anyone who replies.
  'GET /api/macros': { url: '/api/macros', expect: only({ engineer: 'ok', admin: 'ok' }) },
  'POST /api/macros': {
    url: '/api/macros',
    body: (caller) => ({ title: `Made by ${caller}`, body: 'Hello {{requester.firstName}}' }),
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  'PATCH /api/macros/{id}': {
    url: '/api/macros/:engineerMacro',
    body: { title: 'Printer: restart it first' },
    expect: only({ engineer: 'ok' }, { admin: 404 }),
  },
  'DELETE /api/macros/{id}': {
    url: '/api/macros/:spareMacro',
    expect: only({ engineer: 'ok' }, { admin: 404 }),
  },
  'POST /api/macros/{id}/apply': {
    url: '/api/macros/:sharedMacro/apply',
    body: { ticketId: ':ticket' },
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  'GET /api/sla/response-times': { url: '/api/sla/response-times', expect: signedIn() },
  'GET /api/dashboard': { url: '/api/dashboard', expect: only(STAFF_READ) },
  'GET /api/notifications/sla': {
    url: '/api/notifications/sla',
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  // Each caller marks only their own warnings; no one else's state can be reached.
  'POST /api/notifications/sla/read': {
    url: '/api/notifications/sla/read',
    body: {},
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  'GET /api/tickets/{id}/attachments': {
    url: '/api/tickets/:ticket/attachments',
    expect: ownedByCustomer(STAFF_READ),
  },
  'POST /api/tickets/{id}/attachments': {
    url: '/api/tickets/:ticket/attachments',
    send: (req) => req.attach('file', Buffer.from('ping 192.0.2.1: timeout\n'), 'ping.txt'),
    expect: ownedByCustomer({ engineer: 'ok', admin: 'ok' }),
  },
  'GET /api/tickets/{id}/attachments/{attachmentId}': {
    url: '/api/tickets/:ticket/attachments/:attachment',
    expect: ownedByCustomer(STAFF_READ),
  },

  // Mail: the outbox and its settings are the admins'; staff choose their own notifications.
  'GET /api/mail/outbox': { url: '/api/mail/outbox', expect: only({ admin: 'ok' }) },
  'GET /api/mail/outbox/{id}': { url: '/api/mail/outbox/:outboxMail', expect: only({ admin: 'ok' }) },
  'GET /api/mail/status': { url: '/api/mail/status', expect: only({ admin: 'ok' }) },
  'GET /api/mail/subscriptions/me': { url: '/api/mail/subscriptions/me', expect: only(STAFF_READ) },
  'PUT /api/mail/subscriptions/me': {
    url: '/api/mail/subscriptions/me',
    body: { newTickets: false, assignedTickets: true },
    expect: only(STAFF_READ),
  },
  'GET /api/tickets/{id}/mail-recipient': {
    url: '/api/tickets/:ticket/mail-recipient',
    expect: only(STAFF_READ),
  },

  // Call recordings.
  'POST /api/recordings': {
    url: '/api/recordings',
    body: {
      callerNumber: '01632 960999',
      direction: 'inbound',
      startedAt: new Date(Date.now() - 3_600_000).toISOString(),
      durationSeconds: 60,
    },
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  'GET /api/recordings': { url: '/api/recordings', expect: only(STAFF_READ) },
  'POST /api/recordings/import': {
    url: '/api/recordings/import',
    send: (req) =>
      req
        .set('content-type', 'text/csv')
        .send(
          'call_id,caller_number,direction,started_at,duration_seconds,ticket_reference,notes\r\n' +
            `PBX-${Math.random().toString(36).slice(2, 10)},01632 960111,inbound,${new Date().toISOString()},30,,`,
        ),
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  // Finding calls to hold, by number in the body (never in a URL): the DPO's, like the hold itself.
  'POST /api/recordings/search': {
    url: '/api/recordings/search',
    body: { number: '01632 960999' },
    expect: only({ dpo: 'ok' }),
  },
  'GET /api/recordings/{id}': { url: '/api/recordings/:recording', expect: only(STAFF_READ) },
  'PUT /api/recordings/{id}/audio': {
    url: '/api/recordings/:silentRecording/audio',
    send: (req) => req.set('content-type', 'audio/wav').send(wav(800)),
    expect: only({ engineer: 'ok', admin: 'ok' }),
  },
  'GET /api/recordings/{id}/audio': { url: '/api/recordings/:recording/audio', expect: only(STAFF_READ) },
  'POST /api/recordings/{id}/hold': {
    url: '/api/recordings/:recording/hold',
    body: { reason: 'Complaint under investigation' },
    expect: only({ dpo: 'ok' }),
  },
  'DELETE /api/recordings/{id}/hold': { url: '/api/recordings/:recording/hold', expect: only({ dpo: 'ok' }) },

  // Retention.
  'POST /api/retention/runs': {
    url: '/api/retention/runs',
    body: { dryRun: true },
    expect: only(PRIVACY_OFFICE),
  },
  'GET /api/retention/runs': { url: '/api/retention/runs', expect: only(PRIVACY_OFFICE) },
  'GET /api/retention/runs/{id}': { url: '/api/retention/runs/:retentionRun', expect: only(PRIVACY_OFFICE) },
  'GET /api/retention/policies': { url: '/api/retention/policies', expect: only(PRIVACY_OFFICE) },
  'PATCH /api/retention/policies/{category}': {
    url: '/api/retention/policies/recordings',
    body: { days: 60 },
    expect: only(PRIVACY_OFFICE),
  },
  'GET /api/retention/forecast': { url: '/api/retention/forecast', expect: only(PRIVACY_OFFICE) },
  'GET /api/retention/holds': { url: '/api/retention/holds', expect: only(PRIVACY_OFFICE) },

  // Data-subject requests: a1's own access request (`:dsar`), collected and under review.
  'POST /api/dsar': {
    url: '/api/dsar',
    body: (caller) =>
      caller === 'dpo'
        ? { kind: 'access', subject: { email: 'someone.else@example.test' }, channel: 'email' }
        : { kind: 'portability' },
    expect: only({ dpo: 'ok', customer: 'ok', sameOrg: 'ok', otherOrg: 'ok' }),
  },
  'GET /api/dsar': {
    url: '/api/dsar',
    expect: only({ dpo: 'ok', customer: 'ok', sameOrg: 'ok', otherOrg: 'ok' }),
  },
  'GET /api/dsar/dashboard': { url: '/api/dsar/dashboard', expect: only({ dpo: 'ok' }) },
  'GET /api/dsar/{id}': { url: '/api/dsar/:dsar', expect: ownedByCustomer({ dpo: 'ok' }) },
  'POST /api/dsar/{id}/verify': {
    url: '/api/dsar/:dsar/verify',
    body: { method: 'signed_in' },
    expect: only({ dpo: 'reached' }, { customer: 403 }),
  },
  'POST /api/dsar/{id}/request-information': {
    url: '/api/dsar/:spareDsar/request-information',
    body: { reason: 'Please send a copy of a bill' },
    expect: only({ dpo: 'ok' }),
  },
  'POST /api/dsar/{id}/resume': {
    url: '/api/dsar/:spareDsar/resume',
    body: { reason: 'Bill received' },
    expect: only({ dpo: 'ok' }),
  },
  'POST /api/dsar/{id}/reject': {
    url: '/api/dsar/:rejectableDsar/reject',
    body: { reason: 'Manifestly unfounded' },
    expect: only({ dpo: 'ok' }),
  },
  'POST /api/dsar/{id}/extend': {
    url: '/api/dsar/:dsar/extend',
    body: { months: 1, reason: 'Complex request' },
    expect: only({ dpo: 'ok' }),
  },
  'POST /api/dsar/{id}/collect': { url: '/api/dsar/:dsar/collect', expect: only({ dpo: 'ok' }) },
  'POST /api/dsar/{id}/subject': {
    url: '/api/dsar/:dsar/subject',
    body: { personId: ':a1Person' },
    expect: only({ dpo: 'reached' }),
  },
  'GET /api/dsar/{id}/items': { url: '/api/dsar/:dsar/items', expect: only({ dpo: 'ok' }) },
  'PUT /api/dsar/{id}/items/{itemId}/exclusion': {
    url: '/api/dsar/:dsar/items/:dsarItem/exclusion',
    body: { excluded: false, reason: 'Relevant to the request' },
    expect: only({ dpo: 'ok' }),
  },
  'PUT /api/dsar/{id}/redactions/{redactionId}': {
    url: '/api/dsar/:dsar/redactions/:dsarRedaction',
    body: { redacted: true, reason: 'Third party' },
    expect: only({ dpo: 'ok' }),
  },
  'GET /api/dsar/{id}/export': {
    url: '/api/dsar/:dsar/export?format=json',
    expect: ownedByCustomer({ dpo: 'reached' }, 'reached'),
  },
  'POST /api/dsar/{id}/release': { url: '/api/dsar/:dsar/release', expect: only({ dpo: 'ok' }) },
  // a1 asked from the portal, so their link needs their sign-in, not a code: refused on its merits.
  'POST /api/dsar/{id}/download-code': {
    url: '/api/dsar/:dsar/download-code',
    expect: only({ dpo: 'reached' }),
  },
  'GET /api/dsar/{id}/erasure-preview': {
    url: '/api/dsar/:dsar/erasure-preview',
    expect: only({ dpo: 'reached' }),
  },
  // a1's request is for access, so erasure is refused on its merits and a1 keeps their data.
  'POST /api/dsar/{id}/erase': {
    url: '/api/dsar/:dsar/erase',
    body: { confirmation: 'ERASE' },
    expect: only({ dpo: 'reached' }),
  },
  'POST /api/dsar/{id}/rectify': {
    url: '/api/dsar/:dsar/rectify',
    body: { changes: { jobTitle: 'Office manager' } },
    expect: only({ dpo: 'reached' }),
  },
  'POST /api/dsar/{id}/restrict': {
    url: '/api/dsar/:dsar/restrict',
    body: { reason: 'Accuracy contested' },
    expect: only({ dpo: 'reached' }),
  },
  'POST /api/dsar/{id}/lift-restriction': {
    url: '/api/dsar/:dsar/lift-restriction',
    body: { reason: 'Accuracy confirmed' },
    expect: only({ dpo: 'reached' }),
  },
  'POST /api/dsar/{id}/object': {
    url: '/api/dsar/:dsar/object',
    body: { reason: 'Objects to marketing' },
    expect: only({ dpo: 'reached' }),
  },
  'POST /api/dsar/{id}/complete': {
    url: '/api/dsar/:completableDsar/complete',
    body: { reason: 'Answered' },
    expect: only({ dpo: 'reached' }),
  },
  'PUT /api/dsar/{id}/evidence': {
    url: '/api/dsar/:dsar/evidence',
    send: (req) =>
      req
        .set('content-type', 'application/pdf')
        .set('x-file-name', 'authority.pdf')
        .send(Buffer.from('%PDF-1.4 x')),
    expect: only({ dpo: 'reached' }),
  },
};

/**
 * The socket routes: the handshake, and every event a client may send (CLIENT_SOCKET_EVENTS in
 * libs/contracts, which the gateway handles), for every caller, on a1's ticket. `refused`: no
 * socket (the handshake answers "unauthorized"). `ok`: the event took effect (its ack, and what a
 * staff member watching the ticket hears). `ignored`: nothing happened, and the socket stays open.
 * What each caller's socket hears meanwhile is searched for data it must not see, as HTTP answers are.
 */
type SocketOutcome = 'ok' | 'ignored' | 'refused';
const socketRow = (customers: SocketOutcome, staff: SocketOutcome): Record<Caller, SocketOutcome> => ({
  anonymous: 'refused',
  customer: customers,
  sameOrg: customers,
  otherOrg: customers,
  engineer: staff,
  dpo: staff,
  admin: staff,
});
const SOCKET_MATRIX: Record<string, Record<Caller, SocketOutcome>> = {
  handshake: socketRow('ok', 'ok'),
  // A page on another origin cannot ride on any caller's credentials.
  'handshake from another origin': socketRow('refused', 'refused'),
  // Presence ("Sam is replying") is for staff only; a customer's watch is answered { ok: false }.
  'ticket.watch': socketRow('ignored', 'ok'),
  'ticket.activity': socketRow('ignored', 'ok'),
  'ticket.unwatch': socketRow('ignored', 'ok'),
};

// What must never reach the wrong eyes (checked in every allowed answer).
const A1_PHONE = '07700 900321';
const A1_PHONE_DIGITS = '7700900321';
const INTERNAL_NOTE = 'Internal: the exchange in Leeds is the real culprit (osprey)';
const A1_SUBJECT = 'Unshared fault at the Harrogate office (kestrel)';
const B1_SUBJECT = 'Globex private fault at the Sheffield depot (heron)';

describe('authorisation matrix', () => {
  let t: TestApp;
  let w: World;
  const ids: Record<string, string> = {};
  const auth: Partial<Record<Caller, string>> = {};
  const problems: string[] = [];
  let checked = 0;
  /** Every answer of the route table, checked against the OpenAPI document. */
  let conformance: OpenApiConformance;

  const as = (caller: Caller, req: Test) => (auth[caller] ? req.set('authorization', auth[caller]) : req);
  const ok = (res: { status: number; body: unknown }, what: string) => {
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown> & { id: string; items: { id: string }[] };
  };
  const fill = (text: string) => text.replace(/:([a-zA-Z0-9]+)/g, (m, key: string) => ids[key] ?? m);
  const fillBody = (body: object): object => JSON.parse(fill(JSON.stringify(body))) as object;

  beforeAll(async () => {
    t = await startTestApp({ listen: true });
    w = await buildWorld(t);
    conformance = new OpenApiConformance((await t.http().get('/api/docs-json').expect(200)).body);
    Object.assign(auth, {
      customer: w.a1.auth,
      sameOrg: w.a2.auth,
      otherOrg: w.b1.auth,
      engineer: w.engineer.auth,
      dpo: w.dpo.auth,
      admin: w.admin.auth,
    });
    const http = (caller: Caller, method: 'get' | 'post' | 'put' | 'patch', url: string) =>
      as(caller, t.http()[method](url));
    const spare = await createUser(t, 'customer', { organisationId: w.orgA });
    Object.assign(ids, {
      orgA: w.orgA,
      a1User: w.a1.id,
      a1Person: w.a1.personId,
      a1Email: encodeURIComponent(w.a1.email),
      spareEmail: spare.email,
      // Edited and reset by the admin routes: never signed in with.
      spareUser: (await createUser(t, 'customer', { organisationId: w.orgA })).id,
    });
    ids.spareOrg = ok(
      await http('admin', 'post', '/api/organisations').send({ name: 'Spare Ltd' }),
      'org',
    ).id;
    ids.group = ok(await http('admin', 'post', '/api/groups').send({ name: 'Matrix queue' }), 'group').id;
    ids.spareGroup = ok(await http('admin', 'post', '/api/groups').send({ name: 'Spare queue' }), 'group').id;
    ids.engineerUser = w.engineer.id;

    ok(await http('customer', 'patch', `/api/people/${w.a1.personId}`).send({ phone: A1_PHONE }), 'a1 phone');
    const ticket = ok(
      await http('customer', 'post', '/api/tickets').send({
        type: 'fault',
        subject: A1_SUBJECT,
        description: 'The line drops every few minutes.',
        contactPhone: A1_PHONE,
      }),
      'a1 ticket',
    );
    ids.ticket = ticket.id;
    ids.otherOrgTicket = ok(
      await http('otherOrg', 'post', '/api/tickets').send({
        type: 'fault',
        subject: B1_SUBJECT,
        description: 'x',
      }),
      'b1 ticket',
    ).id;
    const messages = `/api/tickets/${ticket.id}/messages`;
    ok(
      await http('engineer', 'post', messages).send({ body: INTERNAL_NOTE, visibility: 'internal' }),
      'note',
    );
    ids.redactableMessage = ok(
      await http('customer', 'post', messages).send({
        body: `Ring me on ${A1_PHONE}, or my colleague on ${w.a2.email}`,
        visibility: 'public',
      }),
      'message',
    ).id;
    const upload = async (name: string) =>
      ok(
        await http('customer', 'post', `/api/tickets/${ticket.id}/attachments`).attach(
          'file',
          Buffer.from(name === 'contacts.txt' ? `backup contact: ${w.a1.email}\n` : 'sync lost at 09:14\n'),
          name,
        ),
        'attachment',
      ).id;
    ids.attachment = await upload('router.log.txt');
    ids.redactableAttachment = await upload('contacts.txt');
    const keep = async (name: string) =>
      ok(
        await http('engineer', 'post', `/api/tickets/${ticket.id}/draft/attachments`).attach(
          'file',
          Buffer.from('ping 192.0.2.1: timeout\n'),
          name,
        ),
        'draft file',
      ).id;
    ids.draftFile = await keep('ping.txt');
    ids.spareDraftFile = await keep('spare.txt');

    const call = { direction: 'inbound' as const, durationSeconds: 90, startedAt: new Date().toISOString() };
    ids.recording = await logCallWithAudio(t, w.engineer.auth, { ...call, callerNumber: A1_PHONE }, wav());
    ids.silentRecording = ok(
      await http('engineer', 'post', '/api/recordings').send({ ...call, callerNumber: '01632 960555' }),
      'recording',
    ).id;
    ids.mailbox = ok(
      await http('admin', 'post', '/api/mailboxes').send({ ...MAILBOX, folder: 'Fixture' }),
      'mailbox',
    ).id;
    ids.spareMailbox = ok(
      await http('admin', 'post', '/api/mailboxes').send({ ...MAILBOX, folder: 'Spare' }),
      'mailbox',
    ).id;
    ids.bulkChange = ok(
      await http('engineer', 'post', '/api/tickets/bulk-changes').send({
        ticketIds: [ticket.id],
        changes: { addTags: ['matrix'] },
      }),
      'bulk change',
    ).id;
    ids.sharedView = ok(
      await http('admin', 'post', '/api/views').send({ name: 'Shared', shared: true, filters: {} }),
      'view',
    ).id;
    ids.editedView = ok(
      await http('admin', 'post', '/api/views').send({ name: 'Edited', shared: true, filters: {} }),
      'view',
    ).id;
    const macro = async (caller: Caller, body: object) =>
      ok(await http(caller, 'post', '/api/macros').send(body), 'macro').id;
    ids.engineerMacro = await macro('engineer', { title: 'Printer', body: 'Restart the printer.' });
    ids.spareMacro = await macro('engineer', { title: 'Spare', body: 'Spare.' });
    ids.sharedMacro = await macro('admin', {
      title: 'Greeting',
      body: 'Hello {{requester.firstName}}, about {{ticket.reference}}',
      shared: true,
    });
    ids.retentionRun = ok(await http('dpo', 'post', '/api/retention/runs').send({ dryRun: true }), 'run').id;
    const outbox = await t.db.query('SELECT id FROM mail_outbox WHERE ticket_id = $1 LIMIT 1', [ticket.id]);
    ids.outboxMail = String(outbox.rows[0].id);

    // a1's access request, collected, so it has items and redactions to decide on.
    const dsar = ok(await http('customer', 'post', '/api/dsar').send({ kind: 'access' }), 'dsar');
    ids.dsar = dsar.id;
    ok(await http('dpo', 'post', `/api/dsar/${dsar.id}/collect`), 'collect');
    await collected(dsar.id);
    ids.dsarItem = ok(await http('dpo', 'get', `/api/dsar/${dsar.id}/items?limit=1`), 'items').items[0].id;
    const redactions = await t.db.query('SELECT id FROM dsar_redactions WHERE dsar_id = $1 LIMIT 1', [
      dsar.id,
    ]);
    ids.dsarRedaction = String(redactions.rows[0].id);
    const other = (subject: object) =>
      http('dpo', 'post', '/api/dsar').send({ kind: 'access', subject, channel: 'email' });
    ids.spareDsar = ok(await other({ email: 'spare.subject@example.test' }), 'spare dsar').id;
    ids.rejectableDsar = ok(await other({ email: 'rejected.subject@example.test' }), 'dsar').id;
    ids.completableDsar = ok(await other({ email: 'completed.subject@example.test' }), 'dsar').id;
  });
  afterAll(() => t.close());

  /** Waits for a collection job to finish, so the routes after it meet the request in review. */
  async function collected(dsarId: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const detail = ok(await as('dpo', t.http().get(`/api/dsar/${dsarId}`)), 'dsar detail');
      if (detail.status !== 'collecting') return;
      if (Date.now() > deadline) throw new Error('collection did not finish');
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const outcomeOf = (status: number): string => String(status);
  const matches = (status: number, expected: Outcome) => {
    if (expected === 'ok') return status >= 200 && status < 300;
    if (expected === 'reached') return status < 500 && ![401, 403, 404].includes(status);
    return status === expected;
  };

  /** Data this caller must not find in any answer. */
  function forbiddenFor(caller: Caller, route: RouteCase): string[] {
    const secrets: string[] = [];
    const customer = caller === 'customer' || caller === 'sameOrg' || caller === 'otherOrg';
    if (customer || caller === 'anonymous') secrets.push(INTERNAL_NOTE);
    // Contact data: clear to the person, the DPO and admins by the default field policies;
    // masked for engineers, hidden from everyone else.
    if (!['customer', 'dpo', 'admin'].includes(caller) && !route.reveals) {
      secrets.push(A1_PHONE, A1_PHONE_DIGITS, w.a1.email);
    }
    if (caller === 'sameOrg' || caller === 'otherOrg' || caller === 'anonymous') secrets.push(A1_SUBJECT);
    if (caller === 'customer' || caller === 'sameOrg' || caller === 'anonymous') secrets.push(B1_SUBJECT);
    return secrets;
  }

  async function sessionFor(caller: Caller): Promise<string | undefined> {
    if (caller === 'anonymous') return undefined;
    const emails: Record<Exclude<Caller, 'anonymous'>, string> = {
      customer: w.a1.email,
      sameOrg: w.a2.email,
      otherOrg: w.b1.email,
      engineer: w.engineer.email,
      dpo: w.dpo.email,
      admin: w.admin.email,
    };
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: emails[caller], password: TEST_PASSWORD });
    return `Bearer ${ok(res, 'sign-in').accessToken as string}`;
  }

  it('lists every route of the OpenAPI document in the table, and nothing else', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    const routes = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('lists the handshake and every socket event the gateway handles, and nothing else', () => {
    const proto = RealtimeGateway.prototype as unknown as Record<string, object>;
    const handled = Object.getOwnPropertyNames(proto)
      .filter((name) => typeof proto[name] === 'function')
      .map((name) => Reflect.getMetadata(MESSAGE_METADATA, proto[name]) as string | undefined)
      .filter((event): event is string => typeof event === 'string');
    expect(handled.sort()).toEqual([...CLIENT_SOCKET_EVENTS].sort());
    expect(Object.keys(SOCKET_MATRIX).sort()).toEqual(
      ['handshake', 'handshake from another origin', ...CLIENT_SOCKET_EVENTS].sort(),
    );
  });

  it('gives every caller the declared outcome on every socket route, and no event it must not hear', async () => {
    const socketProblems: string[] = [];
    const userIds: Record<Caller, string> = {
      anonymous: '',
      customer: w.a1.id,
      sameOrg: w.a2.id,
      otherOrg: w.b1.id,
      engineer: w.engineer.id,
      dpo: w.dpo.id,
      admin: w.admin.id,
    };
    const observerSocket = await connect(t.baseUrl as string, { bearer: w.engineer2.auth });
    const observer = new Inbox(observerSocket);
    expect(await observerSocket.emitWithAck('ticket.watch', ids.ticket)).toEqual({ ok: true });
    type Seen = PresenceEntry['activity'] | 'absent';
    /** What the observer hears of this user in the presence updates after the first `since`. */
    const updatesAbout = (userId: string, since: number): Seen[] =>
      observer
        .of<{ ticketId: string; present: PresenceEntry[] }>('ticket.presence')
        .filter((p) => p.ticketId === ids.ticket)
        .slice(since)
        .map((p) => p.present.find((e) => e.userId === userId)?.activity ?? 'absent');
    const updates = () => updatesAbout('', 0).length;
    /**
     * `ok` when the observer hears this user become `effect` (and `precondition` holds); `ignored`
     * when no update mentions them within the window; anything else is reported as it is.
     */
    const outcome = async (userId: string, since: number, effect: Seen, precondition = true) => {
      const until = Date.now() + 600;
      while (Date.now() < until && !updatesAbout(userId, since).includes(effect)) await settle(20);
      const seen = updatesAbout(userId, since);
      if (precondition && seen.includes(effect)) return 'ok';
      if (!seen.some((s) => s !== 'absent') && !(effect === 'absent' && seen.length)) return 'ignored';
      return `heard ${seen.join(', ')}`;
    };
    const record = (caller: Caller, route: string, got: string) => {
      checked++;
      if (got !== SOCKET_MATRIX[route][caller])
        socketProblems.push(`${route} as ${caller}: expected ${SOCKET_MATRIX[route][caller]}, got ${got}`);
    };

    const foreign = `http://127.0.0.1:${Number(new URL(t.baseUrl as string).port) + 1}`;
    for (const caller of CALLERS) {
      const attempt = connect(t.baseUrl as string, { bearer: auth[caller], origin: foreign });
      const refused = await attempt.then(
        (socket) => (socket.close(), 'ok'),
        (e: Error) => (e.message === 'origin not allowed' ? 'refused' : e.message),
      );
      record(caller, 'handshake from another origin', refused);
    }

    const open: { caller: Caller; socket: ClientSocket; inbox: Inbox }[] = [];
    for (const caller of CALLERS) {
      let socket: ClientSocket;
      try {
        socket = await connect(t.baseUrl as string, auth[caller] ? { bearer: auth[caller] } : {});
      } catch (e) {
        if (!(e instanceof Error && e.message === 'unauthorized')) throw e;
        for (const route of Object.keys(SOCKET_MATRIX)) {
          if (route !== 'handshake from another origin') record(caller, route, 'refused');
        }
        continue;
      }
      record(caller, 'handshake', 'ok');
      const inbox = new Inbox(socket);
      open.push({ caller, socket, inbox });
      const me = userIds[caller];

      let since = updates();
      const ack = await socket.emitWithAck('ticket.watch', ids.ticket);
      const watched = await outcome(me, since, 'viewing', ack.ok);
      record(caller, 'ticket.watch', watched === 'ignored' && ack.ok ? `acknowledged ${ack.ok}` : watched);

      since = updates();
      socket.emit('ticket.activity', { ticketId: ids.ticket, activity: 'replying' });
      record(caller, 'ticket.activity', await outcome(me, since, 'replying'));

      since = updates();
      socket.emit('ticket.unwatch', ids.ticket);
      record(caller, 'ticket.unwatch', await outcome(me, since, 'absent', ack.ok));
      if (!socket.connected) socketProblems.push(`${caller}: the server closed the socket`);
    }

    // Everything the callers' sockets hear about a1's ticket, and about b1's, goes only where it may.
    const marker = `Internal: live note ${Date.now()} (osprey)`;
    const note = (body: string, visibility: string) =>
      t
        .http()
        .post(`/api/tickets/${ids.ticket}/messages`)
        .set('authorization', w.engineer.auth)
        .send({ body, visibility });
    ok(await note(marker, 'internal'), 'live note');
    ok(await note('Live reply: the line test passed', 'public'), 'live reply');
    ok(
      await t
        .http()
        .post('/api/tickets')
        .set('authorization', w.b1.auth)
        .send({ type: 'fault', subject: B1_SUBJECT, description: 'x' }),
      'b1 live ticket',
    );
    await observer.waitFor<{ body: string }>('message.created', (m) => m.body === marker);
    await settle();
    for (const { caller, inbox, socket } of open) {
      const text = JSON.stringify(inbox.events);
      const secrets = forbiddenFor(caller, { url: '', expect: everyone('ok') });
      if (['customer', 'sameOrg', 'otherOrg'].includes(caller)) secrets.push(marker);
      for (const secret of secrets) {
        if (text.includes(secret)) socketProblems.push(`socket of ${caller}: heard "${secret}"`);
      }
      socket.close();
    }
    // The events did flow: the requester heard the public reply, staff the note.
    expect(open.find((o) => o.caller === 'customer')?.inbox.of('message.created').length).toBe(1);
    expect(open.find((o) => o.caller === 'admin')?.inbox.of('message.created').length).toBe(2);
    observerSocket.close();
    process.stdout.write(
      `authorisation matrix, sockets: ${Object.keys(SOCKET_MATRIX).length} socket routes x ${CALLERS.length} callers\n`,
    );
    expect(socketProblems).toEqual([]);
  });

  it('gives every caller exactly the declared outcome on every route, and no data it must not see', async () => {
    // Refusals first, so a denied caller meets each record as the fixtures left it.
    const order = (e: Expectation) =>
      [...CALLERS].sort(
        (a, b) => Number(e[a] === 'ok' || e[a] === 'reached') - Number(e[b] === 'ok' || e[b] === 'reached'),
      );
    for (const [route, spec] of Object.entries(MATRIX)) {
      const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
      for (const caller of order(spec.expect)) {
        const bearer = spec.ownSession ? await sessionFor(caller) : auth[caller];
        let req = t.http()[method](fill(spec.url));
        if (bearer) req = req.set('authorization', bearer);
        if (spec.send) req = spec.send(req);
        else if (spec.body)
          req = req.send(fillBody(typeof spec.body === 'function' ? spec.body(caller) : spec.body));
        const res = await req;
        checked++;
        conformance.check(route, res);
        // Collecting again runs as a job; the request's other routes answer 409 until it ends.
        if (route === 'POST /api/dsar/{id}/collect' && res.status < 300) await collected(ids.dsar);
        const expected = spec.expect[caller];
        if (!matches(res.status, expected)) {
          problems.push(
            `${route} as ${caller}: expected ${expected}, got ${outcomeOf(res.status)} ${res.text.slice(0, 160)}`,
          );
          continue;
        }
        if (res.status >= 300) continue;
        const text = res.text ?? '';
        for (const secret of forbiddenFor(caller, spec)) {
          if (text.includes(secret)) problems.push(`${route} as ${caller}: the answer contains "${secret}"`);
        }
      }
    }
    process.stdout.write(
      `authorisation matrix: ${Object.keys(MATRIX).length} routes and ${Object.keys(SOCKET_MATRIX).length} socket routes x ${CALLERS.length} callers = ${checked} calls checked\n`,
    );
    expect(problems).toEqual([]);
    expect(checked).toBe((Object.keys(MATRIX).length + Object.keys(SOCKET_MATRIX).length) * CALLERS.length);
    // Over 900 calls one after another: more than the tier's 30 s on a loaded machine.
  }, 120_000);

  it('answers every route only with the statuses and bodies the OpenAPI document declares', () => {
    process.stdout.write(conformance.summary('authorisation matrix'));
    expect(conformance.checked).toBeGreaterThan(0);
    expect(conformance.problems).toEqual([]);
  });
});
