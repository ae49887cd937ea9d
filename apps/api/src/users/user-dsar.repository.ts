import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** An account as its owner's answer package describes it. */
export interface AccountPackageRow {
  id: string;
  role: string;
  organisation: string | null;
  created_at: Date;
  last_login_at: Date | null;
  disabled_at: Date | null;
}

/** Statements data-subject requests run on `users`: the subject's accounts, and their erasure. */
@Injectable()
export class UserDsarRepository extends SqlRepository {
  /** The people among these who have a staff account. */
  async staffAmong(personIds: string[], tx?: Tx): Promise<string[]> {
    const rows = await this.query<{ person_id: string }>(
      `SELECT DISTINCT person_id FROM users WHERE person_id = ANY($1) AND role <> 'customer'`,
      [personIds],
      tx,
    );
    return rows.map((r) => r.person_id);
  }

  async idsOfPerson(personId: string, tx?: Tx): Promise<string[]> {
    const users = await this.query<{ id: string }>(
      'SELECT id FROM users WHERE person_id = $1',
      [personId],
      tx,
    );
    return users.map((u) => u.id);
  }

  forPackage(ids: string[]): Promise<AccountPackageRow[]> {
    return this.query<AccountPackageRow>(
      `SELECT u.id, u.role, o.name AS organisation, u.created_at, u.last_login_at, u.disabled_at
         FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = ANY($1)`,
      [ids],
    );
  }

  /** Disabled, and no password can sign in. */
  async disable(tx: Tx, userIds: string[]): Promise<void> {
    await this.query(
      `UPDATE users SET disabled_at = COALESCE(disabled_at, now()), password_hash = '!', updated_at = now()
        WHERE id = ANY($1)`,
      [userIds],
      tx,
    );
  }
}
