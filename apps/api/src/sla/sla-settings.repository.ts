import { Injectable } from '@nestjs/common';
import type { SlaTargets } from '@hushdesk/ticketing';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

export interface SlaSettingsRow {
  opening_time: string;
  closing_time: string;
  working_days: number[];
  bank_holidays: string[];
  targets: SlaTargets;
  updated_at: Date;
}

const COLUMNS = 'opening_time, closing_time, working_days, bank_holidays, targets, updated_at';

/** Every statement on `sla_settings` (one row at most). */
@Injectable()
export class SlaSettingsRepository extends SqlRepository {
  async find(tx?: Tx): Promise<SlaSettingsRow | undefined> {
    const [row] = await this.query<SlaSettingsRow>(
      `SELECT ${COLUMNS} FROM sla_settings WHERE id = 1`,
      [],
      tx,
    );
    return row;
  }

  /** The saved row, locked for a change (nothing when none was saved yet). */
  async lock(tx: Tx): Promise<SlaSettingsRow | undefined> {
    const [row] = await this.query<SlaSettingsRow>(
      `SELECT ${COLUMNS} FROM sla_settings WHERE id = 1 FOR UPDATE`,
      [],
      tx,
    );
    return row;
  }

  async save(
    tx: Tx,
    input: Omit<SlaSettingsRow, 'updated_at'>,
    updatedById: string,
  ): Promise<SlaSettingsRow> {
    const [row] = await this.query<SlaSettingsRow>(
      `INSERT INTO sla_settings (id, opening_time, closing_time, working_days, bank_holidays, targets, updated_at, updated_by_id)
       VALUES (1, $1, $2, $3, $4, $5, now(), $6)
       ON CONFLICT (id) DO UPDATE SET opening_time = $1, closing_time = $2, working_days = $3,
              bank_holidays = $4, targets = $5, updated_at = now(), updated_by_id = $6
       RETURNING ${COLUMNS}`,
      [
        input.opening_time,
        input.closing_time,
        input.working_days,
        input.bank_holidays,
        JSON.stringify(input.targets),
        updatedById,
      ],
      tx,
    );
    return row;
  }
}
