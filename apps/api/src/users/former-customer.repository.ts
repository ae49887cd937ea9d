import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** An organisation's disabled placeholder account, which anonymised tickets are attributed to. */
@Injectable()
export class FormerCustomerRepository extends SqlRepository {
  /** Serialises the find-or-create of one organisation's placeholder until `tx` ends. */
  async lock(tx: Tx, organisationId: string): Promise<void> {
    await this.query('SELECT pg_advisory_xact_lock(74198304, hashtext($1))', [organisationId], tx);
  }

  async find(tx: Tx, organisationId: string, fullName: string): Promise<string | undefined> {
    const [existing] = await this.query<{ id: string }>(
      `SELECT u.id FROM users u JOIN people p ON p.id = u.person_id
        WHERE u.organisation_id = $1 AND u.role = 'customer' AND u.disabled_at IS NOT NULL
          AND p.email IS NULL AND p.full_name = $2 LIMIT 1`,
      [organisationId, fullName],
      tx,
    );
    return existing?.id;
  }

  /** A disabled customer account with no usable password: the hash can never match. */
  async insert(tx: Tx, personId: string, organisationId: string): Promise<string> {
    const [user] = await this.query<{ id: string }>(
      `INSERT INTO users (person_id, organisation_id, role, password_hash, disabled_at)
       VALUES ($1, $2, 'customer', '!', now()) RETURNING id`,
      [personId, organisationId],
      tx,
    );
    return user.id;
  }
}
