import { createHash } from 'node:crypto';

export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
  payload: Record<string, unknown>;
}

export const GENESIS_HASH: string = '0'.repeat(64);

/**
 * JSON with the keys of every object sorted (by UTF-16 code unit, as `Array.prototype.sort`) and no
 * whitespace, so the same data always hashes the same. Follows JSON.stringify otherwise: Dates (and
 * anything with toJSON) use toJSON (ISO strings), `undefined`/functions/symbols are dropped from
 * objects and become null in arrays, non-finite numbers become null. BigInt, Map, Set and cycles throw
 * rather than being silently mangled in an audit record.
 */
export function canonicalJson(value: unknown): string {
  const out = write(value, new Set());
  if (out === undefined) throw new TypeError('canonicalJson: value is not representable as JSON');
  return out;
}

function write(value: unknown, stack: Set<object>): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
    if (value === null) return 'null';
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: BigInt is not supported; convert it to a string first');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'object':
      break;
  }
  const obj = value as object;
  if (obj instanceof Map || obj instanceof Set)
    throw new TypeError('canonicalJson: Map and Set are not supported');
  if (stack.has(obj)) throw new TypeError('canonicalJson: circular structure');
  stack.add(obj);
  try {
    if (Array.isArray(obj)) return `[${obj.map((v) => write(v, stack) ?? 'null').join(',')}]`;
    const parts: string[] = [];
    for (const key of Object.keys(obj).sort()) {
      const v = write((obj as Record<string, unknown>)[key], stack);
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    stack.delete(obj);
  }
}

/** sha256 hex of `prevHash + '\n' + canonicalJson(payload)`. */
export function linkHash(prevHash: string, payload: Record<string, unknown>): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(payload)}`, 'utf8')
    .digest('hex');
}

/**
 * Walks the links in order. Each link's prevHash must equal the previous link's hash (the first:
 * `startPrevHash`, GENESIS_HASH by default, or the hash of the last link before a verified range),
 * else `prev_mismatch` (a link deleted, inserted or reordered); its hash must equal linkHash(prevHash,
 * payload), else `hash_mismatch` (the payload or hash was changed). Stops at the first broken link;
 * `checked` counts the links that verified before it (all of them when ok).
 *
 * `seq` is reported but not hashed: include it in the payload if it must be tamper-evident.
 */
export function verifyChain(
  links: Iterable<ChainLink>,
  startPrevHash: string = GENESIS_HASH,
): {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: 'hash_mismatch' | 'prev_mismatch' } | null;
} {
  let expectedPrev = startPrevHash;
  let checked = 0;
  for (const link of links) {
    if (link.prevHash !== expectedPrev) {
      return { ok: false, checked, firstBroken: { seq: link.seq, reason: 'prev_mismatch' } };
    }
    let hash: string;
    try {
      hash = linkHash(link.prevHash, link.payload);
    } catch {
      return { ok: false, checked, firstBroken: { seq: link.seq, reason: 'hash_mismatch' } };
    }
    if (hash !== link.hash)
      return { ok: false, checked, firstBroken: { seq: link.seq, reason: 'hash_mismatch' } };
    expectedPrev = link.hash;
    checked++;
  }
  return { ok: true, checked, firstBroken: null };
}

/** Builds the next link for a payload (a convenience for writers and tests). */
export function nextLink(
  prev: Pick<ChainLink, 'seq' | 'hash'> | null,
  payload: Record<string, unknown>,
): ChainLink {
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  return { seq: prev ? prev.seq + 1 : 1, prevHash, hash: linkHash(prevHash, payload), payload };
}
