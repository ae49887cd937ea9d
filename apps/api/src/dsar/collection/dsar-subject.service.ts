import { Injectable } from '@nestjs/common';
import type { DsarSubjectIdentifiersDto } from '../dto/dsar-responses.dto';
import {
  detectIdentifiers,
  isE164,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  phoneNumbersIn,
} from '@hushdesk/privacy';
import type { Tx } from '../../database/tx';
import { PersonDsarRepository } from '../../people/person-dsar.repository';
import { IdentifierIndex } from '../../privacy/identifier-index.service';
import { TicketDsarRepository } from '../../tickets/ticket-dsar.repository';
import { UserDsarRepository } from '../../users/user-dsar.repository';
import type { SubjectBinding } from '../shared/dsar-requests.repository';

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
    private readonly people: PersonDsarRepository,
    private readonly users: UserDsarRepository,
    private readonly tickets: TicketDsarRepository,
    private readonly index: IdentifierIndex,
  ) {}

  /** The people the identifiers match, and the one to bind without asking, if any. */
  async match(
    given: DsarSubjectIdentifiersDto,
    tx?: Tx,
  ): Promise<{ candidates: SubjectCandidate[]; automatic: string | null }> {
    const strong = new Map<string, Set<MatchedBy>>();
    const add = (map: Map<string, Set<MatchedBy>>, ids: { id: string }[], by: MatchedBy) => {
      for (const { id } of ids) map.set(id, (map.get(id) ?? new Set()).add(by));
    };
    if (given.personId) {
      add(strong, await this.people.idsById(given.personId, tx), 'personId');
    }
    if (given.email) {
      add(strong, await this.people.idsByEmail(normaliseEmail(given.email), tx), 'email');
    }
    const phone = given.phone ? normalisePhone(given.phone) : null;
    if (phone) add(strong, await this.people.idsByPhone(phone, tx), 'phone');
    const byName = new Map<string, Set<MatchedBy>>();
    if (given.fullName?.trim()) {
      add(byName, await this.people.idsByNameKey(normaliseName(given.fullName), tx), 'fullName');
    }
    const strongGiven = !!(given.personId || given.email || phone);
    if (strong.size) for (const [id, by] of strong) if (byName.has(id)) by.add('fullName');
    const matched = strong.size ? strong : byName;
    const candidates = [...matched].map(([personId, by]) => ({ personId, matchedBy: [...by] }));
    // A name standing against strong identifiers that matched nobody binds no one by itself.
    const nameAgainstStrong = !strong.size && strongGiven;
    if (candidates.length !== 1 || nameAgainstStrong) return { candidates, automatic: null };
    const staff = await this.staff([candidates[0].personId], tx);
    return { candidates, automatic: staff.has(candidates[0].personId) ? null : candidates[0].personId };
  }

  /** Resolves to the bound person, one matched without doubt, nobody, or candidates for the DPO. */
  async resolve(binding: SubjectBinding, tx?: Tx): Promise<Resolution> {
    const given = binding.subject;
    if (binding.subject_decision === 'nobody') {
      return { kind: 'none', identity: await this.onlyMentioned(given, tx) };
    }
    if (binding.subject_person_id) {
      return { kind: 'one', identity: await this.expand(given, binding.subject_person_id, tx) };
    }
    const { candidates, automatic } = await this.match(given, tx);
    if (automatic) return { kind: 'one', identity: await this.expand(given, automatic, tx) };
    if (candidates.length) return { kind: 'ambiguous', candidates };
    return { kind: 'none', identity: await this.onlyMentioned(given, tx) };
  }

  /** The people among these who have a staff account. */
  async staff(personIds: string[], tx?: Tx): Promise<Set<string>> {
    if (!personIds.length) return new Set();
    return new Set(await this.users.staffAmong(personIds, tx));
  }

  /**
   * Someone on no record, found only where they are mentioned. A name that a person on record has
   * would find that person's mentions, not theirs, so it is left out entirely.
   */
  private async onlyMentioned(given: DsarSubjectIdentifiersDto, tx?: Tx): Promise<SubjectIdentity> {
    const phone = given.phone ? normalisePhone(given.phone) : null;
    const names = uniq([given.fullName?.trim()]);
    const taken = await this.namesOnRecord(names.map(normaliseName), null, tx);
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
    given: DsarSubjectIdentifiersDto,
    personId: string,
    tx?: Tx,
  ): Promise<SubjectIdentity> {
    const person = await this.people.identifiersOf(personId, tx);
    const userIds = await this.users.idsOfPerson(personId, tx);
    const names = uniq([given.fullName?.trim(), person?.full_name]);
    const nameKeys = uniq(names.map(normaliseName));
    const shared = await this.namesOnRecord(nameKeys, personId, tx);
    const elsewhere = await this.givenElsewhere(personId, userIds, tx);
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
    personId: string,
    userIds: string[],
    tx?: Tx,
  ): Promise<{ emails: string[]; phones: string[] }> {
    if (!userIds.length) return { emails: [], phones: [] };
    const contact = await this.tickets.contactPhonesOf(userIds, tx);
    const texts = await this.tickets.writtenBy(userIds, tx);
    const emails = new Set<string>();
    const phones = new Set<string>(contact.map((c) => normalisePhone(c) ?? c));
    for (const t of texts) {
      if (!t) continue;
      for (const d of detectIdentifiers(t, { kinds: ['email', 'phone'] })) {
        if (d.kind === 'email') emails.add(d.normalised);
        else if (isE164(d.normalised)) phones.add(d.normalised);
      }
      for (const p of phoneNumbersIn(t)) phones.add(p);
    }
    if (!emails.size && !phones.size) return { emails: [], phones: [] };
    const others = await this.people.someoneElses(personId, [...emails], [...phones], userIds, tx);
    const theirs = (xs: Set<string>) => [...xs].filter((x) => !others.some((o) => o === x));
    return { emails: theirs(emails), phones: theirs(phones) };
  }

  /** Which of these name keys a person on record has (other than `except`). */
  private async namesOnRecord(keys: string[], except: string | null, tx?: Tx): Promise<Set<string>> {
    if (!keys.length) return new Set();
    return new Set(await this.people.namesOnRecord(keys, except, tx));
  }

  /** Keyed hashes of every identifier, as the identifier index and the suppression list store them. */
  hashes(identity: SubjectIdentity): Buffer[] {
    return this.index.hashesOf({ ...identity, names: identity.nameKeys });
  }
}
