import type { Detection } from './types';

/** Letters NFKD does not decompose but that people type without their diacritic. */
const FOLD: Record<string, string> = {
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ħ: 'h',
  ı: 'i',
  ŧ: 't',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  þ: 'th',
};
const FOLD_RE = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'g');
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const DASHES = /[\u2010\u2011]/g;
const WORD_RE = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
/** Words in running text: apostrophes and hyphens of any typographic kind inside a word. */
const TEXT_WORD_RE = /[\p{L}\p{M}\p{N}]+(?:['\u2019\u02bc\u2010\u2011-][\p{L}\p{M}\p{N}]+)*/gu;

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(FOLD_RE, (c) => FOLD[c])
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-');
}

/**
 * Lower-case, diacritics stripped (NFKD, plus ø→o, ł→l, ß→ss and the like), punctuation dropped
 * except a hyphen or apostrophe inside a word, single spaces: "  Ádám  O’Brien-Kovács, Jr. " →
 * "adam o'brien-kovacs jr".
 */
export function normaliseName(name: string): string {
  return (fold(name).match(WORD_RE) ?? []).join(' ');
}

interface Token {
  start: number;
  end: number;
  norm: string;
  /** for a possessive ("Archer's"): the token without it */
  stem: { end: number; norm: string } | null;
}

interface Pattern {
  tokens: string[];
  /** allowed separator before tokens[k] (k ≥ 1): 'space' or 'comma' */
  seps: Array<'space' | 'comma'>;
  normalised: string;
}

const SPACE_SEP = /^\.?[ \t\u00a0]+$/;
const COMMA_SEP = /^[ \t\u00a0]*,[ \t\u00a0]*$/;

/**
 * Finds the names of KNOWN people in text: whole words only, ignoring case and diacritics, with
 * initials written with or without a dot ("Faina D. Yefremova" / "Faina D Yefremova"), the
 * "Surname, Forename" order, and a trailing possessive ("Alice Archer's": the match stops before "'s").
 */
export class NameMatcher {
  private readonly byFirst = new Map<string, Pattern[]>();

  constructor(fullNames: readonly string[]) {
    const seen = new Set<string>();
    for (const full of fullNames) {
      const normalised = normaliseName(full ?? '');
      if (!normalised || seen.has(normalised)) continue;
      seen.add(normalised);
      const tokens = normalised.split(' ');
      this.add({ tokens, seps: tokens.map(() => 'space'), normalised });
      if (tokens.length >= 2) {
        const surname = tokens[tokens.length - 1];
        const forenames = tokens.slice(0, -1);
        this.add({
          tokens: [surname, ...forenames],
          seps: ['space', 'comma', ...forenames.slice(1).map(() => 'space' as const)],
          normalised,
        });
      }
    }
  }

  /** Number of distinct names known. */
  get size(): number {
    let n = 0;
    for (const list of this.byFirst.values()) n += list.filter((p) => p.seps[1] !== 'comma').length;
    return n;
  }

  find(text: string): Detection[] {
    if (!text || this.byFirst.size === 0) return [];
    const tokens = tokenize(text);
    const found: Detection[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i];
      const candidates = [
        ...(this.byFirst.get(first.norm) ?? []),
        ...(first.stem ? (this.byFirst.get(first.stem.norm) ?? []) : []),
      ];
      for (const p of candidates) {
        const end = matchAt(text, tokens, i, p);
        if (end !== null) {
          found.push({
            kind: 'name',
            start: first.start,
            end,
            raw: text.slice(first.start, end),
            normalised: p.normalised,
          });
        }
      }
    }
    return resolveOverlaps(found);
  }

  private add(p: Pattern) {
    const list = this.byFirst.get(p.tokens[0]);
    if (list) list.push(p);
    else this.byFirst.set(p.tokens[0], [p]);
  }
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TEXT_WORD_RE)) {
    const start = m.index;
    const end = start + m[0].length;
    const norm = normaliseName(m[0]);
    const poss = /^(.*?)['\u2019]s$/iu.exec(m[0]);
    out.push({
      start,
      end,
      norm,
      stem: poss && poss[1] ? { end: start + poss[1].length, norm: normaliseName(poss[1]) } : null,
    });
  }
  return out;
}

/** End offset of a match of `p` starting at token i, or null. */
function matchAt(text: string, tokens: Token[], i: number, p: Pattern): number | null {
  const n = p.tokens.length;
  if (i + n > tokens.length) return null;
  for (let k = 0; k < n; k++) {
    const t = tokens[i + k];
    const last = k === n - 1;
    if (k > 0) {
      const sep = text.slice(tokens[i + k - 1].end, t.start);
      if (!(p.seps[k] === 'comma' ? COMMA_SEP : SPACE_SEP).test(sep)) return null;
      // a dot is only allowed after an initial or a short title ("Mrs.", "Jr.")
      if (sep.startsWith('.') && tokens[i + k - 1].norm.length > 3) return null;
    }
    if (t.norm === p.tokens[k]) {
      if (last) return t.end;
      continue;
    }
    if (last && t.stem && t.stem.norm === p.tokens[k]) return t.stem.end;
    return null;
  }
  return null;
}

/** Longest first, then earliest; returns non-overlapping detections sorted by start. */
export function resolveOverlaps<T extends { start: number; end: number }>(
  items: readonly T[],
  rank?: (t: T) => number,
): T[] {
  const sorted = [...items].sort(
    (a, b) => b.end - b.start - (a.end - a.start) || (rank ? rank(a) - rank(b) : 0) || a.start - b.start,
  );
  const taken: T[] = [];
  for (const d of sorted) if (!taken.some((t) => t.start < d.end && d.start < t.end)) taken.push(d);
  return taken.sort((a, b) => a.start - b.start);
}
