import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/**
 * Tickets as recordings and the identifier index refer to them: by id or reference, and every
 * ticket's texts for an index rebuild. No ticket content goes to a caller from here, so these
 * reads need no caller scope.
 */
@Injectable()
export class TicketLookupRepository extends SqlRepository {
  async exists(id: string, tx?: Tx): Promise<boolean> {
    const rows = await this.query('SELECT 1 FROM tickets WHERE id = $1', [id], tx);
    return rows.length > 0;
  }

  async idByReference(reference: number | string, tx?: Tx): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>(
      'SELECT id FROM tickets WHERE reference = $1',
      [reference],
      tx,
    );
    return row?.id;
  }

  async idById(id: string): Promise<string | undefined> {
    const [row] = await this.query<{ id: string }>('SELECT id FROM tickets WHERE id = $1', [id]);
    return row?.id;
  }

  /** The next batch of tickets' texts after `after`, by id. */
  textsAfter(
    after: string,
    batchSize: number,
  ): Promise<{ id: string; subject: string; description: string }[]> {
    return this.query<{ id: string; subject: string; description: string }>(
      'SELECT id, subject, description FROM tickets WHERE id > $1 ORDER BY id LIMIT $2',
      [after, batchSize],
    );
  }
}
