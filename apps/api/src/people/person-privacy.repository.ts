import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** A person's own identifiers, as the identifier index reads them. */
export interface PersonIdentifiersRow {
  id: string;
  email: string | null;
  phone: string | null;
  full_name: string | null;
}

/**
 * The statements privacy, audit and retention run on `people`: known name keys (to find names in
 * text), the identifier index's rebuild, field-level counts, purges and retention, and the
 * "Former customer" placeholder of anonymised tickets.
 */
@Injectable()
export class PersonPrivacyRepository extends SqlRepository {
  /** Those of `candidates` that are some person's name key. */
  async knownNameKeys(candidates: string[], tx?: Tx): Promise<string[]> {
    const rows = await this.query<{ name_key: string }>(
      'SELECT DISTINCT name_key FROM people WHERE name_key = ANY($1)',
      [candidates],
      tx,
    );
    return rows.map((r) => r.name_key);
  }

  async exists(id: string, tx?: Tx): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM people WHERE id = $1', [id], tx);
    return rows.length > 0;
  }

  /** The next batch of people after `after`, by id. */
  pageAfter(after: string, batchSize: number): Promise<PersonIdentifiersRow[]> {
    return this.query<PersonIdentifiersRow>(
      'SELECT id, email, phone, full_name FROM people WHERE id > $1 ORDER BY id LIMIT $2',
      [after, batchSize],
    );
  }

  /** How many people have a value in `column` (a column of the field registry). */
  async countStored(column: string): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM people WHERE ${column} IS NOT NULL`,
    );
    return n;
  }

  /** Nulls every value of `column`; returns how many there were. */
  async purge(tx: Tx, column: string): Promise<number> {
    const [, count] = (await this.query(
      `UPDATE people SET ${column} = NULL WHERE ${column} IS NOT NULL`,
      [],
      tx,
    )) as unknown as [unknown, number];
    return count;
  }

  /**
   * Values of `column` whose retention, counted from `from`, ended before `cutoff`: counted, or
   * nulled. Null when the registry's `from` does not apply to people. Nothing of a person with an
   * open data-subject request is touched until it is answered.
   */
  async expire(tx: Tx, column: string, from: string, cutoff: Date, dryRun: boolean): Promise<number | null> {
    const expired = expiredWhere(from);
    if (!expired) return null;
    const frozen =
      'EXISTS (SELECT 1 FROM dsar_requests d WHERE d.subject_person_id = r.id AND d.closed_at IS NULL)';
    const where = `r.${column} IS NOT NULL AND ${expired} AND NOT ${frozen}`;
    if (dryRun) {
      const [{ n }] = await this.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM people r WHERE ${where}`,
        [cutoff],
        tx,
      );
      return n;
    }
    const [, values] = (await this.query(
      `UPDATE people r SET ${column} = NULL WHERE ${where}`,
      [cutoff],
      tx,
    )) as unknown as [unknown, number];
    return values;
  }

  /** The placeholder person of an anonymised ticket's requester. */
  async insertNamed(tx: Tx, fullName: string): Promise<string> {
    const [person] = await this.query<{ id: string }>(
      'INSERT INTO people (full_name) VALUES ($1) RETURNING id',
      [fullName],
      tx,
    );
    return person.id;
  }
}

/** The people whose retention has passed, as a SQL condition on `people r` ($1: the cutoff). */
function expiredWhere(from: string): string | null {
  switch (from) {
    case 'collected':
      return 'r.created_at < $1';
    case 'account_closed':
      return 'EXISTS (SELECT 1 FROM users u WHERE u.person_id = r.id AND u.disabled_at < $1)';
    case 'last_ticket_closed':
      // Only once every ticket of theirs is closed, and the last closed long enough ago.
      return `EXISTS (SELECT 1 FROM users u JOIN tickets t ON t.requester_id = u.id WHERE u.person_id = r.id)
                  AND NOT EXISTS (SELECT 1 FROM users u JOIN tickets t ON t.requester_id = u.id
                                   WHERE u.person_id = r.id AND (t.closed_at IS NULL OR t.closed_at >= $1))`;
    default:
      return null;
  }
}
