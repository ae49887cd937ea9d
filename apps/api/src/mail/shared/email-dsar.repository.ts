import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';

/** An imported mail as a subject's answer package gives it. */
export interface EmailPackageRow {
  id: string;
  reference: string;
  requester_id: string;
  from_address: string | null;
  from_name: string | null;
  to_addresses: string[];
  cc_addresses: string[];
  subject: string | null;
  sent_at: Date | null;
  created_at: Date;
  message_id: string | null;
  quoted_text: string | null;
  signature: string | null;
  rejected_attachments: { name: string; reason: string }[];
  raw_blob_key: string | null;
  raw_bytes: number;
  raw_expires_at: Date | null;
}

/**
 * The free text of a mail that may name people, as one string: the sender's name and address, the
 * To and Cc lists, the subject, the quoted history, the signature and the names of attachments
 * kept out. What the index holds for a mail (source type `email`), what review redacts, and what
 * the erasure's rescan reads.
 */
export const EMAIL_TEXT = `concat_ws(E'\\n', e.from_name, e.from_address, array_to_string(e.to_addresses, ', '),
  array_to_string(e.cc_addresses, ', '), e.subject, e.quoted_text, e.signature,
  (SELECT string_agg(x->>'name', E'\\n') FROM jsonb_array_elements(e.rejected_attachments) x))`;

/**
 * Statements data-subject requests run on `email_messages`: the mail a subject sent (by address),
 * the mail on their tickets, and the mail that names them in To or Cc. Addresses in these columns
 * are stored normalised (trimmed, lower-case), as people's emails are compared.
 */
@Injectable()
export class EmailDsarRepository extends SqlRepository {
  /** Mail from one of these addresses, or on one of these tickets. */
  fromOrOnTickets(
    emails: string[],
    ticketIds: string[],
    tx?: Tx,
  ): Promise<{ id: string; ticket_id: string; created_at: Date; from_address: string | null }[]> {
    if (!emails.length && !ticketIds.length) return Promise.resolve([]);
    return this.query(
      `SELECT id, ticket_id, created_at, from_address FROM email_messages
        WHERE from_address = ANY($1::text[]) OR ticket_id = ANY($2::uuid[])`,
      [emails, ticketIds],
      tx,
    );
  }

  /** Mail that names one of these addresses in To or Cc. */
  addressedTo(emails: string[], tx?: Tx): Promise<{ id: string; ticket_id: string; created_at: Date }[]> {
    if (!emails.length) return Promise.resolve([]);
    return this.query(
      `SELECT id, ticket_id, created_at FROM email_messages
        WHERE to_addresses && $1::text[] OR cc_addresses && $1::text[]`,
      [emails],
      tx,
    );
  }

  writtenAt(ids: string[]): Promise<{ id: string; at: Date }[]> {
    return this.query('SELECT id, created_at AS at FROM email_messages WHERE id = ANY($1)', [ids]);
  }

  forPackage(ids: string[]): Promise<EmailPackageRow[]> {
    return this.query<EmailPackageRow>(
      `SELECT e.id, t.reference, t.requester_id, e.from_address, e.from_name, e.to_addresses, e.cc_addresses,
              e.subject, e.sent_at, e.created_at, e.message_id, e.quoted_text, e.signature,
              e.rejected_attachments, e.raw_blob_key, e.raw_bytes, e.raw_expires_at
         FROM email_messages e JOIN tickets t ON t.id = e.ticket_id WHERE e.id = ANY($1)`,
      [ids],
    );
  }

  /** Each mail's free text (see EMAIL_TEXT). */
  texts(ids: string[], tx?: Tx): Promise<{ id: string; t: string | null }[]> {
    return this.query(
      `SELECT e.id, NULLIF(${EMAIL_TEXT}, '') AS t FROM email_messages e WHERE e.id = ANY($1)`,
      [ids],
      tx,
    );
  }
}
