import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';
import type { ViewFilters } from './ticket-view.entity';

export interface ViewRow {
  id: string;
  owner_id: string | null;
  name: string;
  filters: ViewFilters;
}

/** Every statement on `ticket_views`. A caller reads the shared views and their own, never another's. */
@Injectable()
export class ViewsRepository extends SqlRepository {
  /** Shared views first, then the caller's own, each in the order they were made. */
  listFor(userId: string): Promise<ViewRow[]> {
    return this.query<ViewRow>(
      `SELECT id, owner_id, name, filters FROM ticket_views
        WHERE owner_id IS NULL OR owner_id = $1
        ORDER BY owner_id IS NOT NULL, created_at, id`,
      [userId],
    );
  }

  countOwned(userId: string | null, tx: Tx): Promise<{ n: number }[]> {
    return this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ticket_views WHERE owner_id IS NOT DISTINCT FROM $1',
      [userId],
      tx,
    );
  }

  async create(tx: Tx, ownerId: string | null, name: string, filters: ViewFilters): Promise<ViewRow> {
    const [row] = await this.query<ViewRow>(
      `INSERT INTO ticket_views (owner_id, name, filters) VALUES ($1, $2, $3::jsonb)
       RETURNING id, owner_id, name, filters`,
      [ownerId, name, JSON.stringify(filters)],
      tx,
    );
    return row;
  }

  /** The view if the caller may see it (shared, or their own). */
  async findFor(userId: string, id: string): Promise<ViewRow | undefined> {
    const [row] = await this.query<ViewRow>(
      `SELECT id, owner_id, name, filters FROM ticket_views WHERE id = $1 AND (owner_id IS NULL OR owner_id = $2)`,
      [id, userId],
    );
    return row;
  }

  /** Changes the view only while it still has the owner the caller was checked against. */
  async update(
    id: string,
    ownerId: string | null,
    name: string,
    filters: ViewFilters,
  ): Promise<ViewRow | undefined> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affectedCount].
    const [rows] = (await this.query(
      `UPDATE ticket_views SET name = $3, filters = $4::jsonb
        WHERE id = $1 AND owner_id IS NOT DISTINCT FROM $2
       RETURNING id, owner_id, name, filters`,
      [id, ownerId, name, JSON.stringify(filters)],
    )) as unknown as [ViewRow[], number];
    return rows[0];
  }

  async delete(id: string): Promise<void> {
    await this.query('DELETE FROM ticket_views WHERE id = $1', [id]);
  }
}
