import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js';
import type { Detection } from './types';

export type { CountryCode } from 'libphonenumber-js';

/**
 * Phone numbers in free text.
 *
 * A hand-written scanner finds runs of digit groups joined by the separators people type (space,
 * hyphen, dot, brackets, `(0)`, a leading `+`, `00`, `(+44)`, `+(44)` or `(0044)`, a trailing `x123` /
 * `ext. 123`). Each run, or a whitespace-separated slice of it when it holds several numbers, is then
 * accepted on one of:
 *
 *  1. international: `+CC…` or `00CC…` (`011CC…` for a North American default) that
 *     libphonenumber-js finds possible; also the default country's code with neither, when `(0)`
 *     follows it (`44 (0)7700 900123`) or a phone word is near (`Phone: 44 7700 900123`);
 *  2. national: valid for the default country (GB: also "possible" UK numbers with a 9–10 digit
 *     national number, which covers Ofcom's drama ranges that libphonenumber deliberately rejects);
 *  3. North American layout (`(415) 555-0132`, `415-555-0132`, `415.555.0132`) valid for the US;
 *  4. anything else of 7–12 digits only when a phone word is near ("Phone:", "call me on", "fax",
 *     "… office") and no id word is right before it ("order", "invoice", "sort code", …).
 *
 * Dates, times, IP addresses, UUIDs, ticket refs (HD-000123), money, card numbers, IBANs, SSNs and
 * digits glued to letters or to `-` `/` `.` `:` never match (save a phone abbreviation: `Tel.07700…`).
 * Nor does a number right after an id word ("order", "asset tag", "barcode", …), or the later
 * numbers of a list after one, nor digits spelt one by one or in pairs after words that make them a
 * list of small numbers ("Calls per hour: 0 7 7 0 0 9 …", "lottery numbers 07 12 23 34 45").
 */

const DEFAULT_COUNTRY: CountryCode = 'GB';

/** E.164 form of a phone number, or null when it is not a plausible number. */
export function normalisePhone(raw: string, defaultCountry: CountryCode = DEFAULT_COUNTRY): string | null {
  if (typeof raw !== 'string') return null;
  const cleaned = stripExtension(raw.trim());
  if (!cleaned || /[\p{L}]/u.test(cleaned.replace(/^tel:/i, ''))) return null;
  const digits = cleaned.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 17) return null;
  const parsed = parseCandidate(cleaned, defaultCountry);
  return parsed ? parsed.number : null;
}

function stripExtension(s: string): string {
  return s.replace(/\s*(?:x|ext\.?|extn\.?|extension|#)\s*\d{1,6}$/i, '').trim();
}

/** Returns the parsed number when it is valid, or acceptably possible (see the rules above). */
function parseCandidate(s: string, defaultCountry: CountryCode): PhoneNumber | null {
  const body = unbracketCountryCode(s.replace(/^tel:/i, '').trim());
  const digits = body.replace(/\D/g, '');
  const idd = iddPrefix(defaultCountry);
  const intl = body.startsWith('+') || idd.test(digits);
  if (intl) {
    const e = '+' + (body.startsWith('+') ? digits : digits.replace(idd, ''));
    // `+44 (0)20 …`: drop the bracketed trunk zero people write after the country code.
    const withoutTrunk = body.startsWith('+') ? body.replace(/^(\+\s*\d{1,3})\s*\(0\)/, '$1 ') : e;
    const p = parsePhoneNumberFromString(withoutTrunk, defaultCountry) ?? parsePhoneNumberFromString(e);
    if (p && (p.isValid() || p.isPossible())) return p;
    return null;
  }
  // North American numbers written without +1 ("(415) 555-0132", "345-899-3560"): without a trunk
  // zero, a valid North American reading beats a national one.
  if (!NANP.has(defaultCountry) && /^1?[2-9]\d{2}[2-9]\d{6}$/.test(digits)) {
    const us = parsePhoneNumberFromString(digits.length === 11 ? '+' + digits : '+1' + digits);
    if (us?.isValid()) return us;
  }
  const p = parsePhoneNumberFromString(body, defaultCountry);
  if (p?.isValid()) return p;
  if (
    p &&
    p.country === 'GB' &&
    defaultCountry === 'GB' &&
    digits.startsWith('0') &&
    p.isPossible() &&
    p.nationalNumber.length >= 9 &&
    /^[1-35789]/.test(p.nationalNumber)
  ) {
    return p;
  }
  // "44 7700 900123": the default country's code without + or 00, when no national reading fits.
  // Only that country's code, so an arbitrary run of digits is not read as some country's number.
  if (/^\d/.test(body) && !digits.startsWith('0') && digits.startsWith(callingCode(defaultCountry))) {
    const international = parseCandidate('+' + body, defaultCountry);
    if (international?.countryCallingCode === callingCode(defaultCountry)) return international;
  }
  return null;
}

/** "(+44) 20…", "+(44) 20…" → "+44 20…"; "(0044) 20…" → "0044 20…": brackets people put round a country code. */
function unbracketCountryCode(s: string): string {
  return s
    .replace(
      /^(?:\([ \t]?\+[ \t]?(\d{1,3})[ \t]?\)|\+[ \t]?\([ \t]?(\d{1,3})[ \t]?\))[ \t]?/,
      (_, a, b) => `+${a ?? b} `,
    )
    .replace(/^\([ \t]?((?:00|011)[1-9]\d{0,2})[ \t]?\)[ \t]?/, '$1 ');
}

const CALLING_CODES = new Map<CountryCode, string>();
function callingCode(country: CountryCode): string {
  let cc = CALLING_CODES.get(country);
  if (cc === undefined) {
    cc = getCountryCallingCode(country);
    CALLING_CODES.set(country, cc);
  }
  return cc;
}

/** North American Numbering Plan countries dial 011 for abroad; (nearly) everyone else dials 00. */
const NANP = new Set([
  'US',
  'CA',
  'AG',
  'AI',
  'AS',
  'BB',
  'BM',
  'BS',
  'DM',
  'DO',
  'GD',
  'GU',
  'JM',
  'KN',
  'KY',
  'LC',
  'MP',
  'MS',
  'PR',
  'SX',
  'TC',
  'TT',
  'VC',
  'VG',
  'VI',
]);
function iddPrefix(country: CountryCode): RegExp {
  return NANP.has(country) ? /^011(?=[1-9])/ : /^00(?=[1-9])/;
}

// ---------------------------------------------------------------------------------------------------
// Scanner

interface Group {
  start: number;
  end: number;
  digits: string;
  paren: boolean;
  /** separator text between the previous group and this one */
  sep: string;
}

interface Run {
  plusAt: number | null;
  groups: Group[];
  /** end of the trailing extension, when there is one */
  extEnd: number | null;
}

const START_RE = /\+[ \t]?(?=[\d(])|\((?=\d|[ \t]?\+[ \t]?\d)|\d/g;
const DIGITS_RE = /\d+/y;
const PAREN_RE = /\(\s?(\d{1,5})\s?\)/y;
/** "(+44)": a country code in brackets, only where a number starts */
const PAREN_PLUS_RE = /\([ \t]?\+[ \t]?(\d{1,3})[ \t]?\)/y;
const SEP_RE = /[ \t\u00a0]{0,2}(?:[-.\u2013\u2011][ \t\u00a0]{0,2})?/y;
const EXT_RE = /[ \t]*,?[ \t]*(?:x|ext\.?|extn\.?|extension|#)[ \t]*(\d{1,6})(?![\p{L}\p{N}_])/iuy;

const WORD_CHAR = /[\p{L}\p{N}_@]/u;
/** Phone abbreviations that people glue to the number with a dot: "Tel.07700 900123". */
const PHONE_ABBREVIATION = /(?:^|[^\p{L}\p{N}])(?:tel|tlf|ph|mob|fax|cell)\.$/iu;
const CURRENCY = /[£$€¥₹]/;

/** Words that mark a nearby number as an id, an address or an amount rather than a phone. */
const ID_VOCABULARY = String.raw`order|orders|invoice|inv|account|acct|a\/c|ref|reference|ticket|case|incident|id|serial|s\/n|sn|policy|customer\s+(?:no|number|id)|member|membership|tracking|booking|transaction|txn|sort\s+code|card|iban|bic|swift|ssn|nino|ni|national\s+insurance|nhs|vat|company|reg|registration|licen[cs]e|passport|zip|postcode|post\s+code|box|unit|suite|apt|flat|room|build|version|pin|otp|code|amount|total|price|balance|gbp|usd|eur|imei|iccid|imsi|puk|mac|asset|assets|tag|tags|label|labels|barcode|inventory|stock|equipment|device|hostname`;
/** Earlier numbers of a list after the id word: "Asset tags 07700-900-319 and 07700-900-320". */
const LISTED = String.raw`(?:\d[\d .\-\u2013]*\d\s*(?:,|&|\band\b|\bor\b)\s*)*`;
/** Words that, right before a number (or a list of them), say it is an id rather than a phone. */
const ID_WORDS = new RegExp(
  String.raw`(?:\b(?:${ID_VOCABULARY})\b\.?|#|№)\s*(?:(?:no|num|number|nr)\b\.?)?\s*(?:is|was|reads|says|:|=|-)?\s*(?:[A-Z]{2}\s?)?${LISTED}$`,
  'i',
);
/** The same words anywhere near a number veto a decision made on context alone. */
const ID_ANYWHERE = new RegExp(String.raw`\b(?:${ID_VOCABULARY})\b`, 'i');
/** Phone words near a number (before it, same or previous line). */
const PHONE_WORDS =
  /\b(?:phone|phones|phoned|telephone|tel|tele|mobile|mob|cell|cellphone|fax|desk|office|landline|direct\s+line|dial|dialled|dialed|call|called|calling|ring|rang|text|sms|whatsapp|contact|contactable|reach|reached|number(?!\s+of\b)|answering|messages?|registered|extension|switchboard|helpline|hotline|voicemail)\b/i;
/** Labels right after a number: "416 60 039 office", "082 490 1693-Office". */
const PHONE_SUFFIX =
  /^[ \t]*[-–(,]?[ \t]*(?:office|fax|mobile|mob|cell|home|work|desk|tel|phone|landline|direct|switchboard)\b/i;
const STREET_SUFFIX =
  /^[ \t]+(?:[\p{L}'-]+[ \t]+){0,2}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|way|close|court|ct|place|pl|crescent|terrace|boulevard|blvd|square|sq|gardens|highway|hwy|katu|gade|vej|straße|strasse|rua|calle|via)\b/iu;
/**
 * Before a run of one- or two-digit groups ("0 7 7 0 9 9 0 1 2 3 4", "07 12 23 34 45"), words that
 * make it a list of small numbers: a rate or count ("Calls per hour:", "Row counts", "by hour",
 * "Ports"), unless a phone word says otherwise; or a game's draw, whatever else is said.
 */
const COUNT_WORDS =
  /\b(?:per|counts?|totals?|numbers|scores?|results?|ports?|hourly|daily|weekly|by\s+(?:hour|day|week|month|site|floor|agent|line))\b/i;
const DRAW_WORDS =
  /\b(?:lottery|lotto|euromillions|bingo|raffle|syndicate|jackpot|lucky\s+dip|draw|bonus\s+ball)\b/i;
const MONEY_SUFFIX = /^[ \t]?(?:gbp|usd|eur|pounds?|dollars?|euros?|pence|k|m|bn|%)(?![\p{L}])/iu;

export interface FindPhonesOptions {
  defaultCountry?: CountryCode;
}

export function findPhones(text: string, opts: FindPhonesOptions = {}): Detection[] {
  const defaultCountry = opts.defaultCountry ?? DEFAULT_COUNTRY;
  const blocked = blockedRanges(text);
  const out: Detection[] = [];
  START_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = START_RE.exec(text))) {
    const p = m.index;
    if (!leftBoundaryOk(text, p)) {
      skipNumber(p);
      continue;
    }
    const run = scanRun(text, p);
    if (!run) {
      // "(07700 900123)": not an area-code bracket, so start again at the digit
      if (text[p] === '(') START_RE.lastIndex = p + 1;
      else skipNumber(p);
      continue;
    }
    const runStart = run.plusAt ?? run.groups[0].start;
    const runEnd = run.extEnd ?? run.groups[run.groups.length - 1].end;
    START_RE.lastIndex = Math.max(runEnd, p + 1);
    if (!rightBoundaryOk(text, runEnd)) continue;
    if (overlapsAny(blocked, runStart, runEnd)) continue;
    if (isNonPhoneShape(text.slice(runStart, run.groups[run.groups.length - 1].end))) continue;
    out.push(...segment(text, run, defaultCountry));
  }
  return out;

  function skipNumber(p: number) {
    let i = p + 1;
    while (i < text.length && /\d/.test(text[i])) i++;
    START_RE.lastIndex = i;
  }
}

function leftBoundaryOk(text: string, p: number): boolean {
  if (p === 0) return true;
  const c = text[p - 1];
  const b = p >= 2 ? text[p - 2] : '';
  if (WORD_CHAR.test(c)) return false;
  if ('/\\=#%&*^~|<>$£€¥₹'.includes(c)) return false;
  if ((c === '.' || c === '-' || c === '\u2013') && /[\p{L}\p{N}]/u.test(b)) {
    if (!(c === '.' && PHONE_ABBREVIATION.test(text.slice(Math.max(0, p - 6), p)))) return false;
  }
  if ((c === ',' || c === ':') && /\d/.test(b)) return false;
  if (c === '+' && text[p] !== '+') return false;
  // "£ 1234567", "$ 12 345 678"
  const before = text.slice(Math.max(0, p - 3), p).trimEnd();
  if (before && CURRENCY.test(before[before.length - 1])) return false;
  return true;
}

function rightBoundaryOk(text: string, end: number): boolean {
  if (end >= text.length) return true;
  const c = text[end];
  const n = text[end + 1] ?? '';
  if (WORD_CHAR.test(c)) return false;
  if ('/:.,'.includes(c) && /\d/.test(n)) return false;
  if (c === '%' || CURRENCY.test(c)) return false;
  if (MONEY_SUFFIX.test(text.slice(end, end + 12))) return false;
  return true;
}

function scanRun(text: string, p: number): Run | null {
  let i = p;
  let plusAt: number | null = null;
  if (text[i] === '+') {
    plusAt = i;
    i++;
    if (text[i] === ' ' || text[i] === '\t') i++;
  }
  const groups: Group[] = [];
  let sep = '';
  if (plusAt === null && text[i] === '(') {
    PAREN_PLUS_RE.lastIndex = i;
    const m = PAREN_PLUS_RE.exec(text);
    if (m) {
      // "(+44) 7700 900123": the bracket stands where the + would; the code is the first group
      plusAt = i;
      groups.push({ start: i, end: i + m[0].length, digits: m[1], paren: true, sep: '' });
      i += m[0].length;
      SEP_RE.lastIndex = i;
      sep = (SEP_RE.exec(text) as RegExpExecArray)[0];
      if (!/\d/.test(text[i + sep.length] ?? '')) return null;
      i += sep.length;
    }
  }
  for (let guard = 0; guard < 40; guard++) {
    const g = readGroup(text, i, sep);
    if (!g) break;
    groups.push(g);
    i = g.end;
    SEP_RE.lastIndex = i;
    const s = SEP_RE.exec(text);
    const sepText = s ? s[0] : '';
    const next = i + sepText.length;
    const nextChar = text[next] ?? '';
    if (!/[\d(]/.test(nextChar)) break;
    if (sepText === '' && !g.paren && nextChar !== '(') break;
    // Never run on into a bracketed group that is not a phone prefix: "(see 2)", "(1)".
    if (nextChar === '(' && !readGroup(text, next, sepText)) break;
    sep = sepText;
    i = next;
  }
  if (!groups.length) return null;
  const last = groups[groups.length - 1];
  EXT_RE.lastIndex = last.end;
  const ext = !last.paren ? EXT_RE.exec(text) : null;
  return { plusAt, groups, extEnd: ext ? last.end + ext[0].length : null };
}

function readGroup(text: string, i: number, sep: string): Group | null {
  if (text[i] === '(') {
    PAREN_RE.lastIndex = i;
    const m = PAREN_RE.exec(text);
    if (!m) return null;
    return { start: i, end: i + m[0].length, digits: m[1], paren: true, sep };
  }
  DIGITS_RE.lastIndex = i;
  const m = DIGITS_RE.exec(text);
  if (!m) return null;
  return { start: i, end: i + m[0].length, digits: m[0], paren: false, sep };
}

/** Whole-run shapes that are never phones, whatever the context. */
function isNonPhoneShape(raw: string): boolean {
  const s = raw.trim();
  // dates: 2024-01-12, 12.01.2024, 12-01-24, 2024 01 12
  let m = /^(\d{4})[-. ](\d{1,2})[-. ](\d{1,2})$/.exec(s);
  if (m && isMonthDay(+m[2], +m[3])) return true;
  m = /^(\d{1,2})[-. ](\d{1,2})[-. ](\d{2}|\d{4})$/.exec(s);
  if (m && (isMonthDay(+m[2], +m[1]) || isMonthDay(+m[1], +m[2]))) return true;
  // IPv4
  m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (m && m.slice(1).every((x) => +x <= 255)) return true;
  // year ranges (2019-2024) and opening hours (0900-1730)
  if (/^(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2}$/.test(s)) return true;
  if (/^(?:[01]\d|2[0-3])[0-5]\d\s?[-–]\s?(?:[01]\d|2[0-3])[0-5]\d$/.test(s)) return true;
  // US SSN
  if (/^\d{3}-\d{2}-\d{4}$/.test(s)) return true;
  // a decimal number: 1234567.89
  if (/^\d+\.\d+$/.test(s)) return true;
  // card numbers (13–19 digits passing Luhn); no card number starts with 0, so "0044 7911 123456" is a phone
  const digits = s.replace(/\D/g, '');
  if (
    !s.startsWith('+') &&
    !digits.startsWith('0') &&
    digits.length >= 13 &&
    digits.length <= 19 &&
    luhn(digits)
  )
    return true;
  return false;
}

function isMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = +digits[digits.length - 1 - i];
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Spans of text that may hold digit runs but are never phones: UUIDs, IBANs, URLs, card numbers. */
function blockedRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const add = (re: RegExp, test?: (s: string) => boolean) => {
    for (const m of text.matchAll(re)) if (!test || test(m[0])) out.push([m.index, m.index + m[0].length]);
  };
  add(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi);
  add(/\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g);
  add(/\b(?:https?:\/\/|www\.)[^\s<>"']+/gi);
  add(/(?<![\d+])[1-9]\d{3}([ -]?)\d{4}\1\d{4}\1\d{1,7}(?!\d)/g, (s) => luhn(s.replace(/\D/g, '')));
  return out;
}

function overlapsAny(ranges: Array<[number, number]>, start: number, end: number): boolean {
  return ranges.some(([a, b]) => a < end && start < b);
}

/**
 * Accepts the whole run when it reads as one number; otherwise splits it at whitespace into the
 * longest numbers that do (two numbers on one line: "07700 900123 07700 900456").
 */
function segment(text: string, run: Run, defaultCountry: CountryCode): Detection[] {
  const { groups } = run;
  const runStart = run.plusAt ?? groups[0].start;
  // "NHS number 943 476 5919": an id word before the run rules out every slice of it
  if (ID_WORDS.test(lastLine(text.slice(Math.max(0, runStart - 60), runStart)))) return [];
  const out: Detection[] = [];
  let i = 0;
  let afterAccepted = true;
  while (i < groups.length) {
    let found: { d: Detection; j: number } | null = null;
    for (let j = groups.length - 1; j >= i && !found; j--) {
      // only split where the separator is plain whitespace
      if (j < groups.length - 1 && !/^[ \t\u00a0]+$/.test(groups[j + 1].sep)) continue;
      // no phone number has more than 17 digits, even with 00 and a bracketed (0)
      if (digitCount(groups, i, j) > MAX_RUN_DIGITS) continue;
      // a slice that drops leading digits of the run must stand on its own, not on nearby words
      const d = evaluate(text, run, i, j, defaultCountry, afterAccepted);
      if (d) found = { d, j };
    }
    if (found) {
      out.push(found.d);
      i = found.j + 1;
      afterAccepted = true;
    } else {
      // the next slice must start at a whitespace boundary too
      i++;
      while (i < groups.length && !/^[ \t\u00a0]+$/.test(groups[i].sep)) i++;
      afterAccepted = false;
    }
  }
  return out;
}

const MAX_RUN_DIGITS = 18;
function digitCount(groups: Group[], i: number, j: number): number {
  let n = 0;
  for (let k = i; k <= j && n <= MAX_RUN_DIGITS; k++) n += groups[k].digits.length;
  return n;
}

const lastLine = (s: string) => s.slice(s.lastIndexOf('\n') + 1);

function evaluate(
  text: string,
  run: Run,
  i: number,
  j: number,
  defaultCountry: CountryCode,
  contextMayDecide: boolean,
): Detection | null {
  const gs = run.groups.slice(i, j + 1);
  const plus = i === 0 && run.plusAt !== null;
  const start = plus ? (run.plusAt as number) : gs[0].start;
  const numberEnd = gs[gs.length - 1].end;
  const end = j === run.groups.length - 1 && run.extEnd !== null ? run.extEnd : numberEnd;
  const body = text.slice(start, numberEnd);
  if (i > 0 && isNonPhoneShape(body)) return null;

  let digits = gs.map((g) => g.digits).join('');
  const iddRe = iddPrefix(defaultCountry);
  // "0044 …", and "(0044) …" but not "(01632) …"
  const idd = !plus && iddRe.test(digits) && (!gs[0].paren || iddRe.test(gs[0].digits));
  const intl = plus || idd;
  const bracketedTrunk = gs.length > 1 && gs[1].paren && gs[1].digits === '0';
  // "44 (0)7700 900123": the default country's code without + or 00, as sure a sign as a +
  const bareCode = !intl && bracketedTrunk && !gs[0].paren && gs[0].digits === callingCode(defaultCountry);
  // "+44 (0)20": the bracketed zero is not part of the number
  if ((intl || bareCode) && bracketedTrunk)
    digits =
      gs[0].digits +
      gs
        .slice(2)
        .map((g) => g.digits)
        .join('');
  const significant = idd ? digits.replace(iddRe, '') : digits;
  if (intl ? significant.length < 8 || significant.length > 15 : digits.length < 7 || digits.length > 12)
    return null;

  const before = text.slice(Math.max(0, start - 60), start);
  if (ID_WORDS.test(lastLine(before))) return null;

  const accept = (normalised: string): Detection => ({
    kind: 'phone',
    start,
    end,
    raw: text.slice(start, end),
    normalised,
  });

  if (intl) {
    const parsed = parseCandidate(body, defaultCountry);
    return parsed ? accept(parsed.number) : null;
  }
  const after = text.slice(end, end + 40);
  const context = contextMayDecide && hasPhoneContext(before, after);
  if (isSmallNumberList(gs)) {
    const line = lastLine(before).slice(-40);
    if (DRAW_WORDS.test(line) || (!context && COUNT_WORDS.test(line))) return null;
  }
  // A trunk zero (0161 496 0000, 07700900123) marks a national number; without one, only the North
  // American layout is trusted on its own (an unbroken run like 4155550132 is not).
  const trunk = digits.startsWith('0');
  const nanpLayout = NANP_LAYOUT.test(body);
  if (!trunk && !nanpLayout && !context && !bareCode) return null;
  // "17031 2202 Rissik St": a house number and a street, even next to "office"
  if (!trunk && STREET_SUFFIX.test(after)) return null;
  const parsed = parseCandidate(body, defaultCountry);
  if (parsed) {
    if (trunk || context || bareCode || parsed.countryCallingCode === '1') return accept(parsed.number);
    return null;
  }
  if (!context) return null;
  if (/^(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(digits)) return null; // 20240112
  return accept(digits);
}

/** Seven or more single digits, or four or more pairs: it could as well be a list of small numbers. */
function isSmallNumberList(gs: Group[]): boolean {
  if (gs.some((g) => g.paren)) return false;
  return (
    (gs.length >= 7 && gs.every((g) => g.digits.length === 1)) ||
    (gs.length >= 4 && gs.every((g) => g.digits.length === 2))
  );
}

const NANP_LAYOUT = /^(?:1[-. ]?)?(?:\(\d{3}\)[ ]?|\d{3}[-. ])\d{3}[-. ]\d{4}$/;

/**
 * A phone label right after the number ("416 60 039 office"), or a phone word in the 40 characters
 * before it (on its line or the line above, not across a blank line) with no id word between the
 * start of its line and the number ("the account number for my phone line is 12345678").
 */
function hasPhoneContext(before: string, after: string): boolean {
  if (PHONE_SUFFIX.test(after)) return true;
  const lines = before.split('\n');
  const current = lines[lines.length - 1];
  const near =
    lines.length >= 2 && lines[lines.length - 2].trim() !== '' ? lines.slice(-2).join('\n') : current;
  if (ID_ANYWHERE.test(current.slice(-40))) return false;
  return PHONE_WORDS.test(near.slice(-40));
}
