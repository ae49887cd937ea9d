import { Injectable } from '@nestjs/common';
import type { DsarItemType } from '@hushdesk/contracts';
import { SqlRepository } from '../../database/sql-repository';
import type { Tx } from '../../database/tx';

/** An item found by the collection, as the review and the export read it. */
export interface ItemRow {
  id: string;
  item_type: DsarItemType;
  source_id: string;
  ticket_id: string | null;
  found_by: string[];
  at: Date | null;
  excluded_at: Date | null;
  exclude_reason: string | null;
}

/** A found item to store: what it is, where, when, and every way it was found. */
export interface FoundItem {
  type: DsarItemType;
  sourceId: string;
  ticketId: string | null;
  at: Date | null;
  foundBy: Set<string>;
}

export interface ItemCountRow {
  item_type: DsarItemType;
  n: number;
  mentions: number;
  excluded: number;
}

const ITEM_COLUMNS = 'id, item_type, source_id, ticket_id, found_by, at, excluded_at, exclude_reason';

/** Every statement on `dsar_items`. */
@Injectable()
export class DsarItemsRepository extends SqlRepository {
  /** Re-running a collection replaces the items but keeps the DPO's exclusions. */
  async replace(tx: Tx, dsarId: string, items: FoundItem[]): Promise<void> {
    await this.query(
      `DELETE FROM dsar_items WHERE dsar_id = $1
            AND (item_type || ':' || source_id) <> ALL($2::text[])`,
      [dsarId, items.map((i) => `${i.type}:${i.sourceId}`)],
      tx,
    );
    if (items.length) {
      await this.query(
        `INSERT INTO dsar_items (dsar_id, item_type, source_id, ticket_id, at, found_by)
           SELECT $1, t.type, t.source_id, t.ticket_id, t.at, string_to_array(t.found_by, ',')
             FROM unnest($2::text[], $3::text[], $4::uuid[], $5::timestamptz[], $6::text[])
                  AS t(type, source_id, ticket_id, at, found_by)
           ON CONFLICT (dsar_id, item_type, source_id)
           DO UPDATE SET found_by = EXCLUDED.found_by, ticket_id = EXCLUDED.ticket_id, at = EXCLUDED.at`,
        [
          dsarId,
          items.map((i) => i.type),
          items.map((i) => i.sourceId),
          items.map((i) => i.ticketId),
          items.map((i) => i.at),
          items.map((i) => [...i.foundBy].join(',')),
        ],
        tx,
      );
    }
  }

  /** Items whose text is read for other people's identifiers, one page after `after`. */
  withText(dsarId: string, after: string, limit: number): Promise<ItemRow[]> {
    return this.query<ItemRow>(
      `SELECT id, item_type, source_id, ticket_id, found_by, at, excluded_at, exclude_reason FROM dsar_items
          WHERE dsar_id = $1 AND id > $2 AND item_type IN ('ticket', 'message', 'attachment', 'recording', 'audit', 'email', 'outbound_email', 'reply_draft')
          ORDER BY id LIMIT $3`,
      [dsarId, after, limit],
    );
  }

  /** One page of a request's items, in order, after `after`. */
  page(dsarId: string, after: string, limit: number): Promise<ItemRow[]> {
    return this.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM dsar_items WHERE dsar_id = $1 AND id > $2 ORDER BY id LIMIT $3`,
      [dsarId, after, limit],
    );
  }

  /** Per type: how many, how many only mention the subject, and how many are excluded. */
  counts(dsarId: string): Promise<ItemCountRow[]> {
    return this.query<ItemCountRow>(
      `SELECT item_type, count(*)::int AS n,
                count(*) FILTER (WHERE NOT (found_by && ARRAY['requester', 'party', 'author', 'in_their_ticket',
                  'uploader', 'person', 'caller', 'on_their_ticket', 'about', 'listed', 'sender',
                  'recipient']))::int AS mentions,
                count(*) FILTER (WHERE excluded_at IS NOT NULL)::int AS excluded
           FROM dsar_items WHERE dsar_id = $1 GROUP BY item_type`,
      [dsarId],
    );
  }

  /** False when the request has no such item. */
  async setExcluded(
    tx: Tx,
    dsarId: string,
    itemId: string,
    excluded: boolean,
    reason: string | null,
    byId: string,
  ): Promise<boolean> {
    const changed: unknown[] = await this.query(
      `UPDATE dsar_items SET excluded_at = ${excluded ? 'now()' : 'NULL'}, exclude_reason = $3, excluded_by_id = $4
          WHERE id = $1 AND dsar_id = $2 RETURNING id`,
      [itemId, dsarId, reason, byId],
      tx,
    );
    return rowsOf(changed).length > 0;
  }
}

/** UPDATE … RETURNING through TypeORM comes back as [rows, count]. */
export function rowsOf(result: unknown[]): unknown[] {
  return Array.isArray(result[0]) ? (result[0] as unknown[]) : result;
}
