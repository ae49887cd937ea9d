// The audit trail (audit_log): three years of engineers reading and revealing customers' contact
// details while they work tickets, the nightly retention runs, and calls put on hold and released,
// hash-chained in time order exactly as AuditService.record chains them.
import { createRequire } from 'node:module';
import { SUBJECT } from '../bench-common.mjs';
import { copyLine } from './copy.mjs';
import { RowRandom } from './random.mjs';
import { REVEAL_REASONS } from './vocabulary.mjs';
import { SUBJECT_PERSON_ID, ids } from './world.mjs';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** About 0.3 entries per ticket in all. */
const PER_TICKET = 0.3;
/** Of the entries made while working a ticket, the share that are reads of the requester's record (the rest are reveals). */
const READ_SHARE = 65;

export const AUDIT_COLUMNS = [
  'seq',
  'at',
  'actor_id',
  'actor_role',
  'action',
  'subject_person_id',
  'target_type',
  'target_id',
  'fields',
  'reason',
  'details',
  'prev_hash',
  'hash',
];

/** What the hash covers, as AuditService's payloadOf: everything but seq, prev_hash and hash. */
function payloadOf(e) {
  return {
    at: new Date(e.at).toISOString(),
    actorId: e.actorId,
    actorRole: e.actorRole,
    action: e.action,
    subjectPersonId: e.subjectPersonId,
    targetType: e.targetType,
    targetId: e.targetId,
    fields: e.fields,
    reason: e.reason,
    details: e.details,
  };
}

const entry = (at, action, more) => ({
  at,
  actorId: null,
  actorRole: null,
  action,
  subjectPersonId: null,
  targetType: null,
  targetId: null,
  fields: [],
  reason: null,
  details: {},
  ...more,
});

/** PeopleService.get: the fields of the record the reader saw (the non-empty ones, in the app's order). */
const readFields = (person) =>
  ['fullName', 'email', 'phone', 'jobTitle', 'employer']
    .filter((f) => person[f] !== null && person[f] !== undefined)
    .map((f) => `person.${f}`);

/**
 * The planted subject's record, read and revealed by the engineers assigned their tickets (see
 * subject.mjs): [days ago, minutes after, engineer, action, reason].
 */
const SUBJECT_ENTRIES = [
  [320, 30, 1, 'person.read', null],
  [320, 42, 1, 'person.reveal', 'Calling back about the line fault'],
  [95, 180, 2, 'person.read', null],
  [6, 95, 1, 'person.reveal', 'Customer asked for a call back'],
];

/**
 * The kinds of entry, each a function of a number: `plan` lists the numbers, `make(n)` builds the
 * entry and `at(n)`, if given, its time alone. The same n always gives the same entry, so the
 * trail is planned (times only), sorted, and rebuilt entry by entry while it streams.
 */
function sources(w) {
  const engineer = (k) => ({ actorId: w.engineerIds[k], actorRole: 'engineer' });
  const dpo = { actorId: w.dpoId, actorRole: 'dpo' };
  const work = new RowRandom('audit-work');

  /** An engineer working ticket t reads or reveals the requester's details in its first three days. */
  const workAt = (x) => {
    const t = w.ticketFacts(1 + x.int(w.n.tickets));
    const window = Math.max(1, Math.min(3 * DAY, w.base - t.created - MINUTE) / 1000);
    return { t, at: t.created + x.int(window) * 1000 + x.int(1000) };
  };
  const ticketWork = {
    at: (j) => workAt(work.row(j)).at,
    make: (j) => {
      const x = work.row(j);
      const { t, at } = workAt(x);
      const read = x.int(100) < READ_SHARE;
      const field = x.int(2) === 0 ? 'person.phone' : 'person.email';
      const reason = x.pick(REVEAL_REASONS);
      const who = engineer(1 + x.int(w.n.engineers));
      const person = w.person(t.requester);
      const about = { subjectPersonId: person.id, targetType: 'person', targetId: person.id };
      return read
        ? entry(at, 'person.read', { ...who, ...about, fields: readFields(person) })
        : entry(at, 'person.reveal', { ...who, ...about, fields: [field], reason });
    },
  };

  /** RetentionService.execute: no actor, counts only. */
  const retentionRun = (d) => {
    const f = w.retentionRunFacts(d);
    return entry(f.audited, 'retention.run', {
      targetType: 'retention_run',
      targetId: f.id,
      details: { recordings: f.deleted, skipped: { legalHold: f.legalHold, openDsar: 0 }, blobs: f.deleted },
    });
  };

  /** RecordingsService.setHold: the DPO holds a call, and may lift the hold later (reason null). */
  const hold = (i) => {
    const h = w.recordingFacts(i).hold;
    return entry(h.at, 'recording.hold', {
      ...dpo,
      targetType: 'recording',
      targetId: ids.recording(i),
      reason: h.reason,
    });
  };
  const release = (i) => ({
    ...hold(i),
    at: w.recordingFacts(i).hold.releasedAt,
    action: 'recording.release',
    reason: null,
  });

  const subject = { ...SUBJECT, jobTitle: 'Office manager', employer: SUBJECT.organisation };
  const aboutSubject = {
    subjectPersonId: SUBJECT_PERSON_ID,
    targetType: 'person',
    targetId: SUBJECT_PERSON_ID,
  };
  const subjectEntry = (k) => {
    const [daysAgo, minutes, eng, action, reason] = SUBJECT_ENTRIES[k];
    const at = w.base - daysAgo * DAY + minutes * MINUTE;
    const fields = action === 'person.read' ? readFields(subject) : ['person.phone'];
    return entry(at, action, { ...engineer(eng), ...aboutSubject, fields, reason });
  };

  const held = [];
  for (let i = 1; i <= w.n.recordings; i++) if (w.recordingFacts(i).hold) held.push(i);
  const released = held.filter((i) => w.recordingFacts(i).hold.releasedAt !== null);
  const range = (from, to) => Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);
  const fixed = [
    { make: retentionRun, plan: range(1, w.n.retentionRuns) },
    { make: hold, plan: held },
    { make: release, plan: released },
    { make: subjectEntry, plan: range(0, SUBJECT_ENTRIES.length - 1) },
  ];
  const others = fixed.reduce((a, s) => a + s.plan.length, 0);
  const workEntries = Math.max(0, Math.round(PER_TICKET * w.n.tickets) - others);
  return [{ ...ticketWork, plan: range(1, workEntries) }, ...fixed];
}

/** Roughly how many entries the trail will have (for the progress bar). */
export const auditEstimate = (w) =>
  Math.max(Math.round(PER_TICKET * w.n.tickets), w.n.retentionRuns + SUBJECT_ENTRIES.length);

/**
 * The trail's COPY lines, in time order, seq 1, 2, … and each entry chained to the one before:
 * prev_hash = the previous hash (GENESIS_HASH first), hash = linkHash(prev_hash, payload).
 */
export function* auditLines(w, privacy) {
  const kinds = sources(w);
  const at = [];
  const kind = [];
  const num = [];
  kinds.forEach((s, k) => {
    for (const n of s.plan) {
      at.push(s.at ? s.at(n) : s.make(n).at); // only the time, where it is cheaper
      kind.push(k);
      num.push(n);
    }
  });
  const order = Uint32Array.from(at.keys()).sort((a, b) => at[a] - at[b] || a - b);
  let prev = privacy.GENESIS_HASH;
  for (let s = 0; s < order.length; s++) {
    const i = order[s];
    const e = kinds[kind[i]].make(num[i]);
    const hash = privacy.linkHash(prev, payloadOf(e));
    yield copyLine([
      s + 1,
      new Date(e.at),
      e.actorId,
      e.actorRole,
      e.action,
      e.subjectPersonId,
      e.targetType,
      e.targetId,
      e.fields,
      e.reason,
      e.details,
      prev,
      hash,
    ]);
    prev = hash;
  }
}

/**
 * Verifies the whole chain with the app's own AuditService.verify (what GET /api/audit/verify
 * answers: the trail read back in seq order, in batches, every link recomputed).
 */
export async function verifyAuditChain(client) {
  const require = createRequire(import.meta.url);
  const { AuditService } = require('../../apps/api/src/audit/audit.service.ts');
  const { AuditRepository } = require('../../apps/api/src/audit/audit.repository.ts');
  // The repository reads through `dataSource.manager.query` (SqlRepository); verify needs nothing else.
  const query = async (sql, params) => (await client.query(sql, params)).rows;
  const entries = new AuditRepository({ manager: { query } });
  return new AuditService(null, entries, null).verify();
}
