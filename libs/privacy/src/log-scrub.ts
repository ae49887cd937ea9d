/**
 * Masks emails and phone numbers inside arbitrary text, for log lines.
 *
 * Deliberately greedy: a false positive in a log costs nothing, a leaked identifier costs trust.
 * The precise detector used for the identifier index lives elsewhere in this lib.
 */
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
// A run of 7+ digits, allowing the separators people type: spaces, dots, dashes, brackets, a leading +.
const PHONE = /(?<![A-Za-z0-9_])(?:\+|00)?\(?\d(?:[\s().-]{0,2}\d){6,}(?![A-Za-z_])/g;
// UUIDs are ids, not phone numbers; protect them from the digit-run pattern.
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

export const EMAIL_MASK = '[email]';
export const PHONE_MASK = '[phone]';

export function scrubIdentifiers(text: string): string {
  if (!text) return text;
  const uuids: string[] = [];
  const guarded = text.replace(UUID, (m) => {
    uuids.push(m);
    return `\uE000${uuids.length - 1}\uE000`;
  });
  const scrubbed = guarded.replace(EMAIL, EMAIL_MASK).replace(PHONE, PHONE_MASK);
  return uuids.length ? scrubbed.replace(/\uE000(\d+)\uE000/g, (_, i: string) => uuids[Number(i)]) : scrubbed;
}

/** Applies `scrubIdentifiers` to every string inside a JSON-like value, returning a copy. */
export function scrubDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return scrubIdentifiers(value) as T;
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1)) as T;
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = scrubDeep(v, depth + 1);
  return out as T;
}
