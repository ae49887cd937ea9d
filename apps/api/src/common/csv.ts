import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { DomainError } from './errors/domain-error';

/** One record of a CSV file, with the file line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

const LINE_BREAK = /\r\n|\r|\n/g;

/**
 * RFC 4180 CSV in: quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF.
 * Blank records are left out; each record keeps the line it starts on, for error reports. A file
 * that is not CSV (a quote never closed) is a 400 naming `file`.
 */
export function parseCsv(text: string): CsvRecord[] {
  let parsed: { record: string[]; raw: string }[];
  try {
    // Lenient as a phone system's export needs: a stray quote inside a field is kept as text, and
    // rows may have fewer or more columns than the header (each row is checked on its own).
    parsed = parse(text, {
      info: true,
      raw: true,
      relax_quotes: true,
      relax_column_count: true,
    }) as unknown as { record: string[]; raw: string }[];
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    // The parser's message quotes the file's content: only its code and line go out.
    throw DomainError.invalidField(
      'file',
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'has a quoted field that is never closed'
        : `is not valid CSV (line ${Number(e.lines) || 1})`,
    );
  }
  // Counted from each record's raw text rather than `info.lines`, which counts a CRLF inside a
  // quoted field as two lines. Blank lines are records here, so they count too.
  const records: CsvRecord[] = [];
  let line = 1;
  for (const { record, raw } of parsed) {
    if (record.some((f) => f.trim() !== '')) records.push({ line, fields: record });
    line += raw.match(LINE_BREAK)?.length ?? 0;
  }
  return records;
}

/**
 * RFC 4180 CSV out: fields quoted when needed, and a leading = + - @ (or tab, CR) defused with an
 * apostrophe so a spreadsheet never runs a value as a formula.
 */
export function toCsv(rows: readonly (readonly string[])[]): string {
  // A bare CR or LF in a value is quoted too, not only the CRLF that ends a record.
  return stringify(rows as string[][], {
    record_delimiter: '\r\n',
    quoted_match: /[\r\n]/,
    escape_formulas: true,
  });
}
