import { NO_PASSWORD } from '../../users/no-password';
import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';

export interface RecipientRow {
  person_id: string;
  email: string | null;
  full_name: string | null;
  restricted: boolean;
  /** Whether they can sign in to the portal (a contact made from mail cannot). */
  portal: boolean;
}

/**
 * Where a mail would go: an account's current address (people.email, read when sending, so a
 * rectified address is used at once), and `undeliverable_addresses`, keyed like the suppression
 * list (IdentifierIndex.hash('email', normalised address)), which a hard bounce fills.
 */
@Injectable()
export class MailRecipientsRepository extends SqlRepository {
  async ofUser(userId: string): Promise<RecipientRow | undefined> {
    const [row] = await this.query<RecipientRow>(
      `SELECT p.id AS person_id, p.email, p.full_name, (p.processing_restricted_at IS NOT NULL) AS restricted,
              (u.password_hash <> $2 AND u.disabled_at IS NULL) AS portal
         FROM users u JOIN people p ON p.id = u.person_id WHERE u.id = $1`,
      [userId, NO_PASSWORD],
    );
    return row;
  }

  async isUndeliverable(hash: Buffer): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM undeliverable_addresses WHERE hash = $1', [hash]);
    return rows.length > 0;
  }

  /** A permanent refusal of the address; `status` is the reply's code (5.1.1 ...), never its text. */
  async markUndeliverable(hash: Buffer, status: string | null): Promise<void> {
    await this.query(
      `INSERT INTO undeliverable_addresses (hash, status) VALUES ($1, $2)
       ON CONFLICT (hash) DO UPDATE SET status = EXCLUDED.status`,
      [hash, status],
    );
  }
}
