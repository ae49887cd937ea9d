import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

export interface IdentityRow {
  name: string;
  address: string;
  dpo_name: string | null;
  dpo_email: string;
  dpo_phone: string | null;
  updated_at: Date;
}

/** The single row (id 1) of `controller_identity`. */
@Injectable()
export class ControllerIdentityRepository extends SqlRepository {
  async get(): Promise<IdentityRow | undefined> {
    const [row] = await this.query<IdentityRow>(
      'SELECT name, address, dpo_name, dpo_email, dpo_phone, updated_at FROM controller_identity WHERE id = 1',
    );
    return row;
  }

  /** The row, locked until `tx` ends, so concurrent updates audit the right changes. */
  async lock(tx: Tx): Promise<IdentityRow | undefined> {
    const [row] = await this.query<IdentityRow>(
      'SELECT name, address, dpo_name, dpo_email, dpo_phone, updated_at FROM controller_identity WHERE id = 1 FOR UPDATE',
      [],
      tx,
    );
    return row;
  }

  async save(
    tx: Tx,
    next: {
      name: string;
      address: string;
      dpoName: string | null;
      dpoEmail: string;
      dpoPhone: string | null;
    },
    byId: string,
  ): Promise<void> {
    await this.query(
      `INSERT INTO controller_identity (id, name, address, dpo_name, dpo_email, dpo_phone, updated_at, updated_by_id)
         VALUES (1, $1, $2, $3, $4, $5, now(), $6)
         ON CONFLICT (id) DO UPDATE SET name = $1, address = $2, dpo_name = $3, dpo_email = $4, dpo_phone = $5,
           updated_at = now(), updated_by_id = $6`,
      [next.name, next.address, next.dpoName, next.dpoEmail, next.dpoPhone, byId],
      tx,
    );
  }
}
