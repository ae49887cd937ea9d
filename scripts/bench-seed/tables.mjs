// What each COPY writes: the table, its columns, how many rows to expect, and a generator of
// text-format lines. The identifier index is written from the same facts as the texts it indexes.
import { AUDIT_COLUMNS, auditEstimate, auditLines } from './audit.mjs';
import { copyLine } from './copy.mjs';
import { COLUMNS, ids } from './world.mjs';

function* organisations(w) {
  for (let o = 1; o <= w.n.orgs; o++) {
    const org = w.org(o);
    yield copyLine([org.id, org.name, w.iso(org.created), w.iso(w.base)]);
  }
}

/** Support staff (the DPO, then the engineers) and the customers. */
function* people(w) {
  for (let k = 0; k <= w.n.engineers; k++) {
    const s = w.staff(k);
    const at = w.iso(s.created);
    yield copyLine([s.id, s.fullName, w.nameKey(s.fullName), s.email, null, s.jobTitle, at, at]);
  }
  for (let p = 1; p <= w.n.people; p++) {
    const c = w.person(p);
    const at = w.iso(c.created);
    yield copyLine([c.id, c.fullName, w.nameKey(c.fullName), c.email, c.phone, c.jobTitle, at, at]);
  }
}

/** Every person has an account: customers in their organisation, staff in none. No one can sign in ('!'). */
function* users(w) {
  for (let k = 0; k <= w.n.engineers; k++) {
    const s = w.staff(k);
    const at = w.iso(s.created);
    yield copyLine([s.userId, s.id, null, s.role, '!', at, at]);
  }
  for (let p = 1; p <= w.n.people; p++) {
    const c = w.person(p);
    const at = w.iso(c.created);
    yield copyLine([w.userIds[p], c.id, ids.org(c.org), 'customer', '!', at, at]);
  }
}

function* tickets(w, groups) {
  for (let t = 1; t <= w.n.tickets; t++) yield copyLine(w.ticket(t, groups));
}

function* messages(w) {
  for (let g = 1; g <= w.n.messages; g++) yield copyLine(w.message(g));
}

function* recordings(w) {
  for (let i = 1; i <= w.n.recordings; i++) yield copyLine(w.recording(i));
}

function* retentionRuns(w) {
  for (let d = w.n.retentionRuns; d >= 1; d--) yield copyLine(w.retentionRun(d));
}

/**
 * The identifier index, as the app writes it: every person's own identifiers (indexPerson: email,
 * phone, name), then each ticket's and message's mentions (index: one entry per identifier found).
 */
function* identifierMentions(w, hash) {
  const entry = (kind, value, type, id, ticketId) => copyLine([kind, hash(kind, value), type, id, ticketId]);
  for (let k = 0; k <= w.n.engineers; k++) {
    const s = w.staff(k);
    yield entry('email', w.privacy.normaliseEmail(s.email), 'person', s.id, null);
    yield entry('name', w.nameKey(s.fullName), 'person', s.id, null);
  }
  for (let p = 1; p <= w.n.people; p++) {
    const c = w.person(p);
    yield entry('email', w.privacy.normaliseEmail(c.email), 'person', c.id, null);
    yield entry('phone', c.phone, 'person', c.id, null);
    yield entry('name', w.nameKey(c.fullName), 'person', c.id, null);
  }
  // Digit tails come from the text itself (any run of digit groups, phone or not), as the app reads it.
  const tails = (text) => w.privacy.phoneTails(text).map((tail) => ['digits', tail]);
  for (let t = 1; t <= w.n.tickets; t++) {
    const found = uniqueMentions(w, w.ticketFacts(t).mentions);
    for (const [kind, value] of found) yield entry(kind, value, 'ticket', ids.ticket(t), ids.ticket(t));
    const row = w.ticket(t, [null]);
    for (const [kind, value] of tails(`${row[5]}\n${row[6]}`))
      yield entry(kind, value, 'ticket', ids.ticket(t), ids.ticket(t));
  }
  for (let g = 1; g <= w.n.messages; g++) {
    const f = w.messageFacts(g);
    const found = uniqueMentions(w, f.mentions);
    for (const [kind, value] of found)
      yield entry(kind, value, 'message', ids.message(g), ids.ticket(f.ticket));
    for (const [kind, value] of tails(w.message(g)[4]))
      yield entry(kind, value, 'message', ids.message(g), ids.ticket(f.ticket));
  }
}

/** [kind, value] pairs, once each (the app keeps one entry per distinct identifier in a text). */
function uniqueMentions(w, mentions) {
  const out = new Map();
  for (const m of mentions) {
    if (!m) continue;
    const value = w.mentionValue(m);
    out.set(`${m.kind}:${value}`, [m.kind, value]);
  }
  return out.values();
}

/**
 * The load, as COPY jobs. Every table but audit_log is emptied and filled in one transaction with
 * COPY FREEZE (its rows written frozen and all-visible, so VACUUM has nothing left to do); the
 * trail's trigger refuses TRUNCATE, and it is empty anyway.
 */
export function copyJobs(w, { groups, hash, privacy }) {
  const n = w.n;
  const job = (table, total, lines, { columns = COLUMNS[table], freeze = true } = {}) => ({
    table,
    columns,
    total,
    lines,
    freeze,
  });
  const staff = n.engineers + 1;
  // The index: 3 entries a customer, 2 a staff member, and the texts' mentions (2.5% of tickets, 6% of messages).
  const indexEstimate = 3 * n.people + 2 * staff + 0.025 * n.tickets + 0.06 * n.messages;
  return {
    organisations: job('organisations', n.orgs, () => organisations(w)),
    people: job('people', staff + n.people, () => people(w)),
    users: job('users', staff + n.people, () => users(w)),
    tickets: job('tickets', n.tickets, () => tickets(w, groups)),
    ticket_messages: job('ticket_messages', n.messages, () => messages(w)),
    recordings: job('recordings', n.recordings, () => recordings(w)),
    identifier_mentions: job('identifier_mentions', Math.round(indexEstimate), () =>
      identifierMentions(w, hash),
    ),
    retention_runs: job('retention_runs', n.retentionRuns, () => retentionRuns(w)),
    audit_log: job('audit_log', auditEstimate(w), () => auditLines(w, privacy), {
      columns: AUDIT_COLUMNS,
      freeze: false,
    }),
  };
}
