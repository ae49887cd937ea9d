import { Injectable } from '@nestjs/common';
import type { DsarSubjectIdentifiers } from '@hushdesk/contracts';
import {
  detectIdentifiers,
  isE164,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  phoneNumbersIn,
} from '@hushdesk/privacy';
import { DataSource, EntityManager } from 'typeorm';
import { IdentifierIndex } from '../../privacy/identifier-index.service';

type MatchedBy = 'email' | 'phone' | 'fullName' | 'personId';

export interface SubjectCandidate {
  personId: string;
  matchedBy: MatchedBy[];
}

/** The identifiers searched for and scrubbed: what the rescan of an erasure needs. */
export interface KnownSubject {
  /** Normalised (lower-case). */
  emails: string[];
  /** E.164. */
  phones: string[];
  /** `normaliseName` of each name, as the index and the redactor compare them. */
  nameKeys: string[];
  /** The name keys worth an index lookup: a name another person on record shares finds them too. */
  lookupNames: string[];
}

/** Everything that identifies the subject: the identifiers given, expanded with what they gave us. */
export interface SubjectIdentity extends KnownSubject {
  personId: string | null;
  userIds: string[];
  /** As written, for display. */
  names: string[];
}

export type Resolution =
  | { kind: 'one'; identity: SubjectIdentity }
  | { kind: 'none'; identity: SubjectIdentity }
  | { kind: 'ambiguous'; candidates: SubjectCandidate[] };

/** What a request records about its subject: the person bound, and the DPO's decision if any. */
export interface SubjectBinding {
  subject: DsarSubjectIdentifiers;
  subject_person_id: string | null;
  /** `nobody`: the DPO decided no one on record is the subject (they are only mentioned). */
  subject_decision: 'person' | 'nobody' | null;
}

const uniq = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];

/**
 * Works out who a request is about.
 *
 * - A person id, an email or a phone number is a strong identifier: when any is given, only the
 *   people they match count, so a shared name cannot turn a clear request ambiguous.
 * - When strong identifiers are given and match nobody, a name never binds the request: people
 *   with that name are only candidates for the DPO, who may also decide it is nobody on record.
 * - A name alone binds a request only when it matches exactly one person.
 * - A staff account (engineer, DPO, admin) is never bound automatically, however it matched: the
 *   DPO confirms it, so a request from a namesake cannot hand over a colleague's data.
 *
 * Once bound, the subject's identifiers are expanded with everything they gave us (see `expand`).
 */
@Injectable()
export class DsarSubjects {
  constructor(
    private readonly dataSource: DataSource,
    private readonly index: IdentifierIndex,
  ) {}

  /** The people the identifiers match, and the one to bind without asking, if any. */
  async match(
    given: DsarSubjectIdentifiers,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ candidates: SubjectCandidate[]; automatic: string | null }> {
    const strong = new Map<string, Set<MatchedBy>>();
    const add = (map: Map<string, Set<MatchedBy>>, ids: { id: string }[], by: MatchedBy) => {
      for (const { id } of ids) map.set(id, (map.get(id) ?? new Set()).add(by));
    };
    if (given.personId) {
      add(strong, await manager.query('SELECT id FROM people WHERE id = $1', [given.personId]), 'personId');
    }
    if (given.email) {
      add(
        strong,
        await manager.query('SELECT id FROM people WHERE email = $1', [normaliseEmail(given.email)]),
        'email',
      );
    }
    const phone = given.phone ? normalisePhone(given.phone) : null;
    if (phone) add(strong, await manager.query('SELECT id FROM people WHERE phone = $1', [phone]), 'phone');
    const byName = new Map<string, Set<MatchedBy>>();
    if (given.fullName?.trim()) {
      add(
        byName,
        await manager.query('SELECT id FROM people WHERE name_key = $1', [normaliseName(given.fullName)]),
        'fullName',
      );
    }
    const strongGiven = !!(given.personId || given.email || phone);
    if (strong.size) for (const [id, by] of strong) if (byName.has(id)) by.add('fullName');
    const matched = strong.size ? strong : byName;
    const candidates = [...matched].map(([personId, by]) => ({ personId, matchedBy: [...by] }));
    // A name standing against strong identifiers that matched nobody binds no one by itself.
    const nameAgainstStrong = !strong.size && strongGiven;
    if (candidates.length !== 1 || nameAgainstStrong) return { candidates, automatic: null };
    const staff = await this.staff(manager, [candidates[0].personId]);
    return { candidates, automatic: staff.has(candidates[0].personId) ? null : candidates[0].personId };
  }

  /** Resolves to the bound person, one matched without doubt, nobody, or candidates for the DPO. */
  async resolve(
    binding: SubjectBinding,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Resolution> {
    const given = binding.subject;
    if (binding.subject_decision === 'nobody') {
      return { kind: 'none', identity: await this.onlyMentioned(given, manager) };
    }
    if (binding.subject_person_id) {
      return { kind: 'one', identity: await this.expand(given, binding.subject_person_id, manager) };
    }
    const { candidates, automatic } = await this.match(given, manager);
    if (automatic) return { kind: 'one', identity: await this.expand(given, automatic, manager) };
    if (candidates.length) return { kind: 'ambiguous', candidates };
    return { kind: 'none', identity: await this.onlyMentioned(given, manager) };
  }

  /** The people among these who have a staff account. */
  async staff(manager: EntityManager, personIds: string[]): Promise<Set<string>> {
    if (!personIds.length) return new Set();
    const rows: { person_id: string }[] = await manager.query(
      `SELECT DISTINCT person_id FROM users WHERE person_id = ANY($1) AND role <> 'customer'`,
      [personIds],
    );
    return new Set(rows.map((r) => r.person_id));
  }

  /**
   * Someone on no record, found only where they are mentioned. A name that a person on record has
   * would find that person's mentions, not theirs, so it is left out entirely.
   */
  private async onlyMentioned(
    given: DsarSubjectIdentifiers,
    manager: EntityManager,
  ): Promise<SubjectIdentity> {
    const phone = given.phone ? normalisePhone(given.phone) : null;
    const names = uniq([given.fullName?.trim()]);
    const taken = await this.namesOnRecord(manager, names.map(normaliseName), null);
    const own = names.filter((n) => !taken.has(normaliseName(n)));
    const nameKeys = uniq(own.map(normaliseName));
    return {
      personId: null,
      userIds: [],
      emails: uniq([given.email ? normaliseEmail(given.email) : null]),
      phones: uniq([phone]),
      names: own,
      nameKeys,
      lookupNames: nameKeys,
    };
  }

  /**
   * The bound person's identifiers: those given, those on their record, and every one they gave us
   * elsewhere that belongs to no one else (see `givenElsewhere`).
   */
  private async expand(
    given: DsarSubjectIdentifiers,
    personId: string,
    manager: EntityManager,
  ): Promise<SubjectIdentity> {
    const [person]: { email: string | null; phone: string | null; full_name: string | null }[] =
      await manager.query('SELECT email, phone, full_name FROM people WHERE id = $1', [personId]);
    const users: { id: string }[] = await manager.query('SELECT id FROM users WHERE person_id = $1', [
      personId,
    ]);
    const userIds = users.map((u) => u.id);
    const names = uniq([given.fullName?.trim(), person?.full_name]);
    const nameKeys = uniq(names.map(normaliseName));
    const shared = await this.namesOnRecord(manager, nameKeys, personId);
    const elsewhere = await this.givenElsewhere(manager, personId, userIds);
    const phone = given.phone ? normalisePhone(given.phone) : null;
    return {
      personId,
      userIds,
      emails: uniq([
        given.email ? normaliseEmail(given.email) : null,
        person?.email ? normaliseEmail(person.email) : null,
        ...elsewhere.emails,
      ]),
      phones: uniq([phone, person?.phone ? normalisePhone(person.phone) : null, ...elsewhere.phones]),
      names,
      nameKeys,
      lookupNames: nameKeys.filter((k) => !shared.has(k)),
    };
  }

  /**
   * Identifiers the person gave us outside their record: the contact phone of each of their
   * tickets, and every email and phone number in what they wrote (their tickets' subject and
   * description, their messages), read in any format. One that is known to be someone else's (on
   * another person's record, another requester's contact phone, or a call matched to another
   * person) is not theirs: "ask my manager on …" names the manager, not them.
   */
  private async givenElsewhere(
    manager: EntityManager,
    personId: string,
    userIds: string[],
  ): Promise<{ emails: string[]; phones: string[] }> {
    if (!userIds.length) return { emails: [], phones: [] };
    const contact: { contact_phone: string }[] = await manager.query(
      'SELECT DISTINCT contact_phone FROM tickets WHERE requester_id = ANY($1) AND contact_phone IS NOT NULL',
      [userIds],
    );
    const texts: { t: string | null }[] = await manager.query(
      `SELECT subject || E'\\n' || description AS t FROM tickets WHERE requester_id = ANY($1)
       UNION ALL SELECT body FROM ticket_messages WHERE author_id = ANY($1)`,
      [userIds],
    );
    const emails = new Set<string>();
    const phones = new Set<string>(contact.map((c) => normalisePhone(c.contact_phone) ?? c.contact_phone));
    for (const { t } of texts) {
      if (!t) continue;
      for (const d of detectIdentifiers(t, { kinds: ['email', 'phone'] })) {
        if (d.kind === 'email') emails.add(d.normalised);
        else if (isE164(d.normalised)) phones.add(d.normalised);
      }
      for (const p of phoneNumbersIn(t)) phones.add(p);
    }
    if (!emails.size && !phones.size) return { emails: [], phones: [] };
    const others: { v: string }[] = await manager.query(
      `SELECT email AS v FROM people WHERE id <> $1 AND email = ANY($2)
       UNION SELECT phone FROM people WHERE id <> $1 AND phone = ANY($3)
       UNION SELECT contact_phone FROM tickets WHERE requester_id <> ALL($4) AND contact_phone = ANY($3)
       UNION SELECT caller_number FROM recordings
              WHERE person_id IS NOT NULL AND person_id <> $1 AND caller_number = ANY($3)`,
      [personId, [...emails], [...phones], userIds],
    );
    const theirs = (xs: Set<string>) => [...xs].filter((x) => !others.some((o) => o.v === x));
    return { emails: theirs(emails), phones: theirs(phones) };
  }

  /** Which of these name keys a person on record has (other than `except`). */
  private async namesOnRecord(
    manager: EntityManager,
    keys: string[],
    except: string | null,
  ): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows: { name_key: string }[] = await manager.query(
      'SELECT DISTINCT name_key FROM people WHERE name_key = ANY($1) AND ($2::uuid IS NULL OR id <> $2)',
      [keys, except],
    );
    return new Set(rows.map((r) => r.name_key));
  }

  /** Keyed hashes of every identifier, as the identifier index and the suppression list store them. */
  hashes(identity: SubjectIdentity): Buffer[] {
    return this.index.hashesOf({ ...identity, names: identity.nameKeys });
  }
}
