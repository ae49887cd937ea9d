import { normaliseEmail } from '../email';
import type { Detection } from './types';

// Practical RFC 5322: dot-atoms only (no quoted local parts, no IP-literal domains), Unicode letters allowed.
// Local part: atoms of letters, digits and ! # $ % & ' * + / = ? ^ _ ` { | } ~ - joined by single dots.
// Domain: labels of letters/digits/hyphens (not starting or ending with a hyphen), TLD of 2+ letters.
const ATOM = String.raw`[\p{L}\p{N}!#$%&'\u2019*+/=?^_\x60{|}~-]+`;
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?`;
const EMAIL_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}!#$%&*+/=?^_\x60{|}~.@-])(${ATOM}(?:\.${ATOM})*)@((?:${LABEL}\.)+\p{L}{2,63})(?![\p{L}\p{N}_@-]|\.[\p{L}\p{N}])`,
  'gu',
);
// Characters people put around an address that the atom class would otherwise swallow.
const LEADING_JUNK = /^['\u2019{|}~=/?^`!#$%&*]+/u;

// "icon@2x.png": a file name, not an address (none of these is a top-level domain).
const FILE_EXTENSION =
  /\.(?:png|jpe?g|gif|svg|webp|bmp|ico|tiff?|heic|pdf|docx?|xlsx?|pptx?|csv|txt|log|json|xml|ya?ml|html?|js|ts|css|exe|dll|tar|gz|tgz|7z|rar|mp3|mp4|wav|webm)$/i;

export function findEmails(text: string): Detection[] {
  const out: Detection[] = [];
  for (const m of text.matchAll(EMAIL_RE)) {
    let start = m.index;
    let raw = m[0];
    const junk = LEADING_JUNK.exec(raw);
    if (junk) {
      start += junk[0].length;
      raw = raw.slice(junk[0].length);
      if (raw.startsWith('.') || raw.startsWith('@')) continue;
    }
    if (FILE_EXTENSION.test(raw)) continue;
    out.push({ kind: 'email', start, end: start + raw.length, raw, normalised: normaliseEmail(raw) });
  }
  return out;
}
