import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** The demo seed's own statement: no table, a lock that serialises concurrent starts. */
@Injectable()
export class DemoSeedRepository extends SqlRepository {
  /** Held until the transaction ends; a second start waits, then sees the accounts. */
  async lockSeeding(tx: Tx): Promise<void> {
    await this.query('SELECT pg_advisory_xact_lock(74198302)', [], tx);
  }
}
