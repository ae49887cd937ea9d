import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';
import type { MacroActions } from './macro.entity';

export interface MacroRow {
  id: string;
  owner_id: string | null;
  title: string;
  body: string;
  actions: MacroActions;
  updated_at: Date;
}

const COLUMNS = 'id, owner_id, title, body, actions, updated_at';
/** What one caller may see: the shared macros and their own. */
const VISIBLE = '(owner_id IS NULL OR owner_id = $1)';

/** Every statement on `macros`. Each read is scoped to the caller: shared ones and their own. */
@Injectable()
export class MacrosRepository extends SqlRepository {
  /** Shared and own, titles first; `q` matches words of the title or the text. */
  visible(userId: string, q: string | undefined, limit: number): Promise<MacroRow[]> {
    const params: unknown[] = [userId];
    let filter = '';
    if (q) {
      params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      filter = ` AND (title ILIKE $2 OR body ILIKE $2)`;
    }
    params.push(limit);
    return this.query<MacroRow>(
      `SELECT ${COLUMNS} FROM macros WHERE ${VISIBLE}${filter}
        ORDER BY lower(title), id LIMIT $${params.length}`,
      params,
    );
  }

  async findVisible(userId: string, id: string, tx?: Tx): Promise<MacroRow | undefined> {
    const [row] = await this.query<MacroRow>(
      `SELECT ${COLUMNS} FROM macros WHERE id = $2 AND ${VISIBLE}${tx ? ' FOR UPDATE' : ''}`,
      [userId, id],
      tx,
    );
    return row;
  }

  async insert(
    tx: Tx,
    input: { ownerId: string | null; title: string; body: string; actions: MacroActions },
  ): Promise<MacroRow> {
    const [row] = await this.query<MacroRow>(
      `INSERT INTO macros (owner_id, title, body, actions) VALUES ($1, $2, $3, $4::jsonb)
       RETURNING ${COLUMNS}`,
      [input.ownerId, input.title, input.body, JSON.stringify(input.actions)],
      tx,
    );
    return row;
  }

  async update(
    tx: Tx,
    id: string,
    input: { title: string; body: string; actions: MacroActions },
  ): Promise<MacroRow> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [rows] = (await this.query(
      `UPDATE macros SET title = $2, body = $3, actions = $4::jsonb, updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, input.title, input.body, JSON.stringify(input.actions)],
      tx,
    )) as unknown as [MacroRow[], number];
    return rows[0];
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await this.query('DELETE FROM macros WHERE id = $1', [id], tx);
  }
}
