import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';

/**
 * What merging tickets does to `email_messages`: a mail that became a reply follows its message to
 * the ticket merged into (its origin is on that message); the mail that opened the merged ticket
 * stays with it, as its subject and description do.
 */
@Injectable()
export class EmailMergeRepository extends SqlRepository {
  async moveReplies(tx: Tx, fromId: string, intoId: string): Promise<void> {
    await this.query(
      'UPDATE email_messages SET ticket_id = $2 WHERE ticket_id = $1 AND ticket_message_id IS NOT NULL',
      [fromId, intoId],
      tx,
    );
  }
}
