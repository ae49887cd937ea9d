import { Injectable } from '@nestjs/common';
import type { AuthUser, Page, Role } from '@hushdesk/contracts';
import { normaliseEmail, normaliseName, normalisePhone } from '@hushdesk/privacy';
import { DataSource, EntityManager } from 'typeorm';
import { PasswordHasher } from '../auth/password-hasher';
import { assertPasswordFor } from '../auth/password-policy';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { DEFAULT_PAGE_SIZE, decodeCursor, toPage } from '../common/pagination/keyset';
import { PersonEntity } from '../people/person.entity';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import type { CreateUserDto, ListUsersQueryDto, UserDto } from './dto/user.dto';
import { UserEntity } from './user.entity';

interface UserRow {
  id: string;
  person_id: string;
  email: string;
  full_name: string | null;
  role: Role;
  organisation_id: string | null;
  organisation_name: string | null;
  disabled_at: Date | null;
  created_at: Date;
}

export interface Credentials {
  userId: string;
  passwordHash: string;
}

const USER_COLUMNS = `u.id, u.person_id, p.email, p.full_name, u.role, u.organisation_id,
  o.name AS organisation_name, u.disabled_at, u.created_at`;
const USER_FROM = `users u JOIN people p ON p.id = u.person_id LEFT JOIN organisations o ON o.id = u.organisation_id`;

const toUserDto = (r: UserRow): UserDto => ({
  id: r.id,
  personId: r.person_id,
  email: r.email,
  fullName: r.full_name,
  role: r.role,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  disabled: r.disabled_at !== null,
  createdAt: r.created_at.toISOString(),
});

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
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
    const userId = await this.dataSource.transaction((manager) =>
      this.insert(manager, { ...input, passwordHash }),
    );
    return (await this.findById(userId)) as UserDto;
  }

  /** Used by `create` and by the demo seed; runs inside the caller's transaction. */
  async insert(
    manager: EntityManager,
    input: Omit<CreateUserDto, 'password'> & { passwordHash: string },
  ): Promise<string> {
    const email = normaliseEmail(input.email);
    if (input.organisationId) {
      const org = await manager.query('SELECT 1 FROM organisations WHERE id = $1', [input.organisationId]);
      if (!org.length) throw DomainError.invalidField('organisationId', 'does not match an organisation');
    }
    const taken = await manager.query('SELECT 1 FROM people WHERE email = $1', [email]);
    if (taken.length) throw DomainError.conflict('This email is already in use');
    const person = await manager.save(
      manager.create(PersonEntity, {
        email,
        fullName: input.person?.fullName ?? null,
        nameKey: input.person?.fullName ? normaliseName(input.person.fullName) : null,
        phone: input.person?.phone ?? null,
        jobTitle: input.person?.jobTitle ?? null,
        employer: input.person?.employer ?? null,
        workAddress: input.person?.workAddress ?? null,
        imHandle: input.person?.imHandle ?? null,
      }),
    );
    await this.index.indexPerson(manager, person);
    const user = await manager.save(
      manager.create(UserEntity, {
        personId: person.id,
        organisationId: input.organisationId ?? null,
        role: input.role,
        passwordHash: input.passwordHash,
      }),
    );
    return user.id;
  }

  /** Accounts for the admin screens; names as the viewer's `person.fullName` row shows them. */
  async list(viewer: Actor, query: ListUsersQueryDto): Promise<Page<UserDto>> {
    const names = await this.policies.names(viewer);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = decodeCursor(query.cursor, 2);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (query.role) where.push(`u.role = ${param(query.role)}`);
    if (query.organisationId) where.push(`u.organisation_id = ${param(query.organisationId)}`);
    if (after)
      where.push(`(u.created_at, u.id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM ${USER_FROM}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY u.created_at DESC, u.id DESC
        LIMIT ${param(limit + 1)}`,
      params,
    );
    return toPage(
      rows,
      limit,
      (r) => ({ ...toUserDto(r), fullName: names.of(r.full_name, r.id) }),
      (r) => [r.created_at.toISOString(), r.id],
    );
  }

  async findById(id: string): Promise<UserDto | null> {
    const rows: UserRow[] = await this.dataSource.query(
      `SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.id = $1`,
      [id],
    );
    return rows[0] ? toUserDto(rows[0]) : null;
  }

  /** For sign-in only: the hash never leaves the auth module. Disabled accounts are not found. */
  async findCredentials(email: string): Promise<Credentials | null> {
    const rows = await this.dataSource.query(
      `SELECT u.id, u.password_hash FROM users u JOIN people p ON p.id = u.person_id
        WHERE p.email = $1 AND u.disabled_at IS NULL`,
      [normaliseEmail(email)],
    );
    return rows[0] ? { userId: rows[0].id, passwordHash: rows[0].password_hash } : null;
  }

  async authUser(id: string): Promise<AuthUser> {
    const user = await this.findById(id);
    if (!user) throw DomainError.notFound('User');
    return {
      id: user.id,
      email: user.email,
      role: user.role,
      personId: user.personId,
      organisationId: user.organisationId,
      fullName: user.fullName,
    };
  }

  async countAll(): Promise<number> {
    const [{ count }] = await this.dataSource.query('SELECT count(*)::int AS count FROM users');
    return count;
  }

  /** For a password change only: the hash never leaves the auth module. */
  async passwordHashOf(id: string): Promise<string | null> {
    const rows = await this.dataSource.query(
      'SELECT password_hash FROM users WHERE id = $1 AND disabled_at IS NULL',
      [id],
    );
    return rows[0]?.password_hash ?? null;
  }

  async recordLogin(id: string): Promise<void> {
    await this.dataSource.query('UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
  }
}
