import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** The raw-mail retention period, as the email intake reads it to date each raw copy's expiry. */
@Injectable()
export class RawEmailRetentionRepository extends SqlRepository {
  /** Days a raw .eml is kept (`retention_policies` 'raw_emails'); 30 if the row is missing. */
  async days(tx?: Tx): Promise<number> {
    const [row] = await this.query<{ days: number }>(
      "SELECT days FROM retention_policies WHERE category = 'raw_emails'",
      [],
      tx,
    );
    return row?.days ?? 30;
  }
}
