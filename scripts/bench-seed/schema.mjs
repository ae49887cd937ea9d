// Off with the bulk tables' indexes and foreign keys for the load, and back on exactly as the
// migrations made them (pg_get_indexdef / pg_get_constraintdef), as tasks of the load plan.
import { secs } from '../bench-common.mjs';

/** Every index, constraint and trigger of the schema, as definitions: equal before and after means restored exactly. */
export async function schemaDefinitions(c) {
  const { rows } = await c.query(
    `SELECT 'index ' || indexrelid::regclass::text || ': ' || pg_get_indexdef(indexrelid) AS def
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relnamespace = 'public'::regnamespace
     UNION ALL
     SELECT 'constraint ' || conrelid::regclass::text || '.' || conname || ': ' || pg_get_constraintdef(oid)
            || CASE WHEN convalidated THEN '' ELSE ' (not validated)' END
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace
     UNION ALL
     SELECT 'trigger ' || pg_get_triggerdef(oid) || CASE WHEN tgenabled = 'D' THEN ' (disabled)' ELSE '' END
       FROM pg_trigger WHERE NOT tgisinternal
     ORDER BY 1`,
  );
  return rows.map((r) => r.def);
}

/** Drops the tables' indexes (primary keys too) and every foreign key from or to them; returns their definitions. */
export async function dropIndexes(c, tables) {
  const { rows: fks } = await c.query(
    `SELECT conrelid::regclass::text AS tbl, confrelid::regclass::text AS ref, quote_ident(conname) AS name,
            pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[]))`,
    [tables],
  );
  const { rows: indexes } = await c.query(
    `SELECT i.indrelid::regclass::text AS tbl, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def,
            c.contype = 'p' AS pk, quote_ident(c.conname) AS conname
       FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x')
      WHERE i.indrelid = ANY($1::regclass[])`,
    [tables],
  );
  if (indexes.some((i) => i.conname && !i.pk))
    throw new Error('unexpected unique constraint on a bulk table');
  for (const fk of fks) await c.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.name}`);
  for (const i of indexes) {
    await c.query(i.pk ? `ALTER TABLE ${i.tbl} DROP CONSTRAINT ${i.conname}` : `DROP INDEX ${i.name}`);
  }
  return { tables, indexes, fks };
}

/**
 * The tasks that put everything back, for the load plan: each index once its table is loaded
 * (`copy:<table>`; a primary key as a unique index, attached as the constraint when the table's
 * indexes are all built), then the foreign keys once both tables are done, added NOT VALID (a
 * catalogue change) and validated (the same constraint in the end as a plain ADD, but the check
 * only locks out other checks of the same table). `weight(index)` orders the index builds;
 * `record(label, ms)` gets each build's time.
 */
export function restoreTasks({ tables, indexes, fks }, { weight, note, bar, record }) {
  const timed = async (label, fn) => {
    const t0 = Date.now();
    await fn();
    note(`  ${label} (${secs(Date.now() - t0)})`);
    record(label, Date.now() - t0);
    bar.add(1);
  };
  const indexTasks = [...indexes]
    .sort((x, y) => weight(y) - weight(x))
    .map((i) => ({
      name: `index:${i.name}`,
      after: [`copy:${i.tbl}`],
      run: (c) => timed(`index ${i.name}`, () => c.query(i.def)),
    }));
  const tableDone = (t) => (tables.includes(t) ? [`table:${t}`] : []);
  const tableTasks = tables.map((t) => ({
    name: `table:${t}`,
    after: [`copy:${t}`, ...indexes.filter((i) => i.tbl === t).map((i) => `index:${i.name}`)],
    run: async (c) => {
      for (const i of indexes.filter((x) => x.tbl === t && x.pk)) {
        await c.query(`ALTER TABLE ${i.tbl} ADD CONSTRAINT ${i.conname} PRIMARY KEY USING INDEX ${i.name}`);
      }
    },
  }));
  // One referencing table's keys one after another: each check locks that table against the next.
  const fkTasks = fks.map((fk, k) => {
    const previous = fks.slice(0, k).findLast((x) => x.tbl === fk.tbl);
    return {
      name: `fk:${fk.tbl}.${fk.name}`,
      after: [
        ...tableDone(fk.tbl),
        ...tableDone(fk.ref),
        ...(previous ? [`fk:${fk.tbl}.${previous.name}`] : []),
      ],
      run: (c) =>
        timed(`foreign key ${fk.name}`, async () => {
          await c.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${fk.name} ${fk.def} NOT VALID`);
          await c.query(`ALTER TABLE ${fk.tbl} VALIDATE CONSTRAINT ${fk.name}`);
        }),
    };
  });
  return [...indexTasks, ...tableTasks, ...fkTasks];
}

/** The names of a table's foreign key tasks (to run after them, e.g. ANALYZE). */
export const foreignKeyTasks = ({ fks }, table) =>
  fks.filter((fk) => fk.tbl === table || fk.ref === table).map((fk) => `fk:${fk.tbl}.${fk.name}`);

/**
 * Moves every sequence behind a serial or identity column (ticket references, audit seq, index
 * ids …) past the largest value loaded, so the app's next insert takes the next number.
 */
export async function catchUpSequences(c) {
  const { rows } = await c.query(
    `SELECT s.seq::text AS seq, quote_ident(t.relname) AS tbl, quote_ident(a.attname) AS col
       FROM pg_class t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
       CROSS JOIN LATERAL (SELECT pg_get_serial_sequence(quote_ident(t.relname), a.attname)::regclass AS seq) s
      WHERE t.relnamespace = 'public'::regnamespace AND t.relkind = 'r' AND s.seq IS NOT NULL`,
  );
  const moved = [];
  for (const r of rows) {
    const { rows: out } = await c.query(
      `SELECT setval('${r.seq}', max(${r.col})) AS v FROM ${r.tbl} HAVING max(${r.col}) IS NOT NULL`,
    );
    if (out.length) moved.push(`${r.seq} → ${out[0].v}`);
  }
  return moved;
}
