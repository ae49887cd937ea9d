import { createHmac, randomBytes } from 'node:crypto';

/**
 * Message-IDs as threading uses them. Ours are `<hd.{ticket reference}.{random}@{domain}>`, so a
 * reply that names one finds its ticket without a lookup; everyone else's are found through
 * email_messages by their keyed hash. Either way the sender must still be allowed to write there.
 */

/** Every `<...>` id in a Message-ID, In-Reply-To or References header, in order, without brackets. */
export function messageIdsIn(header: string | null | undefined): string[] {
  if (!header) return [];
  const ids = [...header.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]);
  // Some clients write a bare id with no brackets.
  if (!ids.length && /^\S+@\S+$/.test(header.trim())) return [header.trim()];
  return ids;
}

/** A new Message-ID of ours for a mail about ticket `reference`. */
export function ourMessageId(reference: string | number, domain: string): string {
  return `<hd.${reference}.${randomBytes(9).toString('base64url')}@${domain}>`;
}

/** The ticket number one of our Message-IDs names (brackets optional), or null when it is not ours. */
export function ticketNumberInOurId(id: string, domain: string): number | null {
  const m = /^<?hd\.(\d{1,12})\.[A-Za-z0-9_-]+@([^<>\s]+?)>?$/.exec(id.trim());
  return m && m[2].toLowerCase() === domain.toLowerCase() ? Number(m[1]) : null;
}

/**
 * The key a mail is known by: a keyed hash of its Message-ID, or of its bytes when it has none
 * (the same mail fetched again has the same bytes). Keyed, so the table reveals no ids.
 */
export function messageKeyOf(key: Buffer, messageId: string | null, raw: Buffer): Buffer {
  const mac = createHmac('sha256', key);
  if (messageId) mac.update('id:').update(messageId.trim());
  else mac.update('raw:').update(raw);
  return mac.digest();
}

/** `messageKeyOf` for a mail read as a stream (a file too big to hold): the same key for the same bytes. */
export async function messageKeyOfStream(
  key: Buffer,
  messageId: string | null,
  raw: () => AsyncIterable<Buffer>,
): Promise<Buffer> {
  if (messageId) return messageKeyOf(key, messageId, Buffer.alloc(0));
  const mac = createHmac('sha256', key).update('raw:');
  for await (const chunk of raw()) mac.update(chunk);
  return mac.digest();
}
