import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';

/**
 * The retention periods in force (`retention_policies`), read by what must quote them: the record
 * of processing, the privacy notice and the DSAR package's supplementary information.
 */
@Injectable()
export class RetentionPeriodsRepository extends SqlRepository {
  async all(): Promise<Record<string, number>> {
    const rows = await this.query<{ category: string; days: number }>(
      'SELECT category, days FROM retention_policies',
    );
    return Object.fromEntries(rows.map((r) => [r.category, r.days]));
  }
}
