/**
 * Precision and recall of the free-text identifier detector (@hushdesk/privacy detectIdentifiers).
 *
 *   SWC_NODE_PROJECT=apps/api/tsconfig.spec.json node -r @swc-node/register test/bench/pii-detector.ts
 *
 * Three test sets:
 *  1. the labelled synthetic sentences in shared/data/pii/synth_dataset_v2.json (PII_DATASET overrides
 *     the path; by default it is ../shared/data/pii/synth_dataset_v2.json beside the repository);
 *  2. a UK set written below: Ofcom drama-range numbers, UK-style emails, known names, and sentences
 *     full of numbers that are not phones (dates, times, refs, IPs, sort codes, postcodes, money, ids);
 *  3. a held-out set of phone formats (pii-heldout.ts: `0044-7700-900-123`, `+44 (0)7700 900 123`, digits
 *     split by spaces or dots, …) and hard negatives in the same shapes, written before the detector was
 *     tuned for them and reported on its own;
 *  4. numbers that label things, not people (pii-set4.ts: asset tags, equipment ids, number lists,
 *     per-item counts) beside phones in the same shapes, written and committed before the detector was
 *     changed for set 3's last false positives, so those changes are not judged on set 3 alone.
 *
 * Measured at the span level. A detection of kind K counts as a true positive when it overlaps a
 * labelled span of the matching type, else it is a false positive; a labelled span counts as found
 * when any detection of kind K overlaps it, else it is a false negative. Precision = TP detections /
 * all detections of K; recall = found labelled spans / all labelled spans. "exact" counts TP
 * detections whose boundaries equal the labelled span's exactly. It is a script, not a test, and
 * asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  detectIdentifiers,
  findPhones,
  isE164,
  NameMatcher,
  type Detection,
  type IdentifierKind,
} from '../../libs/privacy/src';
import { HELDOUT_ADDED_LATER, HELDOUT_NEGATIVES, HELDOUT_PHONES } from './pii-heldout';
import { SET4_AFTER_CHANGE, SET4_NEGATIVES, SET4_PHONES } from './pii-set4';

interface Span {
  entity_type: string;
  entity_value: string;
  start_position: number;
  end_position: number;
}
interface Sample {
  full_text: string;
  spans: Span[];
}

const say = (s = '') => process.stdout.write(`${s}\n`);

const TYPES: Array<{ type: string; kind: IdentifierKind }> = [
  { type: 'EMAIL_ADDRESS', kind: 'email' },
  { type: 'PHONE_NUMBER', kind: 'phone' },
  { type: 'PERSON', kind: 'name' },
];

interface Tally {
  labelled: number;
  detected: number;
  tp: number;
  fp: number;
  found: number;
  fn: number;
  exact: number;
  /** phone TPs whose normalised form is not E.164: found on a nearby phone word alone */
  notE164: number;
  fps: Array<{ text: string; d: Detection }>;
  fns: Array<{ text: string; s: Span }>;
}

const newTally = (): Tally => ({
  labelled: 0,
  detected: 0,
  tp: 0,
  fp: 0,
  found: 0,
  fn: 0,
  exact: 0,
  notE164: 0,
  fps: [],
  fns: [],
});
const overlaps = (d: Detection, s: Span) => d.start < s.end_position && s.start_position < d.end;

function evaluate(samples: Sample[], names: NameMatcher): Map<string, Tally> {
  const tallies = new Map(TYPES.map((t) => [t.type, newTally()]));
  for (const sample of samples) {
    const detections = detectIdentifiers(sample.full_text, { names });
    for (const { type, kind } of TYPES) {
      const t = tallies.get(type) as Tally;
      const gold = sample.spans.filter((s) => s.entity_type === type);
      const pred = detections.filter((d) => d.kind === kind);
      t.labelled += gold.length;
      t.detected += pred.length;
      for (const d of pred) {
        const hit = gold.find((s) => overlaps(d, s));
        if (hit) {
          t.tp++;
          if (hit.start_position === d.start && hit.end_position === d.end) t.exact++;
          if (kind === 'phone' && !isE164(d.normalised)) t.notE164++;
        } else {
          t.fp++;
          t.fps.push({ text: sample.full_text, d });
        }
      }
      for (const s of gold) {
        if (pred.some((d) => overlaps(d, s))) t.found++;
        else {
          t.fn++;
          t.fns.push({ text: sample.full_text, s });
        }
      }
    }
  }
  return tallies;
}

const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(3));

function table(title: string, tallies: Map<string, Tally>, rows: Array<{ type: string; label: string }>) {
  say(`### ${title}`);
  say();
  say('| entity | labelled | detected | TP | FP | FN | exact | precision | recall |');
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const { type, label } of rows) {
    const t = tallies.get(type) as Tally;
    say(
      `| ${label} | ${t.labelled} | ${t.detected} | ${t.tp} | ${t.fp} | ${t.fn} | ${t.exact} | ${ratio(t.tp, t.tp + t.fp)} | ${ratio(t.found, t.found + t.fn)} |`,
    );
  }
  say();
}

const oneLine = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
function context(text: string, start: number, end: number): string {
  const a = Math.max(0, start - 40);
  const b = Math.min(text.length, end + 25);
  return `${a > 0 ? '…' : ''}${oneLine(text.slice(a, start))}⟦${oneLine(text.slice(start, end))}⟧${oneLine(text.slice(end, b))}${b < text.length ? '…' : ''}`;
}

function listMisses(
  title: string,
  t: Tally,
  addedLater: ReadonlySet<string> = new Set(),
  laterLabel = 'added later',
) {
  const mark = (text: string) => (addedLater.has(text) ? ` (${laterLabel})` : '');
  say(`#### ${title}: ${t.fp} false positive(s), ${t.fn} false negative(s)`);
  say();
  for (const { text, d } of t.fps)
    say(`- FP \`${d.raw}\` → ${d.normalised}: ${context(text, d.start, d.end)}${mark(text)}`);
  for (const { text, s } of t.fns)
    say(`- FN \`${s.entity_value}\`: ${context(text, s.start_position, s.end_position)}${mark(text)}`);
  if (!t.fps.length && !t.fns.length) say('- none');
  say();
}

// ---------------------------------------------------------------------------------------------------
// The UK set. Markup: {p:…} a phone, {e:…} an email, {n:…} a known person's name; everything else is
// unlabelled and must not be flagged.

const UK_KNOWN_NAMES = [
  'Alice Archer',
  'Ádám Kovács',
  'Siobhán O’Brien',
  'Priya Shah',
  'Tomasz Wójcik',
  'Sam Patel',
];

const UK_SENTENCES = [
  // phones: Ofcom drama ranges in the ways people type them
  'Please call me back on {p:07700 900123} after 3pm.',
  'My mobile is {p:07700900456}, text is fine.',
  'Reach me on {p:+44 7700 900789} while I am abroad.',
  'Office: {p:+44 (0)20 7946 0958}',
  'The London office is on {p:020 7946 0123}.',
  'Our switchboard is {p:(01632) 960 001} but it closes at 5.',
  'Manchester desk {p:0161 496 0000} or Leeds {p:0113 496 0999}.',
  'Ring {p:0114 496 0555} and ask for the duty engineer.',
  'Nottingham site: {p:0115 496 0123}, Leicester site: {p:0116 496 0456}.',
  'Bristol NOC {p:0117 496 0789} is staffed 24/7.',
  'Reading: {p:0118 496 0321}',
  'Birmingham {p:0121 496 0654} / Edinburgh {p:0131 496 0987}',
  'Glasgow depot on {p:0141 496 0111}, Liverpool on {p:0151 496 0222}.',
  'Cardiff: {p:029 2018 0333}; Belfast: {p:028 9649 6444}.',
  'Newcastle office phone {p:0191 498 0555}.',
  'Freephone {p:0808 157 0192} for faults.',
  'Dialled {p:+447700900321} twice, no answer.',
  'ring me on {p:0161-496-0000} please',
  'Mob. {p:07700 900 789}',
  'tel:{p:+447700900654}',
  'Direct line {p:0113 496 0123 ext. 204}',
  'Try {p:+44 (0) 7700 900345} or {p:0044 20 7946 0321}.',
  'Hi, it’s Priya, my number changed to {p:07700-900-111}.',
  'Two numbers: {p:07700 900222} and {p:07700 900333}.',
  'Call {p:(0161) 496 0999} between 9 and 5.',
  'Customer says the line {p:01632 960 555} drops every evening.',
  'Caller {p:+44 161 496 0777} reported the outage first.',
  'Engineer on site, mobile {p:07700 900 444}, ETA 20 minutes.',
  'The fax is {p:020-7946-0444}.',
  'Landline {p:+44 20 7946 0958} rings out.',
  'US colleague: {p:+1 415-555-0132}, or {p:(415) 555-0132}, or {p:415.555.0132}.',
  'From abroad dial {p:001-415-555-0132x123}.',
  'Paris office {p:+33 1 23 45 67 89}.',
  // emails
  'Email me at {e:priya.shah@example.co.uk}.',
  'Reply to {e:support+billing@hushdesk.example} please',
  'CC {e:J.O’Neill@example.org}? No: use {e:jo.neill@example.org}',
  '<{e:ops-team@example.net}> wrote: the router is down',
  '(contact: {e:first_last@mail.example.ac.uk})',
  'mailto:{e:noc@example.com}',
  'Send the logs to {e:Sam.Patel@Example.COM}, thanks!',
  'Her address is {e:a.kovacs@példa.hu} and mine {e:t.wojcik@example.pl}.',
  'Forwarded from {e:no-reply@tickets.example.co.uk}; original sender {e:siobhan.obrien@example.ie}.',
  'Both {e:alice@example.com},{e:bob@example.com} need access.',
  // names of known people (with phones and emails)
  '{n:Alice Archer} called from {p:07700 900555} about the VPN.',
  'Passed to {n:KOVÁCS, Ádám} for review.',
  '{n:adam kovacs} asked for a callback.',
  'Spoke to {n:Siobhan O’Brien}; her email is {e:siobhan@example.ie}.',
  "{n:Priya Shah}'s laptop is in for repair.",
  'Assigned to {n:Tomasz Wojcik}, cc {n:Sam Patel}.',
  // numbers that are not phones
  'Ticket HD-000123 was raised on 12/03/2024 at 14:30 and closed 2024-03-14.',
  'Meeting on 12.03.2024 at 10.30am, call reference HD-004567.',
  'The server at 192.168.100.254 and 10.0.0.1:8080 is unreachable; MAC 00:1A:2B:3C:4D:5E.',
  'Sort code 12-34-56, account number 12345678.',
  'Refund of £1,234.56 issued; the balance is £12,500.00.',
  'Invoice total € 1 234 567 for the year.',
  'Order #100234567 shipped to SW1A 1AA, tracking AB123456789GB.',
  'Order number 4412345678 is delayed.',
  'NHS number 943 476 5919 on the form.',
  'Deploy 3f2b8c9e-1d4a-4c6b-9e8f-0a1b2c3d4e5f failed with 500 after 1500 ms.',
  'Site postcodes: M1 1AE, BS1 6QA, EH1 1YZ and CF10 1EP.',
  'Calls from 2019-2024 were archived.',
  'Phone lines are open Mon–Fri 0900-1730.',
  'Card 4111 1111 1111 1111 was declined; IBAN GB29 NWBK 6016 1331 9268 19.',
  'Serial number 1234-5678-9012 on the router label.',
  'The log line at 2024-03-12T14:30:00Z shows 1,234,567 rows scanned.',
  'Firmware v2.14.3 build 20240312 rolled out to 4,500 handsets.',
  'Coordinates 51.5074, -0.1278 for the depot.',
  'Ticket reference 202403120042 relates to the phone outage.',
  'Upload icon@2x.png and logo@3x.png to the portal.',
  'Call volume rose 12.5% to 18,450 calls in Q1 2024.',
  'Company number 01234567 and VAT number GB 123 4567 89.',
  'Your one-time code is 493 817.',
  'Text 12345 to opt out; offer valid until 31 Dec 2024.',
  // added after the detector was tuned, as a check on over-fitting
  'The account number for my phone line is 12345678.',
  'The number of tickets closed last year was 1 234 567.',
  'My phone’s IMEI is 356938035643809 and the SIM ICCID 8944110068256270054.',
  'Call me about order 87654321 when you can.',
  'I called 3 times between 2023 and 2024 about the bill of £45.99.',
  'Phone bill 07/2024: 1,250 minutes, 300 texts.',
  'My new number: {p:07700 900 876}.',
  'WhatsApp me on {p:+44 7700 900 432} if the line is down.',
  'Contact number {p:0113 496 0765}, ask for {n:Sam Patel}.',
  'Callback requested on {p:020 7946 0111} before 12:00 on 03/04/2025.',
  'Fault on line {p:0161 496 0321}; router serial 2211-3344-5566.',
];

function parseMarked(sentences: readonly string[]): Sample[] {
  const types: Record<string, string> = { p: 'PHONE_NUMBER', e: 'EMAIL_ADDRESS', n: 'PERSON' };
  return sentences.map((marked) => {
    const spans: Span[] = [];
    let text = '';
    let at = 0;
    for (const m of marked.matchAll(/\{([pen]):([^}]*)\}/g)) {
      text += marked.slice(at, m.index);
      spans.push({
        entity_type: types[m[1]],
        entity_value: m[2],
        start_position: text.length,
        end_position: text.length + m[2].length,
      });
      text += m[2];
      at = m.index + m[0].length;
    }
    text += marked.slice(at);
    return { full_text: text, spans };
  });
}

// ---------------------------------------------------------------------------------------------------

/** Median time per text of findPhones over `texts`, after a warm-up pass. */
function warmMicros(texts: string[]): number {
  const pass = () => {
    const t = performance.now();
    for (const text of texts) findPhones(text);
    return ((performance.now() - t) * 1000) / texts.length;
  };
  pass();
  const runs = Array.from({ length: 7 }, pass).sort((a, b) => a - b);
  return runs[3];
}

function main() {
  const repoRoot = resolve(__dirname, '..', '..');
  const path =
    process.env.PII_DATASET ?? resolve(repoRoot, '..', 'shared', 'data', 'pii', 'synth_dataset_v2.json');
  const dataset = JSON.parse(readFileSync(path, 'utf8')) as Sample[];

  say('# PII detector: precision and recall');
  say();
  say(
    'Span level: a detection is a TP when it overlaps a labelled span of its type, else an FP; a labelled span ' +
      'is an FN when no detection of that type overlaps it. precision = TP / detected, recall = (labelled - FN) / ' +
      'labelled; "exact" = TP detections with exactly the labelled boundaries. Phones are read with default country GB.',
  );
  say();

  const personValues = dataset.flatMap((s) =>
    s.spans.filter((x) => x.entity_type === 'PERSON').map((x) => x.entity_value),
  );
  const known = new NameMatcher(personValues);
  const t0 = performance.now();
  const synth = evaluate(dataset, known);
  const ms = performance.now() - t0;
  table(`Set 1: ${dataset.length} synthetic sentences (${path.split('/').slice(-1)[0]})`, synth, [
    { type: 'EMAIL_ADDRESS', label: 'EMAIL_ADDRESS' },
    { type: 'PHONE_NUMBER', label: 'PHONE_NUMBER' },
  ]);
  const p1 = synth.get('PHONE_NUMBER') as Tally;
  say(
    `Of the ${p1.tp} phone TPs, ${p1.notE164} have no country code and no valid national reading (e.g. "467 3395", ` +
      '"99 668472"): they are found only because a phone word is near ("Phone:", "call me on", "… office"), and ' +
      'their `normalised` is their digits, not E.164. The context words were chosen after reading this dataset, so ' +
      'its phone figures are in-sample; set 2 ends with sentences added after tuning as a check.',
  );
  say();
  say(
    `Known-name matching (not open-ended name recognition): a NameMatcher built from all ${personValues.length} ` +
      `labelled PERSON values (${new Set(personValues).size} distinct; about half are a single word such as "John"), ` +
      'i.e. treating every labelled person as someone Hushdesk knows. It still misses names written differently from ' +
      'the label, and flags a known single word (a first name) wherever it appears unlabelled.',
  );
  say();
  table('Set 1: known-name matching', synth, [{ type: 'PERSON', label: 'PERSON (known names)' }]);

  const multi = new NameMatcher(personValues.filter((v) => v.trim().split(/\s+/).length >= 2));
  const synthMulti = evaluate(
    dataset.map((s) => ({
      full_text: s.full_text,
      spans: s.spans.filter(
        (x) => x.entity_type !== 'PERSON' || x.entity_value.trim().split(/\s+/).length >= 2,
      ),
    })),
    multi,
  );
  table(
    'Set 1: known-name matching, full names only (labels of 2+ words, matcher built from them)',
    synthMulti,
    [{ type: 'PERSON', label: 'PERSON (known full names)' }],
  );

  const uk = parseMarked(UK_SENTENCES);
  const ukTallies = evaluate(uk, new NameMatcher(UK_KNOWN_NAMES));
  const negatives = uk.filter((s) => s.spans.length === 0).length;
  table(
    `Set 2: UK set, ${uk.length} sentences written in this script (${negatives} with numbers that are not phones and no identifiers at all)`,
    ukTallies,
    [
      { type: 'EMAIL_ADDRESS', label: 'EMAIL_ADDRESS' },
      { type: 'PHONE_NUMBER', label: 'PHONE_NUMBER' },
      { type: 'PERSON', label: `PERSON (known names: ${UK_KNOWN_NAMES.length})` },
    ],
  );

  const heldout = parseMarked([...HELDOUT_PHONES, ...HELDOUT_NEGATIVES, ...HELDOUT_ADDED_LATER]);
  const later = new Set(parseMarked(HELDOUT_ADDED_LATER).map((s) => s.full_text));
  const t3 = performance.now();
  const heldoutTallies = evaluate(heldout, new NameMatcher([]));
  const ms3 = performance.now() - t3;
  table(
    `Set 3: held-out phone formats, ${heldout.length} sentences written before tuning (pii-heldout.ts: ` +
      `${HELDOUT_PHONES.length} with phones, ${HELDOUT_NEGATIVES.length} hard negatives in the same digit shapes, ` +
      `and ${HELDOUT_ADDED_LATER.length} added after the first run, before any detector change)`,
    heldoutTallies,
    [
      { type: 'PHONE_NUMBER', label: 'PHONE_NUMBER' },
      { type: 'EMAIL_ADDRESS', label: 'EMAIL_ADDRESS' },
    ],
  );

  const p3 = heldoutTallies.get('PHONE_NUMBER') as Tally;
  say(
    `Of the ${p3.tp} phone TPs, ${p3.notE164} have a \`normalised\` that is not E.164 (digits only), so an ` +
      "erasure or the identifier index, which compare E.164 numbers, cannot match them to anyone's phone.",
  );
  say();

  const set4 = parseMarked([...SET4_PHONES, ...SET4_NEGATIVES, ...SET4_AFTER_CHANGE]);
  const set4Later = new Set(parseMarked(SET4_AFTER_CHANGE).map((s) => s.full_text));
  const set4Tallies = evaluate(set4, new NameMatcher([]));
  table(
    `Set 4: numbers that label things, ${set4.length} sentences (pii-set4.ts: ${SET4_PHONES.length} with ` +
      `phones in the shapes and places of ${SET4_NEGATIVES.length} asset tags, equipment ids, number lists ` +
      `and per-item counts, and ${SET4_AFTER_CHANGE.length} written after the detector change it measured)`,
    set4Tallies,
    [
      { type: 'PHONE_NUMBER', label: 'PHONE_NUMBER' },
      { type: 'EMAIL_ADDRESS', label: 'EMAIL_ADDRESS' },
    ],
  );

  say('### Remaining misses');
  say();
  listMisses('Set 1 phones', synth.get('PHONE_NUMBER') as Tally);
  listMisses('Set 1 emails', synth.get('EMAIL_ADDRESS') as Tally);
  listMisses('Set 2 phones', ukTallies.get('PHONE_NUMBER') as Tally);
  listMisses('Set 2 emails', ukTallies.get('EMAIL_ADDRESS') as Tally);
  listMisses('Set 2 names', ukTallies.get('PERSON') as Tally);
  listMisses('Set 3 phones', heldoutTallies.get('PHONE_NUMBER') as Tally, later);
  listMisses('Set 3 emails', heldoutTallies.get('EMAIL_ADDRESS') as Tally, later);
  listMisses('Set 4 phones', set4Tallies.get('PHONE_NUMBER') as Tally, set4Later, 'added after the change');
  listMisses('Set 4 emails', set4Tallies.get('EMAIL_ADDRESS') as Tally);
  say(`Detector time on set 1: ${ms.toFixed(0)} ms for ${dataset.length} sentences (including known names).`);
  say(`Detector time on set 3: ${ms3.toFixed(1)} ms for ${heldout.length} sentences.`);
  const texts = [...dataset, ...uk, ...heldout, ...set4].map((s) => s.full_text);
  say(
    `Phone scanner alone, warm: ${warmMicros(texts).toFixed(1)} µs per sentence ` +
      `(median of 7 passes over the ${texts.length} sentences of sets 1–4).`,
  );
}

main();
