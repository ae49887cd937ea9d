import { Injectable } from '@nestjs/common';
import type { DsarSubjectIdentifiers } from '@hushdesk/contracts';
import { normaliseEmail, normaliseName, normalisePhone } from '@hushdesk/privacy';
import { DataSource, EntityManager } from 'typeorm';
import { IdentifierIndex } from '../privacy/identifier-index.service';

type MatchedBy = 'email' | 'phone' | 'fullName' | 'personId';

export interface SubjectCandidate {
  personId: string;
  matchedBy: MatchedBy[];
}

/** Everything that identifies the subject: the identifiers given, expanded with their record's. */
export interface SubjectIdentity {
  personId: string | null;
  userIds: string[];
  /** Normalised (lower-case). */
  emails: string[];
  /** E.164. */
  phones: string[];
  /** As written, for display and lookup. */
  names: string[];
  /** `normaliseName` of each name, as the index and the redactor compare them. */
  nameKeys: string[];
}

export type Resolution =
  | { kind: 'one'; identity: SubjectIdentity }
  | { kind: 'none'; identity: SubjectIdentity }
  | { kind: 'ambiguous'; candidates: SubjectCandidate[] };

const uniq = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];

/**
 * Works out who a request is about. A person id, an email or a phone number is a strong
 * identifier: when any is given, only the people they match count, so a shared name cannot turn a
 * clear request ambiguous. A name alone must match exactly one person. Several people means the DPO
 * chooses; nobody means the identifiers themselves are searched (someone only ever mentioned).
 */
@Injectable()
export class DsarSubjects {
  constructor(
    private readonly dataSource: DataSource,
    private readonly index: IdentifierIndex,
  ) {}

  async candidates(
    given: DsarSubjectIdentifiers,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SubjectCandidate[]> {
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
    if (strong.size) {
      for (const [id, by] of strong) if (byName.has(id)) by.add('fullName');
      return [...strong].map(([personId, by]) => ({ personId, matchedBy: [...by] }));
    }
    return [...byName].map(([personId, by]) => ({ personId, matchedBy: [...by] }));
  }

  /** Resolves to one person (or to a chosen one), none, or several for the DPO to choose from. */
  async resolve(
    given: DsarSubjectIdentifiers,
    chosenPersonId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Resolution> {
    const personId = chosenPersonId ?? null;
    if (!personId) {
      const candidates = await this.candidates(given, manager);
      if (candidates.length > 1) return { kind: 'ambiguous', candidates };
      if (candidates.length === 0) return { kind: 'none', identity: this.fromGiven(given) };
      return { kind: 'one', identity: await this.expand(given, candidates[0].personId, manager) };
    }
    return { kind: 'one', identity: await this.expand(given, personId, manager) };
  }

  private fromGiven(given: DsarSubjectIdentifiers): SubjectIdentity {
    const phone = given.phone ? normalisePhone(given.phone) : null;
    const names = uniq([given.fullName?.trim()]);
    return {
      personId: null,
      userIds: [],
      emails: uniq([given.email ? normaliseEmail(given.email) : null]),
      phones: uniq([phone]),
      names,
      nameKeys: uniq(names.map(normaliseName)),
    };
  }

  private async expand(
    given: DsarSubjectIdentifiers,
    personId: string,
    manager: EntityManager,
  ): Promise<SubjectIdentity> {
    const base = this.fromGiven(given);
    const [person]: { email: string | null; phone: string | null; full_name: string | null }[] =
      await manager.query('SELECT email, phone, full_name FROM people WHERE id = $1', [personId]);
    const users: { id: string }[] = await manager.query('SELECT id FROM users WHERE person_id = $1', [
      personId,
    ]);
    const names = uniq([...base.names, person?.full_name]);
    return {
      personId,
      userIds: users.map((u) => u.id),
      emails: uniq([...base.emails, person?.email ? normaliseEmail(person.email) : null]),
      phones: uniq([...base.phones, person?.phone ? normalisePhone(person.phone) : null]),
      names,
      nameKeys: uniq(names.map(normaliseName)),
    };
  }

  /** Keyed hashes of every identifier, as the identifier index and the suppression list store them. */
  hashes(identity: SubjectIdentity): Buffer[] {
    return [
      ...identity.emails.map((e) => this.index.hash('email', e)),
      ...identity.phones.map((p) => this.index.hash('phone', p)),
      ...identity.nameKeys.map((n) => this.index.hash('name', n)),
    ];
  }
}
