import { Injectable } from '@nestjs/common';
import { PERSON_FIELDS, type PersonField } from '@hushdesk/contracts';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';
import { PersonEntity } from './person.entity';

const COLUMN: Record<PersonField, string> = {
  fullName: 'full_name',
  email: 'email',
  phone: 'phone',
  jobTitle: 'job_title',
  employer: 'employer',
  workAddress: 'work_address',
  imHandle: 'im_handle',
};

export type PersonRow = { id: string } & Record<PersonField, string | null>;

/** A new person's contact data, normalised by the caller. */
export type NewPerson = Pick<
  PersonEntity,
  'email' | 'fullName' | 'nameKey' | 'phone' | 'jobTitle' | 'employer' | 'workAddress' | 'imHandle'
>;

const SELECT = `SELECT id, ${PERSON_FIELDS.map((f) => `${COLUMN[f]} AS "${f}"`).join(', ')} FROM people WHERE id = $1`;

/** Every statement on `people`. */
@Injectable()
export class PeopleRepository extends SqlRepository {
  async findById(id: string, tx?: Tx): Promise<PersonRow | undefined> {
    const [row] = await this.query<PersonRow>(SELECT, [id], tx);
    return row;
  }

  async insert(tx: Tx, person: NewPerson): Promise<PersonEntity> {
    const manager = this.manager(tx);
    return manager.save(manager.create(PersonEntity, person));
  }

  /** The stored (normalised) email, or undefined when there is no such person. */
  async emailOf(id: string): Promise<string | null | undefined> {
    const [row] = await this.query<{ email: string | null }>('SELECT email FROM people WHERE id = $1', [id]);
    return row?.email;
  }

  async fullNameOf(id: string): Promise<string | null> {
    const [row] = await this.query<{ full_name: string | null }>(
      'SELECT full_name FROM people WHERE id = $1',
      [id],
    );
    return row?.full_name ?? null;
  }

  /** Locks the record for the rest of the transaction; false when there is none. */
  async lock(tx: Tx, id: string): Promise<boolean> {
    const [exists] = await this.query('SELECT 1 FROM people WHERE id = $1 FOR UPDATE', [id], tx);
    return !!exists;
  }

  /** Whether another person holds this (normalised) email. */
  async emailTaken(email: string, tx: Tx, exceptId?: string): Promise<boolean> {
    const rows = exceptId
      ? await this.query('SELECT 1 FROM people WHERE email = $1 AND id <> $2', [email, exceptId], tx)
      : await this.query('SELECT 1 FROM people WHERE email = $1', [email], tx);
    return rows.length > 0;
  }

  /** Sets the given fields ('' stores null); `nameKey` goes with a changed full name. */
  async update(
    tx: Tx,
    id: string,
    given: Partial<Record<PersonField, string | null>>,
    nameKey?: string | null,
  ): Promise<void> {
    const changed = Object.keys(given) as PersonField[];
    const sets = changed.map((f, i) => `${COLUMN[f]} = $${i + 2}`);
    const values = changed.map((f) => (given[f] === '' ? null : given[f]));
    if (nameKey !== undefined) {
      sets.push(`name_key = $${values.length + 2}`);
      values.push(nameKey);
    }
    await this.query(
      `UPDATE people SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...values],
      tx,
    );
  }
}
