import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** How long a released DSAR package is kept, from the retention policies. */
@Injectable()
export class DsarPackageRetentionRepository extends SqlRepository {
  /** The `dsar_packages` policy's days, 30 when none is set. */
  async days(tx: Tx): Promise<number> {
    const [{ days }] = await this.query<{ days: number }>(
      "SELECT COALESCE((SELECT days FROM retention_policies WHERE category = 'dsar_packages'), 30) AS days",
      [],
      tx,
    );
    return days;
  }
}
