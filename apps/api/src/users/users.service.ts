import { NO_PASSWORD } from './no-password';
import { Injectable } from '@nestjs/common';
import type { AuthUserDto } from '../auth/dto/login.dto';
import type { PersonRefDto } from '../people/dto/person-ref.dto';
import { normaliseEmail, normaliseName, normalisePhone } from '@hushdesk/privacy';
import { PasswordHasher } from '../auth/password-hasher.service';
import { assertPasswordFor } from '../auth/password-policy';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, type Page, toPage } from '../common/pagination/keyset';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { PeopleRepository } from '../people/people.repository';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import type { CreateUserDto, ListUsersQueryDto, UserDto } from './dto/user.dto';
import { UsersRepository, type UserRow } from './users.repository';

export interface Credentials {
  userId: string;
  passwordHash: string;
}

const toUserDto = (r: UserRow): UserDto => ({
  id: r.id,
  personId: r.person_id,
  email: r.email,
  fullName: r.full_name,
  role: r.role,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  disabled: r.disabled_at !== null,
  mustChangePassword: r.password_change_required,
  createdAt: r.created_at.toISOString(),
});

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly people: PeopleRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly transactions: Transactions,
    private readonly passwords: PasswordHasher,
    private readonly policies: FieldPoliciesService,
    private readonly index: IdentifierIndex,
  ) {}

  /** Creates the person and their account together: both or neither. */
  async create(input: CreateUserDto): Promise<UserDto> {
    if (input.role === 'customer' && !input.organisationId) {
      throw DomainError.invalidField('organisationId', 'is required for customers');
    }
    const person = input.person;
    if ((await this.policies.get('person.fullName')).collection === 'required' && !person?.fullName) {
      throw DomainError.invalidField('person.fullName', 'is required');
    }
    await this.policies.assertCollected(
      {
        'person.phone': person?.phone,
        'person.jobTitle': person?.jobTitle,
        'person.employer': person?.employer,
        'person.workAddress': person?.workAddress,
        'person.imHandle': person?.imHandle,
      },
      {
        'person.phone': 'person.phone',
        'person.jobTitle': 'person.jobTitle',
        'person.employer': 'person.employer',
        'person.workAddress': 'person.workAddress',
        'person.imHandle': 'person.imHandle',
      },
    );
    if (person?.phone) {
      const e164 = normalisePhone(person.phone);
      if (!e164) throw DomainError.invalidField('person.phone', 'is not a recognisable phone number');
      input = { ...input, person: { ...person, phone: e164 } };
    }
    assertPasswordFor(
      'password',
      input.password,
      { email: input.email, fullName: person?.fullName },
      'admin',
    );
    const passwordHash = await this.passwords.hash(input.password);
    const userId = await this.transactions.run((tx) => this.insert(tx, { ...input, passwordHash }));
    return (await this.findById(userId)) as UserDto;
  }

  /** Used by `create` and by the demo seed; runs inside the caller's transaction. */
  async insert(tx: Tx, input: Omit<CreateUserDto, 'password'> & { passwordHash: string }): Promise<string> {
    return (await this.insertWithPerson(tx, input)).userId;
  }

  /**
   * An email contact: the email channel's unknown sender, as a customer account no password opens
   * (the hash is not an argon2 hash, so sign-in answers 401), in the contacts organisation. Their
   * person is the existing one holding the address, or a new one indexed like any other.
   */
  async insertContact(
    tx: Tx,
    input: { email: string; fullName: string | null; organisationId: string; personId?: string },
  ): Promise<{ userId: string; personId: string }> {
    if (input.personId) {
      const userId = await this.users.insert(tx, {
        personId: input.personId,
        organisationId: input.organisationId,
        role: 'customer',
        passwordHash: NO_PASSWORD,
      });
      return { userId, personId: input.personId };
    }
    return this.insertWithPerson(tx, {
      email: input.email,
      role: 'customer',
      organisationId: input.organisationId,
      person: input.fullName ? { fullName: input.fullName } : undefined,
      passwordHash: NO_PASSWORD,
    });
  }

  private async insertWithPerson(
    tx: Tx,
    input: Omit<CreateUserDto, 'password'> & { passwordHash: string },
  ): Promise<{ userId: string; personId: string }> {
    const email = normaliseEmail(input.email);
    if (input.organisationId && !(await this.organisations.exists(input.organisationId, tx))) {
      throw DomainError.invalidField('organisationId', 'does not match an organisation');
    }
    if (await this.people.emailTaken(email, tx)) throw DomainError.conflict('This email is already in use');
    const person = await this.people.insert(tx, {
      email,
      fullName: input.person?.fullName ?? null,
      nameKey: input.person?.fullName ? normaliseName(input.person.fullName) : null,
      phone: input.person?.phone ?? null,
      jobTitle: input.person?.jobTitle ?? null,
      employer: input.person?.employer ?? null,
      workAddress: input.person?.workAddress ?? null,
      imHandle: input.person?.imHandle ?? null,
    });
    await this.index.indexPerson(tx, person);
    const userId = await this.users.insert(tx, {
      personId: person.id,
      organisationId: input.organisationId ?? null,
      role: input.role,
      passwordHash: input.passwordHash,
    });
    return { userId, personId: person.id };
  }

  /** Accounts for the admin screens; names as the viewer's `person.fullName` row shows them. */
  async list(viewer: Actor, query: ListUsersQueryDto): Promise<Page<UserDto>> {
    const names = await this.policies.names(viewer);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2);
    const rows = await this.users.list(query, after, limit);
    return toPage(
      rows,
      limit,
      (r) => ({ ...toUserDto(r), fullName: names.of(r.full_name, r.id) }),
      (r) => [r.created_at.toISOString(), r.id],
    );
  }

  async findById(id: string): Promise<UserDto | null> {
    const row = await this.users.findById(id);
    return row ? toUserDto(row) : null;
  }

  /** For sign-in only: the hash never leaves the auth module. Disabled accounts are not found. */
  async findCredentials(email: string): Promise<Credentials | null> {
    const row = await this.users.credentialsByEmail(normaliseEmail(email));
    return row ? { userId: row.id, passwordHash: row.password_hash } : null;
  }

  async authUser(id: string): Promise<AuthUserDto> {
    const user = await this.findById(id);
    if (!user) throw DomainError.notFound('User');
    return {
      id: user.id,
      email: user.email,
      role: user.role,
      personId: user.personId,
      organisationId: user.organisationId,
      fullName: user.fullName,
      mustChangePassword: user.mustChangePassword,
    };
  }

  async countAll(): Promise<number> {
    return this.users.countAll();
  }

  /** For a password change only: the hash never leaves the auth module. */
  async passwordHashOf(id: string): Promise<string | null> {
    return this.users.passwordHashOf(id);
  }

  async recordLogin(id: string): Promise<void> {
    await this.users.recordLogin(id);
  }

  /**
   * Who a ticket can be assigned to: names only, for the assignment picker, as the caller's
   * `person.fullName` row shows them (the caller always by name). By name when names are clear;
   * otherwise by what is shown, so the order gives away nothing the names would not.
   */
  async engineers(actor: Actor): Promise<PersonRefDto[]> {
    const [rows, names] = await Promise.all([this.users.activeEngineers(), this.policies.names(actor)]);
    if (names.clear) return rows;
    const shown = rows.map((r) => names.ref(r));
    const key = (r: PersonRefDto) => (r.id === actor.userId ? '' : (r.name ?? '\uffff'));
    return shown.sort((a, b) => key(a).localeCompare(key(b)) || a.id.localeCompare(b.id));
  }
}
