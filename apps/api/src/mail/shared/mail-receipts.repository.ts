import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';
import type { MailReceiptEntity } from './mail-receipt.entity';

export type ReceiptOutcome = MailReceiptEntity['outcome'];

/** Every statement on `mail_receipts`: the mail seen, by keyed hash, whatever became of it. */
@Injectable()
export class MailReceiptsRepository extends SqlRepository {
  /** Whether a mail with this key was recorded (committed) before. */
  async seen(key: Buffer): Promise<boolean> {
    const rows = await this.prepared('SELECT 1 FROM mail_receipts WHERE message_key = $1', [key]);
    return rows.length > 0;
  }

  /**
   * Records the mail first thing in its transaction. False when it was recorded already; a
   * concurrent import of the same mail waits here on the key until the first one ends.
   */
  async claim(
    tx: Tx,
    key: Buffer,
    outcome: ReceiptOutcome,
    ticketId: string | null = null,
  ): Promise<boolean> {
    const rows = await this.query(
      `INSERT INTO mail_receipts (message_key, outcome, ticket_id) VALUES ($1, $2, $3)
       ON CONFLICT (message_key) DO NOTHING RETURNING 1`,
      [key, outcome, ticketId],
      tx,
    );
    return rows.length > 0;
  }

  async settle(tx: Tx, key: Buffer, outcome: ReceiptOutcome, ticketId: string | null): Promise<void> {
    await this.query(
      'UPDATE mail_receipts SET outcome = $2, ticket_id = $3 WHERE message_key = $1',
      [key, outcome, ticketId],
      tx,
    );
  }
}
