import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';
import type { SourceType } from './identifier-index.service';

/** Statements data-subject requests run on `identifier_mentions`: where a subject is mentioned. */
@Injectable()
export class SubjectMentionsRepository extends SqlRepository {
  byHashes(
    hashes: Buffer[],
    tx?: Tx,
  ): Promise<
    {
      source_type: Exclude<SourceType, 'person'>;
      source_id: string;
      ticket_id: string | null;
      kind: string;
    }[]
  > {
    return this.query(
      `SELECT DISTINCT source_type, source_id, ticket_id, kind FROM identifier_mentions
            WHERE hash = ANY($1) AND source_type <> 'person'`,
      [hashes],
      tx,
    );
  }

  async forgetAttachments(tx: Tx, ids: string[]): Promise<void> {
    await this.query(
      `DELETE FROM identifier_mentions WHERE source_type = 'attachment' AND source_id = ANY($1)`,
      [ids],
      tx,
    );
  }

  async forgetRecordings(tx: Tx, ids: string[]): Promise<void> {
    await this.query(
      `DELETE FROM identifier_mentions WHERE source_type = 'recording' AND source_id = ANY($1)`,
      [ids],
      tx,
    );
  }

  /** Everything indexed under these hashes, except what a legal hold keeps. */
  async forgetHashes(tx: Tx, hashes: Buffer[], heldRecordings: string[]): Promise<void> {
    await this.query(
      `DELETE FROM identifier_mentions WHERE hash = ANY($1)
          AND NOT (source_type = 'recording' AND source_id = ANY($2::uuid[]))`,
      [hashes, heldRecordings],
      tx,
    );
  }

  async countLeft(hashes: Buffer[], heldRecordings: string[], tx?: Tx): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM identifier_mentions WHERE hash = ANY($1)
              AND NOT (source_type = 'recording' AND source_id = ANY($2::uuid[]))`,
      [hashes, heldRecordings],
      tx,
    );
    return n;
  }
}
