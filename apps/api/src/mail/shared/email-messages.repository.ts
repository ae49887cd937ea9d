import type { EmailTextColumns } from './email-texts';
import { Injectable } from '@nestjs/common';
import { SqlParams } from '../../database/sql-params';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';
import type { NewTextSource } from '../../privacy/identifier-mentions.repository';

export interface NewEmailMessage {
  ticketId: string;
  ticketMessageId: string | null;
  source: 'smtp' | 'imap';
  mailboxId: string | null;
  messageKey: Buffer;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  fromAddress: string | null;
  fromName: string | null;
  toAddresses: string[];
  ccAddresses: string[];
  subject: string | null;
  sentAt: Date | null;
  quotedText: string | null;
  signature: string | null;
  rejectedAttachments: { name: string; reason: string }[];
  rawBlobKey: string | null;
  rawBytes: number;
}

/** Days a raw .eml is kept when the 'raw_emails' retention row is missing. */
const RAW_DAYS_DEFAULT = 30;

/** Statements on `email_messages` the intake runs: the imported mail, and threading by Message-ID. */
@Injectable()
export class EmailMessagesRepository extends SqlRepository {
  /**
   * Inserts the mail's row and, in the same statement, what `mentions` writes for it (the identifier
   * index entries of the texts only the mail holds): one round trip for both.
   */
  async insert(
    tx: Tx,
    m: NewEmailMessage,
    mentions: (source: NewTextSource, add: (value: unknown) => string) => string,
  ): Promise<string> {
    const p = new SqlParams();
    const values = [
      m.ticketId,
      m.ticketMessageId,
      m.source,
      m.mailboxId,
      m.messageKey,
      m.messageId,
      m.inReplyTo,
      m.references,
      m.fromAddress,
      m.fromName,
      m.toAddresses,
      m.ccAddresses,
      m.subject,
      m.sentAt,
      m.quotedText,
      m.signature,
      JSON.stringify(m.rejectedAttachments),
    ].map(p.add);
    const rawKey = p.add(m.rawBlobKey);
    const [row] = await this.query<{ id: string }>(
      `WITH e AS (
         INSERT INTO email_messages (ticket_id, ticket_message_id, source, mailbox_id, message_key, message_id,
           in_reply_to, "references", from_address, from_name, to_addresses, cc_addresses, subject, sent_at,
           quoted_text, signature, rejected_attachments, raw_blob_key, raw_bytes, raw_expires_at)
         VALUES (${values.join(', ')}, ${rawKey}, ${p.add(m.rawBytes)},
           -- The raw copy's expiry from the retention policy in force, read by this same statement.
           CASE WHEN ${rawKey}::varchar IS NOT NULL THEN now() + make_interval(days => COALESCE(
             (SELECT days FROM retention_policies WHERE category = 'raw_emails'), ${RAW_DAYS_DEFAULT})) END)
         RETURNING id, ticket_id),
       m AS (${mentions({ type: 'email', from: 'e', idSql: 'e.id', ticketIdSql: 'e.ticket_id' }, p.add)})
       SELECT id FROM e`,
      p.values,
      tx,
    );
    return row.id;
  }

  /** The ticket of each imported mail among these keys (keyed Message-IDs), in no particular order. */
  async ticketsByKeys(keys: Buffer[], tx?: Tx): Promise<{ message_key: Buffer; ticket_id: string }[]> {
    if (!keys.length) return [];
    return this.query<{ message_key: Buffer; ticket_id: string }>(
      'SELECT message_key, ticket_id FROM email_messages WHERE message_key = ANY($1::bytea[])',
      [keys],
      tx,
    );
  }

  /** A page of mail's indexed columns in id order, for the identifier index's rebuild. */
  textsAfter(
    after: string,
    limit: number,
  ): Promise<(EmailTextColumns & { id: string; ticket_id: string })[]> {
    return this.query(
      `SELECT id, ticket_id, from_name, from_address, to_addresses, cc_addresses, subject, quoted_text,
              signature, rejected_attachments
         FROM email_messages WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, limit],
    );
  }
}
