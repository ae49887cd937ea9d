import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';

/** Every statement on `undeliverable_addresses`: addresses a hard bounce proved dead, by keyed hash. */
@Injectable()
export class UndeliverableAddressesRepository extends SqlRepository {
  async mark(tx: Tx, hash: Buffer, status: string | null): Promise<void> {
    await this.query(
      `INSERT INTO undeliverable_addresses (hash, status) VALUES ($1, $2)
       ON CONFLICT (hash) DO UPDATE SET status = EXCLUDED.status`,
      [hash, status],
      tx,
    );
  }

  async isUndeliverable(hash: Buffer, tx?: Tx): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM undeliverable_addresses WHERE hash = $1', [hash], tx);
    return rows.length > 0;
  }
}
