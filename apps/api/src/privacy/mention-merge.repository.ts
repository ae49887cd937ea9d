import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/**
 * What merging tickets does to the identifier index: entries of moved texts (messages, files, calls,
 * mail) now land on the ticket merged into; the merged ticket's own subject and description stay.
 */
@Injectable()
export class MentionMergeRepository extends SqlRepository {
  async move(tx: Tx, fromId: string, intoId: string): Promise<void> {
    await this.query(
      `UPDATE identifier_mentions SET ticket_id = $2
        WHERE ticket_id = $1 AND source_type <> 'ticket'
          AND (source_type <> 'email' OR source_id IN (SELECT id FROM email_messages WHERE ticket_id = $2))`,
      [fromId, intoId],
      tx,
    );
  }
}
