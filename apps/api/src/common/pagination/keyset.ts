import { DomainError } from '../errors/domain-error';
import { IntField, TextField } from '../validation/fields';

/** Every keyset-paginated list: pass `nextCursor` back as `cursor` for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export class PageQueryDto {
  @IntField({ optional: true, min: 1, max: 100, description: 'Items per page (default 25)' })
  limit?: number;

  @TextField({ optional: true, max: 200, description: 'The nextCursor of the previous page' })
  cursor?: string;
}

/**
 * `LIMIT n + 1` written into the SQL, not passed as a parameter: with an unknown LIMIT PostgreSQL
 * plans for a tenth of the table, so a prepared page query never settled on its cached plan and
 * was planned again on every call (3.6 ms of planning for 1.2 ms of execution). The DTO bounds
 * the limit to 1–100, so a statement has at most a hundred texts.
 */
export function limitPlusOne(limit: number): string {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw DomainError.invalidField('limit', 'must be 1 to 100');
  return `LIMIT ${limit + 1}`;
}

/** A cursor is the sort key of the last item seen: opaque to clients, validated on the way back in. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => typeof k === 'string' || typeof k === 'number')
    ) {
      return key;
    }
  } catch {
    // fall through
  }
  throw DomainError.invalidField('cursor', 'is not a valid cursor');
}

/** Rows fetched with `limit + 1`: the extra row only says whether another page exists. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (row: R) => T,
  keyOf: (row: R) => (string | number)[],
): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return {
    items: items.map(map),
    nextCursor: more && items.length ? encodeCursor(keyOf(items[items.length - 1])) : null,
  };
}

export const DEFAULT_PAGE_SIZE = 25;
