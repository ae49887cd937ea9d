import { normaliseEmail } from '../email';
import type { Detection } from './types';

/**
 * Known email addresses in free text, however they were written: in any case, after `mailto:`,
 * percent-encoded in a link (`priya.shah%40acme.example`), with spaces around the `@`, or spelt
 * out for people (`priya.shah [at] acme [dot] example`, `priya dot shah at acme dot example`).
 * Only the given addresses are looked for, so the spelt-out forms cannot catch anything else.
 */
export function findKnownEmails(text: string, emails: Iterable<string>): Detection[] {
  if (typeof text !== 'string' || !text) return [];
  const out: Detection[] = [];
  for (const email of new Set([...emails].map(normaliseEmail))) {
    const pattern = patternFor(email);
    if (!pattern) continue;
    for (const m of text.matchAll(pattern)) {
      out.push({ kind: 'email', start: m.index, end: m.index + m[0].length, raw: m[0], normalised: email });
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

// Only syntax characters may be escaped in a Unicode pattern ("\-" is an error there).
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const DOT = String.raw`(?:\.|%2[eE]|\s*[[({]\s*dot\s*[\])}]\s*|\s+dot\s+)`;
const AT = String.raw`(?:\s?@\s?|%40|\s*[[({]\s*at\s*[\])}]\s*|\s+at\s+)`;
// Not inside a longer address: no address character right before, unless it ends a %XX escape
// ("%3Cpriya…" in a link), and no more of a domain right after.
const BEFORE = String.raw`(?<![\p{L}\p{N}._+'\-](?<!%[0-9A-Fa-f]{2}))`;
const AFTER = String.raw`(?![\p{L}\p{N}_\-]|(?:\.|%2[eE])[\p{L}\p{N}])`;

function patternFor(email: string): RegExp | null {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return null;
  const local = email.slice(0, at).split('.').map(escape).join(DOT);
  const domain = email
    .slice(at + 1)
    .split('.')
    .map(escape)
    .join(DOT);
  try {
    return new RegExp(`${BEFORE}${local}${AT}${domain}${AFTER}`, 'giu');
  } catch {
    // The engine's message quotes the pattern, and so the address: never let it reach a log.
    throw new Error('findKnownEmails: an address could not be turned into a pattern');
  }
}
