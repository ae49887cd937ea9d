import { Injectable } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import type { PersonRefDto } from '../people/dto/person-ref.dto';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';
import { UserEntity } from './user.entity';

/** An account with its person's name and email and its organisation's name. */
export interface UserRow {
  id: string;
  person_id: string;
  email: string;
  full_name: string | null;
  role: Role;
  organisation_id: string | null;
  organisation_name: string | null;
  disabled_at: Date | null;
  password_change_required: boolean;
  created_at: Date;
}

/** The access facts of an account, as an Actor needs them. */
export interface AccountRow {
  id: string;
  person_id: string;
  role: Role;
  organisation_id: string | null;
}

const USER_COLUMNS = `u.id, u.person_id, p.email, p.full_name, u.role, u.organisation_id,
  o.name AS organisation_name, u.disabled_at, u.password_change_required, u.created_at`;
const USER_FROM = `users u JOIN people p ON p.id = u.person_id LEFT JOIN organisations o ON o.id = u.organisation_id`;

/** Every statement on `users`. Password hashes are read only by the auth module's callers. */
@Injectable()
export class UsersRepository extends SqlRepository {
  async insert(
    tx: Tx,
    input: { personId: string; organisationId: string | null; role: Role; passwordHash: string },
  ): Promise<string> {
    const manager = this.manager(tx);
    const user = await manager.save(manager.create(UserEntity, input));
    return user.id;
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  list(
    filter: { role?: Role; organisationId?: string },
    after: (string | number)[] | undefined,
    limit: number,
  ): Promise<UserRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (filter.role) where.push(`u.role = ${param(filter.role)}`);
    if (filter.organisationId) where.push(`u.organisation_id = ${param(filter.organisationId)}`);
    if (after)
      where.push(`(u.created_at, u.id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
    return this.query<UserRow>(
      `SELECT ${USER_COLUMNS} FROM ${USER_FROM}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY u.created_at DESC, u.id DESC
        LIMIT ${param(limit + 1)}`,
      params,
    );
  }

  async findById(id: string): Promise<UserRow | undefined> {
    const rows = await this.query<UserRow>(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.id = $1`, [id]);
    return rows[0];
  }

  /** The account's access facts, disabled or not. */
  async account(id: string): Promise<AccountRow | undefined> {
    const [row] = await this.query<AccountRow>(
      'SELECT id, person_id, role, organisation_id FROM users WHERE id = $1',
      [id],
    );
    return row;
  }

  /** For sign-in: an enabled account by its (normalised) email. */
  async credentialsByEmail(email: string): Promise<{ id: string; password_hash: string } | undefined> {
    const rows = await this.query<{ id: string; password_hash: string }>(
      `SELECT u.id, u.password_hash FROM users u JOIN people p ON p.id = u.person_id
        WHERE p.email = $1 AND u.disabled_at IS NULL`,
      [email],
    );
    return rows[0];
  }

  async passwordHashOf(id: string): Promise<string | null> {
    const rows = await this.query<{ password_hash: string }>(
      'SELECT password_hash FROM users WHERE id = $1 AND disabled_at IS NULL',
      [id],
    );
    return rows[0]?.password_hash ?? null;
  }

  async setPasswordHash(tx: Tx, id: string, hash: string): Promise<void> {
    await this.query(
      `UPDATE users SET password_hash = $2, password_change_required = false, updated_at = now()
        WHERE id = $1`,
      [id, hash],
      tx,
    );
  }

  /**
   * An account's access facts, locked for an admin's change. Enabled admins are locked first, in
   * id order, so two admins demoting each other at once cannot both pass the last-admin check.
   */
  async lockForAccessChange(tx: Tx, id: string): Promise<AccessFactsRow | undefined> {
    await this.query(
      "SELECT id FROM users WHERE role = 'admin' AND disabled_at IS NULL ORDER BY id FOR UPDATE",
      [],
      tx,
    );
    const [row] = await this.query<AccessFactsRow>(
      `SELECT id, person_id, role, organisation_id, (disabled_at IS NOT NULL) AS disabled
         FROM users WHERE id = $1 FOR UPDATE`,
      [id],
      tx,
    );
    return row;
  }

  /** Enabled admins other than this account. */
  async otherEnabledAdmins(tx: Tx, exceptId: string): Promise<number> {
    const [{ count }] = await this.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1",
      [exceptId],
      tx,
    );
    return count;
  }

  /** Role, organisation and enabled state; a disabled account keeps the instant it was first disabled. */
  async setAccess(
    tx: Tx,
    id: string,
    access: { role: Role; organisationId: string | null; disabled: boolean },
  ): Promise<void> {
    await this.query(
      `UPDATE users SET role = $2, organisation_id = $3,
              disabled_at = CASE WHEN $4::boolean THEN COALESCE(disabled_at, now()) ELSE NULL END,
              updated_at = now()
        WHERE id = $1`,
      [id, access.role, access.organisationId, access.disabled],
      tx,
    );
  }

  /** An admin's reset: a temporary password that must be replaced at the next sign-in. */
  async setTemporaryPassword(tx: Tx, id: string, hash: string): Promise<void> {
    await this.query(
      `UPDATE users SET password_hash = $2, password_change_required = true, updated_at = now()
        WHERE id = $1`,
      [id, hash],
      tx,
    );
  }

  async recordLogin(id: string): Promise<void> {
    await this.query('UPDATE users SET last_login_at = now() WHERE id = $1', [id]);
  }

  async countAll(tx?: Tx): Promise<number> {
    const [{ count }] = await this.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM users',
      [],
      tx,
    );
    return count;
  }

  /** An enabled customer account, with its organisation: whom staff may log a ticket for. */
  async activeCustomer(id: string, tx?: Tx): Promise<{ id: string; organisation_id: string } | undefined> {
    const rows = await this.query<{ id: string; organisation_id: string }>(
      "SELECT id, organisation_id FROM users WHERE id = $1 AND role = 'customer' AND disabled_at IS NULL",
      [id],
      tx,
    );
    return rows[0];
  }

  async isActiveEngineer(id: string, tx?: Tx): Promise<boolean> {
    const rows = await this.query(
      "SELECT 1 FROM users WHERE id = $1 AND role = 'engineer' AND disabled_at IS NULL",
      [id],
      tx,
    );
    return rows.length > 0;
  }

  /** Enabled engineers with their names in clear, by name. */
  activeEngineers(): Promise<PersonRefDto[]> {
    return this.query<PersonRefDto>(
      `SELECT u.id, p.full_name AS name FROM users u JOIN people p ON p.id = u.person_id
          WHERE u.role = 'engineer' AND u.disabled_at IS NULL ORDER BY p.full_name NULLS LAST, u.id`,
    );
  }

  /**
   * Who holds this (normalised) address as their own email: the person, and their account when
   * they have one. The email channel's sender lookup.
   */
  async accountByEmail(email: string, tx?: Tx): Promise<AccountByEmailRow | undefined> {
    const [row] = await this.query<AccountByEmailRow>(
      `SELECT p.id AS person_id, u.id AS user_id, u.role, u.organisation_id,
              (u.disabled_at IS NOT NULL) AS disabled, coalesce(o.holds_email_contacts, false) AS email_contact
         FROM people p LEFT JOIN users u ON u.person_id = p.id LEFT JOIN organisations o ON o.id = u.organisation_id
        WHERE p.email = $1`,
      [email],
      tx,
    );
    return row;
  }
}

/** What an admin's change to an account may touch, as it stands. */
export interface AccessFactsRow {
  id: string;
  person_id: string;
  role: Role;
  organisation_id: string | null;
  disabled: boolean;
}

export interface AccountByEmailRow {
  person_id: string;
  user_id: string | null;
  role: Role | null;
  organisation_id: string | null;
  disabled: boolean | null;
  /** Filed under the organisation that holds the email channel's contacts. */
  email_contact: boolean;
}
