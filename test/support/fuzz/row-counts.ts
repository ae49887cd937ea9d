import type { Pool } from 'pg';

export type RowCounts = Record<string, number>;

/** Exact row counts of every table in the public schema, read in one statement. */
export async function rowCounts(db: Pool, exclude: readonly string[] = []): Promise<RowCounts> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const names = tables.map((t) => t.name).filter((n) => !exclude.includes(n));
  const { rows } = await db.query(
    `SELECT ${names.map((n, i) => `(SELECT count(*) FROM "${n}")::int AS c${i}`).join(', ')}`,
  );
  return Object.fromEntries(names.map((n, i) => [n, rows[0][`c${i}`] as number]));
}

/** Tables whose count differs, as "table: before → after"; empty when nothing changed. */
export function changedTables(before: RowCounts, after: RowCounts): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t] !== after[t])
    .map((t) => `${t}: ${before[t]} → ${after[t]}`);
}
