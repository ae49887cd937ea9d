import { findEmails } from './email';
import type { NameMatcher } from './name';
import { resolveOverlaps } from './name';
import { findPhones, type CountryCode } from './phone';
import type { Detection, IdentifierKind } from './types';

export interface DetectOptions {
  /** the known people whose names to look for; without it, no names are detected */
  names?: NameMatcher;
  /** how to read national phone numbers; 'GB' by default */
  defaultCountry?: CountryCode;
  /** only these kinds (all by default) */
  kinds?: readonly IdentifierKind[];
}

const RANK: Record<IdentifierKind, number> = { email: 0, phone: 1, name: 2 };

/** Emails, phone numbers and known names in `text`, sorted by start and never overlapping (the longer span wins). */
export function detectIdentifiers(text: string, opts: DetectOptions = {}): Detection[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const kinds = new Set<IdentifierKind>(opts.kinds ?? ['email', 'phone', 'name']);
  const all: Detection[] = [];
  if (kinds.has('email')) all.push(...findEmails(text));
  if (kinds.has('phone')) all.push(...findPhones(text, { defaultCountry: opts.defaultCountry }));
  if (kinds.has('name') && opts.names) all.push(...opts.names.find(text));
  return resolveOverlaps(all, (d) => RANK[d.kind]);
}
