import { Injectable } from '@nestjs/common';
import { STAFF_ROLES, PERSON_FIELDS, type PersonField } from '@hushdesk/contracts';
import {
  normaliseEmail,
  normaliseName,
  normalisePhone,
  project,
  type PersonalField,
} from '@hushdesk/privacy';
import type { FastifyRequest } from 'fastify';
import { AuditService } from '../audit/audit.service';
import { PasswordProof } from '../auth/password-proof.service';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import { SuppressionList } from '../privacy/suppression.service';
import type { PersonDto, RevealDto, SignInEmailChangeDto, UpdatePersonDto } from './dto/person.dto';
import { PeopleRepository, type PersonRow } from './people.repository';
import { SignInEmailChanges } from './sign-in-email-changes.service';

const policyField = (f: PersonField) => `person.${f}` as PersonalField;

/**
 * Contact data, shown per field policy: the person sees their own in clear, the DPO and admins in
 * clear, engineers masked where the policy says so. Staff reads are audited; so is every reveal.
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly transactions: Transactions,
    private readonly policies: FieldPoliciesService,
    private readonly audit: AuditService,
    private readonly suppressions: SuppressionList,
    private readonly index: IdentifierIndex,
    private readonly proof: PasswordProof,
    private readonly emailChanges: SignInEmailChanges,
  ) {}

  private async load(actor: Actor, id: string): Promise<PersonRow> {
    const isSelf = actor.personId === id;
    if (!isSelf && !STAFF_ROLES.includes(actor.role)) throw DomainError.notFound('Person');
    const row = await this.people.findById(id);
    if (!row) throw DomainError.notFound('Person');
    return row;
  }

  /**
   * The name in clear, for the live-updates connection, which shows it to others only through
   * their own view of `person.fullName`.
   */
  fullNameOf(id: string): Promise<string | null> {
    return this.people.fullNameOf(id);
  }

  async get(actor: Actor, id: string): Promise<PersonDto> {
    const row = await this.load(actor, id);
    const dto = await this.present(actor, row);
    if (actor.personId !== id) {
      await this.audit.recordNow({
        actor,
        action: 'person.read',
        subjectPersonId: id,
        target: { type: 'person', id },
        fields: PERSON_FIELDS.filter((f) => dto[f] !== undefined && dto[f] !== null).map(policyField),
      });
    }
    return dto;
  }

  private async present(actor: Actor, row: PersonRow): Promise<PersonDto> {
    const policies = await this.policies.all();
    const isSelf = actor.personId === row.id;
    const dto: PersonDto = { id: row.id, masked: [], doNotContact: false };
    for (const f of PERSON_FIELDS) {
      const policy = policies[policyField(f)];
      // A switched-off field with nothing stored is simply not part of the record any more.
      if (policy.collection === 'off' && row[f] === null) continue;
      const shown = project(row[f], policy, actor.role, isSelf);
      if (shown === undefined) continue;
      dto[f] = shown;
      if (shown !== row[f]) dto.masked.push(f);
    }
    if (STAFF_ROLES.includes(actor.role)) dto.doNotContact = await this.suppressions.isSuppressed(row);
    return dto;
  }

  async reveal(actor: Actor, id: string, input: RevealDto): Promise<{ field: string; value: string | null }> {
    const row = await this.load(actor, id);
    const policy = await this.policies.get(policyField(input.field));
    if (project(row[input.field], policy, actor.role, actor.personId === id) === undefined) {
      throw new DomainError(DomainErrorCode.Forbidden, `${input.field} is not visible to your role`);
    }
    await this.audit.recordNow({
      actor,
      action: 'person.reveal',
      subjectPersonId: id,
      target: { type: 'person', id },
      fields: [policyField(input.field)],
      reason: input.reason,
    });
    return { field: input.field, value: row[input.field] };
  }

  /**
   * `PATCH /people/:id`. A person changing their own sign-in email must prove their password, and
   * the change goes to the DPO as a rectification request (SignInEmailChanges) while the other
   * fields are saved at once, in the same transaction. Everything else is `update`.
   */
  async patch(
    actor: Actor,
    id: string,
    input: UpdatePersonDto,
    request: FastifyRequest,
  ): Promise<{ person: PersonDto; emailChange?: SignInEmailChangeDto }> {
    const { currentPassword, ...fields } = input;
    const newEmail = actor.personId === id ? await this.changedEmail(id, fields.email) : null;
    if (!newEmail) {
      if (actor.personId === id) delete fields.email;
      return { person: await this.update(actor, id, fields) };
    }
    delete fields.email;
    const given = await this.validated(actor, id, fields);
    if (!currentPassword) {
      throw DomainError.invalidField(
        'currentPassword',
        'Enter your current password to change the email you sign in with.',
      );
    }
    await this.proof.prove(actor.userId, currentPassword, request);
    const { row, emailChange } = await this.transactions.run(async (tx) => ({
      row: Object.keys(given).length
        ? await this.write(tx, actor, id, given)
        : ((await this.people.findById(id, tx)) as PersonRow),
      emailChange: await this.emailChanges.request(tx, actor, newEmail),
    }));
    return { person: await this.present(actor, row), emailChange };
  }

  /** The new address when it differs from the one on record (normalised), else null. */
  private async changedEmail(id: string, email: string | null | undefined): Promise<string | null> {
    if (email === undefined) return null;
    // An account signs in with its email: it can be changed (through the DPO), never cleared.
    if (email === null)
      throw DomainError.invalidField('email', 'The email you sign in with cannot be removed.');
    const stored = await this.people.emailOf(id);
    const wanted = normaliseEmail(email);
    return stored !== undefined && stored !== wanted ? wanted : null;
  }

  /**
   * Rectification by the person themselves (other than their sign-in email, see `patch`), or by
   * the DPO or an admin, who apply any change and see a conflict; audited with field names.
   */
  async update(actor: Actor, id: string, input: UpdatePersonDto): Promise<PersonDto> {
    const given = await this.validated(actor, id, input);
    if (!Object.keys(given).length) return this.present(actor, await this.load(actor, id));
    const row = await this.transactions.run((tx) => this.write(tx, actor, id, given));
    return this.present(actor, row);
  }

  /** Who may change the record, and the given fields checked against the policies (phone in E.164). */
  private async validated(
    actor: Actor,
    id: string,
    input: UpdatePersonDto,
  ): Promise<Partial<Record<PersonField, string | null>>> {
    if (actor.personId !== id && actor.role !== 'dpo' && actor.role !== 'admin') {
      if (STAFF_ROLES.includes(actor.role))
        throw new DomainError(DomainErrorCode.Forbidden, 'Your role may not do this');
      throw DomainError.notFound('Person');
    }
    const given = Object.fromEntries(
      PERSON_FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, input[f]]),
    ) as Partial<Record<PersonField, string | null>>;
    await this.policies.assertCollected(
      Object.fromEntries(Object.entries(given).map(([f, v]) => [policyField(f as PersonField), v])),
    );
    const policies = await this.policies.all();
    for (const [f, v] of Object.entries(given) as [PersonField, string | null][]) {
      if ((v === null || v === '') && policies[policyField(f)].collection === 'required') {
        throw DomainError.invalidField(f, 'is required and cannot be cleared');
      }
    }
    if (given.phone) {
      const e164 = normalisePhone(given.phone);
      if (!e164) throw DomainError.invalidField('phone', 'is not a recognisable phone number');
      given.phone = e164;
    }
    return given;
  }

  private async write(
    tx: Tx,
    actor: Actor,
    id: string,
    given: Partial<Record<PersonField, string | null>>,
  ): Promise<PersonRow> {
    const changed = Object.keys(given) as PersonField[];
    if (!(await this.people.lock(tx, id))) throw DomainError.notFound('Person');
    if (given.email && (await this.people.emailTaken(given.email, tx, id))) {
      throw DomainError.conflict('This email is already in use');
    }
    const nameKey =
      given.fullName !== undefined ? (given.fullName ? normaliseName(given.fullName) : null) : undefined;
    await this.people.update(tx, id, given, nameKey);
    await this.audit.record(tx, {
      actor,
      action: 'person.update',
      subjectPersonId: id,
      target: { type: 'person', id },
      fields: changed.map(policyField),
    });
    const updated = (await this.people.findById(id, tx)) as PersonRow;
    await this.index.indexPerson(tx, updated);
    return updated;
  }
}
