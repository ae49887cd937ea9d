import {
  detectIdentifiers,
  fileExtension,
  findKnownEmails,
  findKnownPhones,
  normaliseName,
  redact,
  type Detection,
} from '@hushdesk/privacy';

export interface KnownIdentifiers {
  /** Normalised (lower-case). */
  emails: ReadonlySet<string>;
  /** E.164. */
  phones: ReadonlySet<string>;
  /** `normaliseName` keys. */
  nameKeys: ReadonlySet<string>;
}

/**
 * Replaces only one person's identifiers (normalised emails, E.164 phones, name keys), leaving
 * everyone else's: what an erasure does to other people's tickets that mention the person.
 */
export function scrubOnly(text: string, who: KnownIdentifiers): { text: string; removed: number } {
  const kept = findOnly(text, who);
  return { text: kept.length ? redact(text, kept) : text, removed: kept.length };
}

/**
 * A file name as texts to search, its extension left out: as written, and with `_`, `-` and `.`
 * read as spaces (same length), since file names join words with them: `Greta_Globex`,
 * `07700-900-555`.
 */
export function fileNameTexts(fileName: string): [string, string] {
  const ext = fileExtension(fileName);
  const base = ext ? fileName.slice(0, -ext.length) : fileName;
  return [base, fileNameWords(base)];
}

/** A file name's words as text: `_`, `-` and `.` read as spaces (same length, so offsets hold). */
export function fileNameWords(text: string): string {
  return text.replace(/[_.-]/g, ' ');
}

/** What an attachment says, for the identifier index and the erasure's rescan: its name and, for text, its content. */
export function attachmentTexts(fileName: string, content: string | null): string[] {
  return content === null ? fileNameTexts(fileName) : [...fileNameTexts(fileName), content];
}

/** A file name without one person's identifiers, read both ways as `fileNameTexts`; the extension kept. */
export function scrubFileNameOnly(
  fileName: string,
  who: KnownIdentifiers,
): { text: string; removed: number } {
  const [base] = fileNameTexts(fileName);
  const tail = fileName.slice(base.length);
  const once = scrubOnly(base, who);
  const kept = findOnly(fileNameWords(once.text), who);
  const text = kept.length ? redact(once.text, kept) : once.text;
  return { text: `${text}${tail}`, removed: once.removed + kept.length };
}

/**
 * Where one person's identifiers are in the text, never overlapping. The numbers and addresses are
 * known, so they are compared digit by digit and letter by letter in every written form (not left
 * to the open-ended detector's judgement of what looks like a phone); the detector's own findings
 * are kept too. The erasure scrubs exactly these, and its rescan counts exactly these.
 */
export function findOnly(text: string, who: KnownIdentifiers): Detection[] {
  if (!text) return [];
  const found = detectIdentifiers(text, { kinds: ['email', 'phone'] }).filter((d) =>
    d.kind === 'email' ? who.emails.has(d.normalised) : who.phones.has(d.normalised),
  );
  if (who.phones.size) found.push(...findKnownPhones(text, who.phones));
  if (who.emails.size) found.push(...findKnownEmails(text, who.emails));
  if (who.nameKeys.size) found.push(...findNames(text, new Set(who.nameKeys)));
  return nonOverlapping(found);
}

/**
 * The text with every email address blanked out (same length, so offsets still match): the words
 * of "dana.whitfield@example.com" are an address, not a mention of Dana Whitfield.
 */
export function blankEmails(text: string): string {
  let out = text;
  for (const d of detectIdentifiers(text, { kinds: ['email'] })) {
    out = out.slice(0, d.start) + ' '.repeat(d.end - d.start) + out.slice(d.end);
  }
  return out;
}

/** Whole-word occurrences of known names (as name keys) in the text, case- and accent-insensitively. */
export function findNames(text: string, keys: Set<string>): Detection[] {
  const words = [...blankEmails(text).matchAll(/[\p{L}][\p{L}'’-]*/gu)];
  const out: Detection[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const n of [3, 2]) {
      if (i + n > words.length) continue;
      const span = words.slice(i, i + n);
      const key = normaliseName(span.map((w) => w[0]).join(' '));
      if (keys.has(key)) {
        const start = span[0].index as number;
        const last = span[n - 1];
        const end = (last.index as number) + last[0].length;
        out.push({ kind: 'name', start, end, raw: text.slice(start, end), normalised: key });
        break;
      }
    }
  }
  return out;
}

export function nonOverlapping(ds: Detection[]): Detection[] {
  const sorted = [...ds].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Detection[] = [];
  for (const d of sorted) if (!out.length || d.start >= out[out.length - 1].end) out.push(d);
  return out;
}
