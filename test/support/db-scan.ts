import type { Pool } from 'pg';

/**
 * Every place a value appears in clear anywhere in the database: each text-like column of each
 * table in the public schema is searched. Returns "table.column" for every hit.
 */
export async function findInDatabase(db: Pool, needle: string): Promise<string[]> {
  const { rows: columns } = await db.query(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public'
        AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'uuid')`,
  );
  const hits: string[] = [];
  for (const { table_name, column_name } of columns) {
    const { rows } = await db.query(
      `SELECT 1 FROM "${table_name}" WHERE "${column_name}"::text ILIKE '%' || $1 || '%' LIMIT 1`,
      [needle],
    );
    if (rows.length) hits.push(`${table_name}.${column_name}`);
  }
  return hits;
}
