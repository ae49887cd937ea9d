import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type MaskingStyle = 'email' | 'phone' | 'name' | 'full' | 'none';

export const MASK_BULLET = '•';
export const FULL_MASK = '•••••';

/**
 * What a role that may not see a value in clear sees instead.
 *
 * - `phone`: last three digits only, the rest as bullets grouped like a UK number: `07700 900123`
 *   (and `+447700900123`) → `••••• ••• 123`; other lengths keep the `… ••• 123` tail.
 * - `email`: first character of the local part, a bullet for each other character (at least 3), the
 *   domain: `alex.morgan@example.com` → `a••••••••••@example.com`.
 * - `name`: initials: `Alex Morgan` → `A. M.`
 * - `full`: `•••••` whatever the value; `none`: the value unchanged.
 *
 * `null` stays `null` and an empty string stays empty (there is nothing to hide).
 */
export function mask(value: string | null, style: MaskingStyle): string | null {
  if (value === null || value === undefined) return null;
  if (style === 'none') return value;
  if (value.trim() === '') return value;
  switch (style) {
    case 'email':
      return maskEmail(value);
    case 'phone':
      return maskPhone(value);
    case 'name':
      return maskName(value);
    default:
      return FULL_MASK;
  }
}

function maskEmail(value: string): string {
  const v = value.trim();
  const at = v.lastIndexOf('@');
  if (at <= 0 || at === v.length - 1) return FULL_MASK;
  const local = [...v.slice(0, at)];
  return local[0] + MASK_BULLET.repeat(Math.max(3, local.length - 1)) + v.slice(at);
}

function maskPhone(value: string): string {
  const v = value.trim().replace(/\s*(?:x|ext\.?|extn\.?|extension|#)\s*\d{1,6}$/i, '');
  let digits = v.replace(/\D/g, '');
  // UK numbers are shown in their national shape (07700 …) whether stored as typed or as E.164.
  const p =
    v.startsWith('+') || v.startsWith('00') ? parsePhoneNumberFromString(v.replace(/^00/, '+')) : undefined;
  if (p && p.countryCallingCode === '44') digits = '0' + p.nationalNumber;
  if (digits.length < 7) return FULL_MASK;
  const head = digits.length - 6;
  // leading bullets in one group of up to 5 ("•••••" for a UK number, "••••" for a US one), or in
  // near-equal groups of 3–4 for longer international numbers
  const parts = head <= 5 ? 1 : Math.ceil(head / 4);
  const headGroups = Array.from({ length: parts }, (_, k) =>
    MASK_BULLET.repeat(Math.floor(head / parts) + (k < head % parts ? 1 : 0)),
  );
  return [...headGroups, MASK_BULLET.repeat(3), digits.slice(-3)].join(' ');
}

function maskName(value: string): string {
  const initials = value
    .trim()
    .split(/\s+/)
    .map((part) => /[\p{L}\p{N}]/u.exec(part)?.[0])
    .filter((c): c is string => !!c)
    .map((c) => `${c.toLocaleUpperCase()}.`);
  return initials.length ? initials.join(' ') : FULL_MASK;
}
