import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';

/** The columns of a mail that may name people, as the erasure rewrites them. */
export interface EmailScrubRow {
  id: string;
  ticket_id: string;
  from_name: string | null;
  from_address: string | null;
  to_addresses: string[];
  cc_addresses: string[];
  subject: string | null;
  quoted_text: string | null;
  signature: string | null;
  rejected_attachments: { name: string; reason: string }[];
}

export type EmailScrubbed = Omit<EmailScrubRow, 'ticket_id' | 'from_address'>;

/**
 * What an erasure does to `email_messages`. The subject's own mail, and every mail on their
 * tickets, loses every header and text column and its raw copy; other people's mail that names
 * them is rewritten without their identifiers and loses its raw copy (a MIME message cannot be
 * rewritten faithfully). The row itself, and `message_key`, stay: the receipt of an erased mail
 * is what keeps it from being imported again.
 */
@Injectable()
export class EmailErasureRepository extends SqlRepository {
  /** The mail of these tickets: what anonymising a closed ticket erases. */
  async idsOnTickets(tx: Tx, ticketIds: string[]): Promise<string[]> {
    if (!ticketIds.length) return [];
    const rows = await this.query<{ id: string }>(
      'SELECT id FROM email_messages WHERE ticket_id = ANY($1)',
      [ticketIds],
      tx,
    );
    return rows.map((r) => r.id);
  }

  /** Keys of the raw copies still kept for these mails. */
  rawKeys(tx: Tx, ids: string[]): Promise<{ key: string | null }[]> {
    return this.query(
      'SELECT raw_blob_key AS key FROM email_messages WHERE id = ANY($1) AND raw_blob_key IS NOT NULL',
      [ids],
      tx,
    );
  }

  /** Every header and text column emptied, and the raw copy forgotten (queued by the caller). */
  async erase(tx: Tx, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.query(
      `UPDATE email_messages
          SET from_address = NULL, from_name = NULL, to_addresses = '{}', cc_addresses = '{}', subject = NULL,
              message_id = NULL, in_reply_to = NULL, "references" = '{}', quoted_text = NULL, signature = NULL,
              rejected_attachments = '[]', raw_blob_key = NULL
        WHERE id = ANY($1)`,
      [ids],
      tx,
    );
  }

  forScrub(tx: Tx, ids: string[]): Promise<EmailScrubRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.query<EmailScrubRow>(
      `SELECT id, ticket_id, from_name, from_address, to_addresses, cc_addresses, subject, quoted_text, signature,
              rejected_attachments
         FROM email_messages WHERE id = ANY($1)`,
      [ids],
      tx,
    );
  }

  /** Someone else's mail rewritten without the subject; its raw copy is forgotten (queued by the caller). */
  async scrub(tx: Tx, id: string, s: EmailScrubbed): Promise<void> {
    await this.query(
      `UPDATE email_messages SET from_name = $2, to_addresses = $3, cc_addresses = $4, subject = $5,
              quoted_text = $6, signature = $7, rejected_attachments = $8::jsonb, raw_blob_key = NULL
        WHERE id = $1`,
      [
        id,
        s.from_name,
        s.to_addresses,
        s.cc_addresses,
        s.subject,
        s.quoted_text,
        s.signature,
        JSON.stringify(s.rejected_attachments),
      ],
      tx,
    );
  }

  /** For the rescan: mails still from, to or copied to these addresses. */
  async countAddressed(emails: string[], tx?: Tx): Promise<number> {
    if (!emails.length) return 0;
    const [{ n }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM email_messages
        WHERE from_address = ANY($1::text[]) OR to_addresses && $1::text[] OR cc_addresses && $1::text[]`,
      [emails],
      tx,
    );
    return n;
  }

  /** For the rescan: raw copies still kept among these mails. */
  async countRaw(ids: string[], tx?: Tx): Promise<number> {
    if (!ids.length) return 0;
    const [{ n }] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM email_messages WHERE id = ANY($1) AND raw_blob_key IS NOT NULL',
      [ids],
      tx,
    );
    return n;
  }
}
