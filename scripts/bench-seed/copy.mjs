// COPY … FROM STDIN in PostgreSQL's text format, streamed from a generator of rows with backpressure.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * A string as a text-format COPY field: backslash, tab, newline and carriage return escaped, the
 * rest as is ("O'Brien" needs nothing; "Hi,\n\nThanks" becomes `Hi,\n\nThanks` with literal
 * backslashes; a literal `\N` becomes `\\N`, so it is not read as NULL).
 */
export function copyText(s) {
  return SPECIAL.test(s) ? s.replace(SPECIALS, (c) => ESCAPES[c]) : s;
}

/** An array element as PostgreSQL's array literal writes it: quoted when it has to be. */
function arrayElement(x) {
  if (x === null || x === undefined) return 'NULL';
  const s = String(x);
  if (s !== '' && !/[{}",\\\s]/.test(s) && !/^null$/i.test(s)) return s;
  return `"${s.replace(/[\\"]/g, '\\$&')}"`;
}

/** `{a,"b c"}`: the array literal, before COPY's own escaping. */
export const arrayLiteral = (xs) => `{${xs.map(arrayElement).join(',')}}`;

/**
 * One value as a COPY field: null → \N, Date → ISO 8601, Buffer → bytea hex (`\\x…`: the
 * backslash doubled for COPY), array → array literal, other objects → JSON (for jsonb).
 */
export function copyValue(v) {
  if (v === null || v === undefined) return '\\N';
  switch (typeof v) {
    case 'string':
      return copyText(v);
    case 'number':
      return String(v);
    case 'boolean':
      return v ? 't' : 'f';
  }
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return `\\\\x${v.toString('hex')}`;
  if (Array.isArray(v)) return copyText(arrayLiteral(v));
  return copyText(JSON.stringify(v));
}

export const copyLine = (values) => `${values.map(copyValue).join('\t')}\n`;

/** Lines joined into chunks of ~256 kB: one socket write per chunk, not per row. */
function* chunksOf(lines, onRows) {
  let parts = [];
  let bytes = 0;
  for (const line of lines) {
    parts.push(line);
    bytes += line.length;
    if (bytes >= 262_144) {
      yield parts.join('');
      onRows(parts.length);
      parts = [];
      bytes = 0;
    }
  }
  if (parts.length) {
    yield parts.join('');
    onRows(parts.length);
  }
}

/**
 * Streams the lines (an iterable of copyLine strings) into `table (columns)`. `freeze`: truncate
 * and COPY FREEZE in one transaction, so the rows are written frozen and all-visible and the VACUUM
 * afterwards has nothing to rewrite (only for a table no foreign key points at). Returns the rows
 * PostgreSQL reports.
 */
export async function copyInto(client, table, columns, lines, { bar, freeze = false } = {}) {
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN${freeze ? ' (FREEZE)' : ''}`;
  if (freeze) await client.query(`BEGIN; TRUNCATE ${table}`);
  try {
    const stream = client.query(copyFrom(sql));
    await pipeline(
      Readable.from(
        chunksOf(lines, (n) => bar?.add(n)),
        { objectMode: true, highWaterMark: 4 },
      ),
      stream,
    );
    if (freeze) await client.query('COMMIT');
    bar?.done(stream.rowCount);
    return stream.rowCount;
  } catch (e) {
    if (freeze) await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
