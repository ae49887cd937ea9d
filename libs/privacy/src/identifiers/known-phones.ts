import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { normalisePhone } from './phone';
import type { Detection } from './types';

/**
 * Known phone numbers in free text, whatever the separators.
 *
 * The open-ended detector (`findPhones`) decides whether a run of digits is a phone at all, and
 * rightly refuses shapes it cannot tell from ids. When the numbers are known (an erasure, a
 * subject-access request), there is nothing to guess: every run of digit groups joined by the
 * separators people type (spaces, dots, hyphens, dashes, slashes, brackets, a line break) is
 * reduced to its digits, and compared with every way the known numbers can be dialled:
 *
 *  - international: `+44 7700 900123`, `0044-7700-900-123` (also `011` for North America);
 *  - with the bracketed trunk zero: `+44 (0)7700 900 123`, `0044 (0) 7700…`;
 *  - national: `07700 900123`, `(07700) 900-123`, `0 7 7 0 0 9 0 0 1 2 3`;
 *  - the national number without its trunk prefix: `7700 900123`.
 *
 * A match starts and ends on a digit group's edge, never inside a group of digits: `107700900123`
 * does not hold `07700900123`.
 */

/** Separators allowed between two digit groups of one written number, at most this long. */
const SEPARATOR = /[ \t\u00a0\u2009\u202f\r\n.\-\u2010\u2011\u2012\u2013\u2014/()]{1,4}/y;
const MAX_SEPARATOR_NEWLINES = 1;
const DIGITS = /\d+/y;

interface Group {
  start: number;
  end: number;
  digits: string;
}

interface Run {
  groups: Group[];
  /** The run's digits, and where each group starts in them. */
  digits: string;
  offsets: number[];
  /** Offset of a `+` written right before the run (`+44`, `+ 44`), or null. */
  plusAt: number | null;
}

/** Runs of digit groups joined by separators, in text order. */
function digitRuns(text: string): Run[] {
  const runs: Run[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    const groups: Group[] = [];
    let at = i;
    for (;;) {
      DIGITS.lastIndex = at;
      const m = DIGITS.exec(text) as RegExpExecArray;
      groups.push({ start: at, end: at + m[0].length, digits: m[0] });
      at += m[0].length;
      SEPARATOR.lastIndex = at;
      const sep = SEPARATOR.exec(text);
      if (!sep) break;
      const next = at + sep[0].length;
      if (!/\d/.test(text[next] ?? '')) break;
      if ((sep[0].match(/\n/g)?.length ?? 0) > MAX_SEPARATOR_NEWLINES) break;
      at = next;
    }
    const offsets: number[] = [];
    let digits = '';
    for (const g of groups) {
      offsets.push(digits.length);
      digits += g.digits;
    }
    runs.push({ groups, digits, offsets, plusAt: plusBefore(text, groups[0].start) });
    i = groups[groups.length - 1].end;
  }
  return runs;
}

function plusBefore(text: string, start: number): number | null {
  if (text[start - 1] === '+') return start - 1;
  if (text[start - 2] === '+' && /[ \t(]/.test(text[start - 1])) return start - 2;
  return null;
}

interface DialledForm {
  digits: string;
  /** Starts with the country code (after `+`, `00` or `011`): may follow nothing but itself. */
  international: boolean;
}

function formsOf(e164: string): DialledForm[] {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return [];
  const cc = parsed.countryCallingCode;
  const nsn = parsed.nationalNumber;
  const forms = new Map<string, boolean>();
  for (const f of [`${cc}${nsn}`, `00${cc}${nsn}`, `${cc}0${nsn}`, `00${cc}0${nsn}`]) forms.set(f, true);
  if (cc === '1') forms.set(`011${cc}${nsn}`, true);
  const national = parsed.formatNational().replace(/\D/g, '');
  if (!forms.has(national)) forms.set(national, false);
  if (cc === '1' && !forms.has(`1${nsn}`)) forms.set(`1${nsn}`, false);
  // "7700 900123": the national number alone, only when long enough not to be something else.
  if (nsn.length >= 9 && !forms.has(nsn)) forms.set(nsn, false);
  return [...forms]
    .filter(([digits]) => digits.length >= 7)
    .map(([digits, international]) => ({ digits, international }))
    .sort((a, b) => b.digits.length - a.digits.length);
}

/** Every digit sequence a written form of this E.164 number reduces to, longest first. */
export function dialledForms(e164: string): string[] {
  return formsOf(e164).map((f) => f.digits);
}

/** Where each of these numbers is written in the text, in any of the forms above. */
export function findKnownPhones(text: string, e164s: Iterable<string>): Detection[] {
  if (typeof text !== 'string' || !text) return [];
  const known = [...new Set(e164s)]
    .flatMap((e164) => formsOf(e164).map((f) => ({ ...f, e164 })))
    .sort((a, b) => b.digits.length - a.digits.length);
  if (!known.length) return [];
  const out: Detection[] = [];
  for (const run of digitRuns(text)) {
    let g = 0;
    while (g < run.groups.length) {
      const from = run.offsets[g];
      const hit = known.find(
        (k) =>
          run.digits.startsWith(k.digits, from) &&
          lastGroupEndingAt(run, from + k.digits.length) >= 0 &&
          (k.international || !afterCountryCode(run, g)),
      );
      if (!hit) {
        g++;
        continue;
      }
      const last = lastGroupEndingAt(run, from + hit.digits.length);
      out.push(detection(text, run, g, last, hit.e164));
      g = last + 1;
    }
  }
  return out;
}

function lastGroupEndingAt(run: Run, digitEnd: number): number {
  for (let k = 0; k < run.groups.length; k++) {
    const end = run.offsets[k] + run.groups[k].digits.length;
    if (end === digitEnd) return k;
    if (end > digitEnd) return -1;
  }
  return -1;
}

/** `+1 7700 900123` is not the national `7700 900123`: a country code (or `00CC`) came first. */
function afterCountryCode(run: Run, g: number): boolean {
  if (g === 0) return false;
  const before = run.digits.slice(0, run.offsets[g]);
  if (run.plusAt !== null && before.length <= 3) return true;
  return /^00\d{1,3}$/.test(before) || /^00$/.test(before);
}

/** The span of groups g..last, taking in a `+` before it and brackets it opens or closes. */
function detection(text: string, run: Run, g: number, last: number, e164: string): Detection {
  let start = run.groups[g].start;
  let end = run.groups[last].end;
  if (g === 0 && run.plusAt !== null) start = run.plusAt;
  const span = () => text.slice(start, end);
  const opens = (s: string) => (s.match(/\(/g)?.length ?? 0) - (s.match(/\)/g)?.length ?? 0);
  // "(07700) 900123": the bracket belongs to the number.
  if (text[start - 1] === '(' && opens(span()) < 0) start--;
  // "07700 (900123)" or "+44 (0": a bracket the number opened closes right after it.
  if (opens(span()) > 0 && text[end] === ')') end++;
  return { kind: 'phone', start, end, raw: text.slice(start, end), normalised: e164 };
}

/**
 * The E.164 numbers that runs of digits in the text can be read as, when they start the way a
 * phone number is written (`+`, `00` or a trunk `0`), taking the longest reading at each group.
 * Wider than `findPhones`, for text whose numbers are known to be someone's contact details
 * (what a subject wrote about themselves), never for guessing in other people's text.
 */
export function phoneNumbersIn(text: string): string[] {
  if (typeof text !== 'string' || !text) return [];
  const found = new Set<string>();
  for (const run of digitRuns(text)) {
    let g = 0;
    while (g < run.groups.length) {
      const plus = g === 0 && run.plusAt !== null;
      let taken = -1;
      if (plus || run.groups[g].digits.startsWith('0')) {
        for (let last = run.groups.length - 1; last >= g && taken < 0; last--) {
          const digits = run.digits.slice(run.offsets[g], run.offsets[last] + run.groups[last].digits.length);
          if (digits.length < 7 || digits.length > 17) continue;
          const e164 = normalisePhone(readable(run, g, last, plus));
          if (e164) {
            found.add(e164);
            taken = last;
          }
        }
      }
      g = taken >= 0 ? taken + 1 : g + 1;
    }
  }
  return [...found];
}

/** Groups g..last as `normalisePhone` reads them: digits and a `(0)` it knows, nothing else. */
function readable(run: Run, g: number, last: number, plus: boolean): string {
  return (
    (plus ? '+' : '') +
    run.groups
      .slice(g, last + 1)
      .map((x, k) => (k === 1 && plus && x.digits === '0' ? '(0)' : x.digits))
      .join(' ')
  );
}

/** Digits compared at the end of a number: every written form of it ends with the same ones. */
export const PHONE_TAIL_DIGITS = 7;

/** The last digits of a number, as `phoneTails` finds them at the end of any written form. */
export function phoneTail(e164: string): string {
  return e164.replace(/\D/g, '').slice(-PHONE_TAIL_DIGITS);
}

/**
 * The last digits before every digit group's end in the text (with at least that many digits in
 * the run so far): a text holding any written form of a number holds the number's tail here. An
 * index of these tails finds the texts worth checking with `findKnownPhones`.
 */
export function phoneTails(text: string): string[] {
  if (typeof text !== 'string' || !text) return [];
  const tails = new Set<string>();
  for (const run of digitRuns(text)) {
    if (run.digits.length < PHONE_TAIL_DIGITS) continue;
    run.groups.forEach((grp, k) => {
      const end = run.offsets[k] + grp.digits.length;
      if (end >= PHONE_TAIL_DIGITS) tails.add(run.digits.slice(end - PHONE_TAIL_DIGITS, end));
    });
  }
  return [...tails];
}
