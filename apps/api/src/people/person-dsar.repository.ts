import { Injectable } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** A person as a request's candidate subject is shown to the DPO. */
export interface CandidatePersonRow {
  id: string;
  full_name: string | null;
  email: string | null;
  phone: string | null;
  organisation: string | null;
  role: Role | null;
}

/** A person's record as their answer package gives it. */
export type PersonPackageRow = Record<string, string | null> & { id: string };

/** Statements data-subject requests run on `people`: finding the subject, restriction, erasure. */
@Injectable()
export class PersonDsarRepository extends SqlRepository {
  async contactOf(
    personId: string,
  ): Promise<{ email: string | null; phone: string | null; name_key: string | null } | null> {
    const [me] = await this.query<{ email: string | null; phone: string | null; name_key: string | null }>(
      'SELECT email, phone, name_key FROM people WHERE id = $1',
      [personId],
    );
    return me ?? null;
  }

  candidates(personIds: string[]): Promise<CandidatePersonRow[]> {
    return this.query<CandidatePersonRow>(
      `SELECT p.id, p.full_name, p.email, p.phone, o.name AS organisation, u.role
         FROM people p LEFT JOIN users u ON u.person_id = p.id LEFT JOIN organisations o ON o.id = u.organisation_id
        WHERE p.id = ANY($1)`,
      [personIds],
    );
  }

  idsById(personId: string, tx?: Tx): Promise<{ id: string }[]> {
    return this.query('SELECT id FROM people WHERE id = $1', [personId], tx);
  }

  idsByEmail(email: string, tx?: Tx): Promise<{ id: string }[]> {
    return this.query('SELECT id FROM people WHERE email = $1', [email], tx);
  }

  idsByPhone(phone: string, tx?: Tx): Promise<{ id: string }[]> {
    return this.query('SELECT id FROM people WHERE phone = $1', [phone], tx);
  }

  idsByNameKey(nameKey: string, tx?: Tx): Promise<{ id: string }[]> {
    return this.query('SELECT id FROM people WHERE name_key = $1', [nameKey], tx);
  }

  /** Which of these name keys a person on record has (other than `except`). */
  async namesOnRecord(keys: string[], except: string | null, tx?: Tx): Promise<string[]> {
    const rows = await this.query<{ name_key: string }>(
      'SELECT DISTINCT name_key FROM people WHERE name_key = ANY($1) AND ($2::uuid IS NULL OR id <> $2)',
      [keys, except],
      tx,
    );
    return rows.map((r) => r.name_key);
  }

  async identifiersOf(
    personId: string,
    tx?: Tx,
  ): Promise<{ email: string | null; phone: string | null; full_name: string | null } | null> {
    const [person] = await this.query<{
      email: string | null;
      phone: string | null;
      full_name: string | null;
    }>('SELECT email, phone, full_name FROM people WHERE id = $1', [personId], tx);
    return person ?? null;
  }

  /**
   * Of these emails and numbers, those known to be someone else's: on another person's record,
   * another requester's contact phone, or a call matched to another person.
   */
  async someoneElses(
    personId: string,
    emails: string[],
    phones: string[],
    userIds: string[],
    tx?: Tx,
  ): Promise<string[]> {
    const others = await this.query<{ v: string }>(
      `SELECT email AS v FROM people WHERE id <> $1 AND email = ANY($2)
       UNION SELECT phone FROM people WHERE id <> $1 AND phone = ANY($3)
       UNION SELECT contact_phone FROM tickets WHERE requester_id <> ALL($4) AND contact_phone = ANY($3)
       UNION SELECT caller_number FROM recordings
              WHERE person_id IS NOT NULL AND person_id <> $1 AND caller_number = ANY($3)`,
      [personId, emails, phones, userIds],
      tx,
    );
    return others.map((o) => o.v);
  }

  async restrict(tx: Tx, personId: string): Promise<void> {
    await this.query('UPDATE people SET processing_restricted_at = now() WHERE id = $1', [personId], tx);
  }

  async liftRestriction(tx: Tx, personId: string | null): Promise<void> {
    await this.query('UPDATE people SET processing_restricted_at = NULL WHERE id = $1', [personId], tx);
  }

  /** Contact fields go; the record stays under `label` for statistics. */
  async erase(tx: Tx, personId: string, label: string): Promise<void> {
    await this.query(
      `UPDATE people SET full_name = $2, email = NULL, phone = NULL, name_key = NULL, job_title = NULL,
                employer = NULL, work_address = NULL, im_handle = NULL, processing_restricted_at = NULL,
                updated_at = now()
          WHERE id = $1`,
      [personId, label],
      tx,
    );
  }

  /** People still holding these identifiers, or the erased person still holding any. */
  async countLeft(emails: string[], phones: string[], personId: string | null, tx?: Tx): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM people WHERE email = ANY($1) OR phone = ANY($2)
              OR (id = $3 AND (email IS NOT NULL OR phone IS NOT NULL OR name_key IS NOT NULL))`,
      [emails, phones, personId],
      tx,
    );
    return n;
  }

  forPackage(ids: string[]): Promise<PersonPackageRow[]> {
    return this.query<PersonPackageRow>(
      `SELECT id, full_name, email, phone, job_title, employer, work_address, im_handle,
              processing_restricted_at FROM people WHERE id = ANY($1)`,
      [ids],
    );
  }
}
