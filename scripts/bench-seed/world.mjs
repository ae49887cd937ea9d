// The bench world: organisations, their people, the support staff, tickets, messages and calls,
// each row a deterministic function of its number (see random.mjs). Facts other rows need (a
// ticket's requester and date, a person's email) are recomputed from the number, not looked up.
import { RowRandom, uuidMaker } from './random.mjs';
import * as V from './vocabulary.mjs';

const MINUTE = 60_000;
const DAY = 86_400_000;
const pad = (n, width) => String(n).padStart(width, '0');
const letters = (s) => s.replace(/[^A-Za-z]/g, '');
const TWO = Array.from({ length: 100 }, (_, i) => pad(i, 2));
const THREE = Array.from({ length: 1000 }, (_, i) => pad(i, 3));
const days = new Map();

/** Date#toISOString of a time in ms, six times faster (one Date a day, cached): there are 20 million to write. */
export function iso(ms) {
  const day = Math.floor(ms / DAY);
  let date = days.get(day);
  if (date === undefined) days.set(day, (date = new Date(day * DAY).toISOString().slice(0, 11)));
  let t = ms - day * DAY;
  const h = Math.floor(t / 3_600_000);
  t -= h * 3_600_000;
  const m = Math.floor(t / MINUTE);
  t -= m * MINUTE;
  const s = Math.floor(t / 1000);
  return `${date}${TWO[h]}:${TWO[m]}:${TWO[s]}.${THREE[Math.floor(t - s * 1000)]}Z`;
}

const fill = (template, value) => template.replace('%s', () => value); // a function: no $-patterns

/** Row counts at scale S. */
export function sizes(scale) {
  return {
    orgs: Math.max(10, Math.round(10_000 * scale)),
    people: Math.round(100_000 * scale),
    engineers: Math.max(5, Math.round(200 * scale)),
    tickets: Math.round(1_000_000 * scale),
    messages: Math.round(5_000_000 * scale),
    recordings: Math.round(1_000_000 * scale),
    /** The nightly retention job, for the three years the trail covers, whatever the scale. */
    retentionRuns: 3 * 365,
  };
}

/** Ids of every kind of row, by row number. */
export const ids = {
  org: uuidMaker('organisation'),
  person: uuidMaker('person'),
  user: uuidMaker('user'),
  staffPerson: uuidMaker('staff-person'),
  engineer: uuidMaker('engineer'),
  dpo: uuidMaker('dpo'),
  ticket: uuidMaker('ticket'),
  message: uuidMaker('message'),
  recording: uuidMaker('recording'),
  retentionRun: uuidMaker('retention-run'),
};

/** The planted data subject's person id: known before the load, so the trail can be about them. */
export const SUBJECT_PERSON_ID = uuidMaker('bench-subject')(1);

// SLA by priority, in minutes: first response and resolution targets.
const PRIORITIES = [
  { below: 2, name: 'P1', firstResponse: 30, resolution: 240 },
  { below: 15, name: 'P2', firstResponse: 120, resolution: 480 },
  { below: 75, name: 'P3', firstResponse: 240, resolution: 1620 },
  { below: 100, name: 'P4', firstResponse: 480, resolution: 2700 },
];
const STATUSES = [
  { below: 80, name: 'closed' },
  { below: 83, name: 'resolved' },
  { below: 91, name: 'open' },
  { below: 94, name: 'new' },
  { below: 98, name: 'pending_customer' },
  { below: 100, name: 'on_hold' },
];
const byRoll = (table, roll) => table.find((x) => roll < x.below);
const CATEGORIES = ['network', 'voice', 'hardware', 'accounts', 'billing', null];
const TAGS = [[], [], [], ['vip'], ['network'], ['voip'], ['onsite']];

export class World {
  /** `base`: "now" for every generated date (ms); `privacy`: libs/privacy, for name keys. */
  constructor(n, base, privacy) {
    this.n = n;
    this.base = base;
    this.privacy = privacy;
    this.r = {
      retention: new RowRandom('retention-run'),
      org: new RowRandom('organisation'),
      person: new RowRandom('person'),
      staff: new RowRandom('staff'),
      ticket: new RowRandom('ticket'),
      message: new RowRandom('message'),
      recording: new RowRandom('recording'),
    };
    // Small tables' ids and domains, referenced by every row of the big ones.
    this.orgDomains = [null];
    for (let o = 1; o <= n.orgs; o++) this.orgDomains.push(this.org(o).domain);
    this.userIds = [null];
    for (let p = 1; p <= n.people; p++) this.userIds.push(ids.user(p));
    this.engineerIds = [null];
    for (let k = 1; k <= n.engineers; k++) this.engineerIds.push(ids.engineer(k));
    this.dpoId = ids.dpo(1);
  }

  iso(ms) {
    return iso(ms);
  }

  org(o) {
    const r = this.r.org.row(o);
    const a = r.pick(V.ORG_A);
    const b = r.pick(V.ORG_B);
    return {
      id: ids.org(o),
      name: `${a} ${b} ${o}`,
      domain: `${a}-${b.replaceAll(' ', '-')}-${o}.example`.toLowerCase(),
      created: this.base - r.int(2_000_000) * MINUTE,
    };
  }

  /** A first name and a surname; three surnames in four are made of two parts ("Ashworth"). */
  name(r) {
    const first = r.pick(V.FIRST);
    const plain = r.pick(V.LAST);
    const compound = r.pick(V.LAST_A) + r.pick(V.LAST_B);
    const last = r.int(4) === 0 ? plain : compound;
    return { first, last, fullName: `${first} ${last}` };
  }

  /** Customer n: in organisation ((n - 1) mod orgs) + 1, mobile +4474 followed by n in 8 digits. */
  person(p) {
    const r = this.r.person.row(p);
    const { first, last, fullName } = this.name(r);
    const org = ((p - 1) % this.n.orgs) + 1;
    return {
      id: ids.person(p),
      fullName,
      email: `${letters(first)}.${letters(last)}${p}@${this.orgDomains[org]}`.toLowerCase(),
      phone: `+4474${pad(p, 8)}`,
      national: `074${pad(p, 8)}`,
      jobTitle: r.pick(V.JOBS),
      created: this.base - r.int(1_500_000) * MINUTE,
      org,
    };
  }

  /** Support staff: engineers 1…n, and one DPO (0) who puts calls on hold and lifts holds. */
  staff(k) {
    const r = this.r.staff.row(k);
    const { first, last, fullName } = this.name(r);
    const handle = `${letters(first)}.${letters(last)}.${k || 'dpo'}`.toLowerCase();
    return {
      id: ids.staffPerson(k),
      userId: k ? this.engineerIds[k] : this.dpoId,
      role: k ? 'engineer' : 'dpo',
      fullName,
      email: `${handle}@hushdesk-support.example`,
      jobTitle: k ? 'Support engineer' : 'Data protection officer',
      created: this.base - 900 * DAY,
    };
  }

  nameKey(fullName) {
    return this.privacy.normaliseName(fullName);
  }

  /**
   * An email or phone mention, per 1000 texts: all its values are drawn whether or not the text has
   * one, so the draws after it do not depend on the roll.
   */
  drawMention(r, per1000) {
    const roll = r.int(1000);
    const kind = r.int(2) === 0 ? 'email' : 'phone';
    const person = 1 + r.int(this.n.people);
    const format = r.next();
    const sentence = r.next();
    return roll < per1000 ? { kind, person, format, sentence } : null;
  }

  drawNameMention(r, per1000) {
    const roll = r.int(1000);
    const person = 1 + r.int(this.n.people);
    const sentence = r.next();
    return roll < per1000 ? { kind: 'name', person, sentence } : null;
  }

  /** The sentence a mention adds to a text. */
  mentionText(m) {
    const p = this.person(m.person);
    const any = (xs, i) => xs[i % xs.length];
    if (m.kind === 'email')
      return fill(any(V.EMAIL_SENTENCES, m.sentence), any(V.EMAIL_FORMATS, m.format)(p.email));
    if (m.kind === 'phone')
      return fill(any(V.PHONE_SENTENCES, m.sentence), any(V.PHONE_FORMATS, m.format)(p.national));
    return fill(any(V.NAME_SENTENCES, m.sentence), p.fullName);
  }

  /** What the app's index holds for a mention: kind and normalised value. */
  mentionValue(m) {
    const p = this.person(m.person);
    if (m.kind === 'email') return this.privacy.normaliseEmail(p.email);
    if (m.kind === 'phone') return p.phone;
    return this.nameKey(p.fullName);
  }

  withMentions(text, mentions) {
    let out = text;
    for (const m of mentions) if (m) out += ` ${this.mentionText(m)}`;
    return out;
  }

  /**
   * What other rows need of ticket t: requester, status roll, when it was raised, and the
   * identifiers its description mentions (~2% an email or phone, ~0.5% a name).
   */
  ticketFacts(t) {
    const r = this.r.ticket.row(t);
    const requester = 1 + r.int(this.n.people);
    const st = r.int(100);
    // Closed ones raised up to three years ago, resolved ones in the last days, the rest in the last month.
    const age = st < 80 ? 20_160 + r.int(1_576_800) : st < 83 ? 600 + r.int(6480) : 60 + r.int(43_200);
    const mention = this.drawMention(r, 20);
    const name = this.drawNameMention(r, 5);
    return { r, requester, st, age, created: this.base - age * MINUTE, mentions: [mention, name] };
  }

  ticket(t, groups) {
    const f = this.ticketFacts(t);
    const r = f.r;
    const type = r.int(10) < 7 ? 'fault' : 'service_request';
    const priority = byRoll(PRIORITIES, r.int(100));
    const category = r.pick(CATEGORIES);
    const subject = r.pick(V.SUBJECTS);
    const description = this.withMentions(
      `${r.pick(V.CUSTOMER)} ${r.pick(V.DETAIL)} ${r.pick(V.DETAIL)}`,
      f.mentions,
    );
    const byEngineer = r.int(10) === 0;
    const creatorEngineer = 1 + r.int(this.n.engineers);
    const assignee = 1 + r.int(this.n.engineers);
    const group = r.pick(groups);
    const tags = r.pick(TAGS);
    const equipment = r.int(5) === 0;
    const assetTag = `AT-${pad(r.int(1_000_000), 6)}`;
    const model = r.pick(V.MODELS);
    const location = r.pick(V.LOCATIONS);
    const responseDelay = 1 + r.int(priority.firstResponse);
    const workMinutes = 5 + r.int(4320);

    const status = byRoll(STATUSES, f.st).name;
    const isNew = status === 'new';
    const at = (minutes) => f.created + minutes * MINUTE;
    const notAfterNow = (ms) => Math.min(this.base, ms);
    const responded = notAfterNow(at(responseDelay));
    const resolved =
      status === 'closed'
        ? responded + workMinutes * MINUTE
        : status === 'resolved'
          ? Math.max(responded, at(f.age / 2))
          : null;
    const closed = status === 'closed' ? resolved + 7 * DAY : null;
    const waiting = status === 'pending_customer' || status === 'on_hold';
    // The SLA clock runs towards first response (new) or resolution (open); paused or stopped otherwise.
    const next = isNew ? priority.firstResponse : status === 'open' ? priority.resolution : null;
    const userId = this.userIds[f.requester];
    return [
      ids.ticket(t),
      type,
      status,
      priority.name,
      category,
      subject,
      description,
      userId,
      byEngineer ? this.engineerIds[creatorEngineer] : userId,
      ids.org(((f.requester - 1) % this.n.orgs) + 1),
      isNew ? null : this.engineerIds[assignee],
      group,
      tags,
      equipment ? assetTag : null,
      equipment ? model : null,
      equipment ? location : null,
      this.iso(at(priority.firstResponse)),
      this.iso(at(priority.firstResponse * 0.75)),
      this.iso(at(priority.resolution)),
      this.iso(at(priority.resolution * 0.75)),
      next === null ? null : this.iso(at(next)),
      next === null ? null : this.iso(at(next * 0.75)),
      waiting ? this.iso(notAfterNow(responded + 60 * MINUTE)) : null,
      isNew ? null : this.iso(responded),
      resolved === null ? null : this.iso(resolved),
      closed === null ? null : this.iso(closed),
      this.iso(f.created),
      this.iso(closed ?? resolved ?? (isNew ? f.created : responded)),
    ];
  }

  /**
   * What the index needs of message g: its ticket, author kind, and mentions (~5% an email or
   * phone, ~1% a known person's name).
   */
  messageFacts(g) {
    const r = this.r.message.row(g);
    const ticket = 1 + r.int(this.n.tickets);
    const who = r.int(100);
    const vis = r.int(100);
    const engineer = 1 + r.int(this.n.engineers);
    const delay = r.int(14_400);
    const mention = this.drawMention(r, 50);
    const name = this.drawNameMention(r, 10);
    return { r, ticket, who, vis, engineer, delay, mentions: [mention, name] };
  }

  /** The requester 45% of the time, else an engineer, a quarter of whose messages are internal notes. */
  message(g) {
    const f = this.messageFacts(g);
    const r = f.r;
    const t = this.ticketFacts(f.ticket);
    const customer = f.who < 45;
    const internal = !customer && f.vis < 25;
    let body;
    if (customer) {
      const text = `${r.pick(V.GREET_C)}\n\n${r.pick(V.CUSTOMER_MORE)} ${r.pick(V.CUSTOMER)}`;
      body = `${this.withMentions(text, f.mentions)}\n\n${r.pick(V.CLOSE_C)}`;
    } else if (internal) {
      body = this.withMentions(r.pick(V.INTERNAL), f.mentions);
    } else {
      const text = `${r.pick(V.GREET_E)}\n\n${r.pick(V.ENGINEER)}`;
      body = `${this.withMentions(text, f.mentions)}\n\n${r.pick(V.CLOSE_E)}`;
    }
    return [
      ids.message(g),
      ids.ticket(f.ticket),
      customer ? this.userIds[t.requester] : this.engineerIds[f.engineer],
      internal ? 'internal' : 'public',
      body,
      this.iso(Math.min(this.base, t.created + f.delay * MINUTE)),
    ];
  }

  /**
   * Call i of the last 55 days: 92% from a known person's number (matched to them). One in 2,000 is
   * put on hold by the DPO a few days after the call; most holds are lifted within a month.
   */
  recordingFacts(i) {
    const r = this.r.recording.row(i);
    const person = 1 + r.int(this.n.people);
    const known = r.int(100) < 92;
    const unknownNumber = `+4420${pad(r.int(100_000_000), 8)}`;
    const inbound = r.int(10) < 7;
    const started = this.base - r.int(55 * 86_400) * 1000;
    const duration = 20 + r.int(1800);
    const agent = 1 + r.int(this.n.engineers);
    const holdRoll = r.int(2000);
    const heldAt = started + (3600 + r.int(3 * 86_400)) * 1000;
    const holdReason = r.pick(V.HOLD_REASONS);
    const releasedAt = heldAt + (3600 + r.int(30 * 86_400)) * 1000;
    const hold =
      holdRoll === 0 && heldAt < this.base
        ? { at: heldAt, reason: holdReason, releasedAt: releasedAt < this.base ? releasedAt : null }
        : null;
    return { person, known, unknownNumber, inbound, started, duration, agent, hold };
  }

  recording(i) {
    const f = this.recordingFacts(i);
    const onHold = f.hold && f.hold.releasedAt === null;
    return [
      ids.recording(i),
      f.known ? `+4474${pad(f.person, 8)}` : f.unknownNumber,
      f.inbound ? 'inbound' : 'outbound',
      this.iso(f.started),
      f.duration,
      this.engineerIds[f.agent],
      f.known ? ids.person(f.person) : null,
      f.known ? 'matched' : 'none',
      this.iso(f.started + 60 * DAY),
      onHold ? f.hold.reason : null,
      onHold ? this.dpoId : null,
      onHold ? this.iso(f.hold.at) : null,
      this.iso(f.started + f.duration * 1000),
    ];
  }

  /**
   * The retention job d nights ago (the app's cron: 02:41): it deletes the calls past their 60 days,
   * about a day's worth, and skips the few on hold.
   */
  retentionRunFacts(d) {
    const r = this.r.retention.row(d);
    const created = Math.floor((this.base - d * DAY) / DAY) * DAY + (161 * 60 + r.int(60)) * 1000;
    const started = created + 200 + r.int(800);
    const finished = started + (20 + r.int(120)) * 1000;
    const deleted = Math.round((this.n.recordings / 55) * (0.7 + r.int(600) / 1000));
    const legalHold = r.int(3);
    // AuditService.record runs in the transaction that marks the run completed: just after it.
    const audited = finished + 1 + r.int(50);
    return { id: ids.retentionRun(d), created, started, finished, audited, deleted, legalHold };
  }

  /** A completed run as RetentionService.execute leaves it (ids lists left empty: those calls are gone). */
  retentionRun(d) {
    const f = this.retentionRunFacts(d);
    const report = {
      dryRun: false,
      startedAt: this.iso(f.started),
      recordings: {
        expired: f.deleted + f.legalHold,
        deleted: f.deleted,
        ids: [],
        skipped: { legalHold: f.legalHold, openDsar: 0 },
        skippedIds: [],
      },
      blobs: { deleted: f.deleted, failed: 0 },
      notYetSwept: [],
      finishedAt: this.iso(f.finished),
    };
    return [
      f.id,
      false,
      'completed',
      null,
      report,
      this.iso(f.created),
      this.iso(f.started),
      this.iso(f.finished),
    ];
  }
}

export const COLUMNS = {
  organisations: ['id', 'name', 'created_at', 'updated_at'],
  people: ['id', 'full_name', 'name_key', 'email', 'phone', 'job_title', 'created_at', 'updated_at'],
  users: ['id', 'person_id', 'organisation_id', 'role', 'password_hash', 'created_at', 'updated_at'],
  tickets: [
    'id',
    'type',
    'status',
    'priority',
    'category',
    'subject',
    'description',
    'requester_id',
    'created_by_id',
    'organisation_id',
    'assignee_id',
    'group_id',
    'tags',
    'equipment_asset_tag',
    'equipment_model',
    'equipment_location',
    'first_response_due_at',
    'first_response_at_risk_at',
    'resolution_due_at',
    'resolution_at_risk_at',
    'next_due_at',
    'next_at_risk_at',
    'sla_paused_at',
    'first_responded_at',
    'resolved_at',
    'closed_at',
    'created_at',
    'updated_at',
  ],
  ticket_messages: ['id', 'ticket_id', 'author_id', 'visibility', 'body', 'created_at'],
  recordings: [
    'id',
    'caller_number',
    'direction',
    'started_at',
    'duration_seconds',
    'agent_id',
    'person_id',
    'person_match',
    'expires_at',
    'hold_reason',
    'hold_by_id',
    'hold_at',
    'created_at',
  ],
  identifier_mentions: ['kind', 'hash', 'source_type', 'source_id', 'ticket_id'],
  retention_runs: [
    'id',
    'dry_run',
    'status',
    'requested_by_id',
    'report',
    'created_at',
    'started_at',
    'finished_at',
  ],
};
