import { createHmac } from 'node:crypto';

/**
 * A keyed hash (HMAC-SHA256) of a normalised identifier, namespaced by kind so an email and a phone
 * that happen to share a string never collide. Without the key, the hash reveals nothing and
 * cannot be brute-forced from a list of likely emails.
 */
export function keyedHash(key: Buffer | string, kind: string, normalisedValue: string): Buffer {
  return createHmac('sha256', key).update(kind).update('\u0000').update(normalisedValue).digest();
}
