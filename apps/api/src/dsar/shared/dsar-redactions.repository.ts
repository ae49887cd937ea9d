import { Injectable } from '@nestjs/common';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';
import { rowsOf } from './dsar-items.repository';

export interface RedactionRow {
  id: string;
  item_id: string;
  kind: string;
  value_hash: Buffer;
  redacted: boolean;
}

/** Every statement on `dsar_redactions`. */
@Injectable()
export class DsarRedactionsRepository extends SqlRepository {
  /** Other people's identifiers found in the items, by keyed hash. */
  async record(dsarId: string, itemIds: string[], kinds: string[], hashes: Buffer[]): Promise<void> {
    await this.query(
      `INSERT INTO dsar_redactions (dsar_id, item_id, kind, value_hash)
           SELECT $1, t.item_id, t.kind, t.hash FROM unnest($2::bigint[], $3::text[], $4::bytea[]) AS t(item_id, kind, hash)
           ON CONFLICT (item_id, kind, value_hash) DO NOTHING`,
      [dsarId, itemIds, kinds, hashes],
    );
  }

  async count(dsarId: string): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM dsar_redactions WHERE dsar_id = $1',
      [dsarId],
    );
    return n;
  }

  ofItems(itemIds: string[]): Promise<RedactionRow[]> {
    return this.query<RedactionRow>(
      'SELECT id, item_id, kind, value_hash, redacted FROM dsar_redactions WHERE item_id = ANY($1::bigint[])',
      [itemIds],
    );
  }

  /** False when the request has no such redaction. */
  async decide(
    tx: Tx,
    dsarId: string,
    redactionId: string,
    redacted: boolean,
    reason: string,
    byId: string,
  ): Promise<boolean> {
    const changed: unknown[] = await this.query(
      `UPDATE dsar_redactions SET redacted = $3, reason = $4, decided_by_id = $5, decided_at = now()
          WHERE id = $1 AND dsar_id = $2 RETURNING id`,
      [redactionId, dsarId, redacted, reason, byId],
      tx,
    );
    return rowsOf(changed).length > 0;
  }
}
