// `npm run bench:seed -- --scale 0.1`: a dedicated database for the DSAR benchmark (bench:dsar).
//
// Drops and recreates `hushdesk_bench_<scale>` (or BENCH_DATABASE_URL's database; see bench-common.mjs),
// runs the app's migrations on it, then fills it set-based at scale S: 10k×S organisations (min 10),
// 100k×S customers (person + user), 200×S engineers (min 5), 1M×S tickets, 5M×S messages (~5% mention a
// random person's email or phone, in varied formats; ~2% of ticket descriptions too), 1M×S call
// recordings from people's numbers, and the identifier index for all of it: keyed hashes
// (HMAC-SHA256, IDENTIFIER_HMAC_KEY, default the bench key) computed by pgcrypto when it gives exactly
// what libs/privacy `keyedHash` gives (checked first), else in Node.
//
// Every value is a deterministic function of the row number (hashint8extended), so ids and texts
// can be recomputed instead of joined. The bulk tables' indexes and foreign keys are taken off for
// the load and put back exactly as the database had them (pg_get_indexdef / pg_get_constraintdef).
// Then one data subject, "Bench Subject", is planted with ~50 items, indexed by the app's own
// IdentifierIndex; a sample of the bulk index is checked against the same code.
//
// Options: --scale S (0.1), --sample N (texts checked against the app's indexer, 2000).
import pg from 'pg';
import { run } from './lib.mjs';
import {
  SUBJECT,
  arg,
  benchDatabase,
  fmt,
  hmacKey,
  identifierIndex,
  say,
  scaleArg,
  secs,
} from './bench-common.mjs';

const SCALE = scaleArg();
const KEY = hmacKey();
const SAMPLE = Number(arg('sample', '2000'));
const db = benchDatabase(SCALE);
const N = {
  orgs: Math.max(10, Math.round(10_000 * SCALE)),
  people: Math.round(100_000 * SCALE),
  engineers: Math.max(5, Math.round(200 * SCALE)),
  tickets: Math.round(1_000_000 * SCALE),
  messages: Math.round(5_000_000 * SCALE),
  recordings: Math.round(1_000_000 * SCALE),
};
const BULK_TABLES = ['tickets', 'ticket_messages', 'recordings', 'identifier_mentions'];
const CHUNK = 250_000;
const started = Date.now();
const BASE = new Date(Math.floor(started / 60_000) * 60_000).toISOString(); // "now" for generated dates
const timings = {};

// ---------------------------------------------------------------------------------------------------
// SQL building blocks: deterministic per row number, expanded inline (no functions to call per row).

const lit = (s) => (s === null ? 'NULL' : `'${String(s).replace(/'/g, "''")}'`);
const arr = (xs) => `(ARRAY[${xs.map(lit).join(', ')}]::text[])`;
/** A pseudo-random integer in [0, n) for row x, independent per salt. */
const r = (x, salt, n) => `((hashint8extended((${x})::int8, ${salt}) & 9223372036854775807) % ${n})`;
const pick = (xs, x, salt) => `${arr(xs)}[1 + ${r(x, salt, xs.length)}]`;
/** A version-4-shaped uuid derived from a namespace and a row number. */
const uid = (ns, x) =>
  `overlay(overlay(md5('hd-bench:${ns}:' || (${x})::text) placing '4' from 13) placing '8' from 17)::uuid`;
const base = `${lit(BASE)}::timestamptz`;
const minutes = (x) => `((${x}) * interval '1 minute')`;

// prettier-ignore
const FIRST = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Freya', 'Florence', 'Noah', 'Oliver', 'Arthur', 'Leo',
  'Oscar', 'Archie', 'Henry', 'Theo', 'Priya', 'Aisha', 'Mohammed', 'Yusuf', 'Chen', 'Mei', 'Tomasz',
  'Zofia', 'Sean', 'Niamh', 'Siobhan', 'Rhys', 'Carys', 'Dafydd', 'Ewan', 'Morag', 'Kwame', 'Ama',
  'Lucia', 'Mateo', 'Anders', 'Ingrid', 'Dmitri', 'Olga', 'Ravi', 'Sunita', 'Hiroshi', 'Yuki', 'Fatima',
  'Omar', 'Bethany', 'Callum', 'Eilidh', 'Jasper', 'Rosalind', 'Harriet', 'Imogen', 'Jessica', 'Katie',
  'Lauren', 'Megan', 'Naomi', 'Phoebe', 'Rachel', 'Sophie', 'Tara', 'Victoria', 'Zara', 'Adam', 'Ben',
  'Connor', 'Daniel', 'Elliot', 'Finn', 'Gareth', 'Hamish', 'Isaac', 'Kieran', 'Liam', 'Marcus', 'Nathan',
  'Owen', 'Patrick', 'Reuben', 'Samuel', 'Tobias', 'Vikram', 'William', 'Zain', 'Anika', 'Bronwen',
  'Catrin', 'Deepa', 'Emeka', 'Femi', 'Gwen', 'Hana', 'Ines', 'Jonas', 'Kasia', 'Lars', 'Malik', 'Nadia',
];
// prettier-ignore
const LAST = [
  'Smith', 'Jones', 'Taylor', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Thompson',
  'Evans', 'Walker', 'Roberts', 'Harris', 'Clarke', 'Khan', 'Ahmed', 'Singh', 'Kaur', 'Nowak',
  'Kowalski', "O'Brien", "O'Neill", 'Murphy', 'Kelly', 'MacLeod', 'Campbell', 'Stewart', 'Okafor',
  'Mensah', 'Lindqvist', 'Novak', 'Ivanova', 'Sato', 'Tanaka', 'Garcia', 'Rossi', 'Fernandes', 'Hughes',
  'Price', 'Morgan', 'Bennett', 'Fraser', 'Whitfield', 'Smith-Jones', 'Ward-Lewis', 'Achterberg',
  'Delacroix', 'Haddad', 'Nakamura',
];
/** Three surnames in four are made of two parts ("Ashworth", "Thornbury"): ~1,200 more, for realistic name cardinality. */
// prettier-ignore
const LAST_A = [
  'Ash', 'Black', 'Brad', 'Brook', 'Fair', 'Hart', 'Hol', 'Kings', 'Lang', 'Mar', 'New', 'Red', 'Rox', 'Shel',
  'Stan', 'Thorn', 'Under', 'Wal', 'West', 'Whit', 'Wood', 'Bar', 'Brom', 'Chad', 'Dun', 'Edge', 'Fern', 'Gold',
  'Hay', 'Lind', 'Mill', 'North', 'Pem', 'Rad', 'Sand', 'Stock', 'Tal', 'Ward', 'Wen', 'Win',
];
// prettier-ignore
const LAST_B = [
  'worth', 'wood', 'ford', 'ley', 'ton', 'field', 'well', 'by', 'combe', 'hurst', 'more', 'stead', 'wick',
  'bridge', 'ham', 'dale', 'croft', 'shaw', 'land', 'brook', 'cott', 'gate', 'ridge', 'mere', 'holt', 'thorne',
  'bury', 'lock', 'den', 'well',
];
// prettier-ignore
const ORG_A = [
  'Northwind', 'Bluebell', 'Harbour', 'Kestrel', 'Meridian', 'Oakfield', 'Pennine', 'Quayside', 'Riverside',
  'Saltmarsh', 'Thistle', 'Upland', 'Vale', 'Westgate', 'Yarrow', 'Ashdown', 'Brightwater', 'Cobalt',
  'Dunmore', 'Elmstead',
];
// prettier-ignore
const ORG_B = [
  'Networks', 'Logistics', 'Dental', 'Solicitors', 'Accountancy', 'Estates', 'Engineering', 'Foods',
  'Recruitment', 'Architects', 'Veterinary', 'Insurance', 'Printing', 'Surveyors', 'Travel', 'Care Homes',
];
const JOBS = [
  'Office manager',
  'IT lead',
  'Finance director',
  'Receptionist',
  'Operations manager',
  'Partner',
  null,
];
const orgName = (o) => `${pick(ORG_A, o, 1)} || ' ' || ${pick(ORG_B, o, 2)} || ' ' || (${o})::text`;
const orgDomain = (o) =>
  `lower(${pick(ORG_A, o, 1)} || '-' || replace(${pick(ORG_B, o, 2)}, ' ', '-')) || '-' || (${o})::text || '.example'`;
const orgOf = (n) => `(((${n}) - 1) % ${N.orgs} + 1)`;
const first = (n, salt = 21) => pick(FIRST, n, salt);
const last = (n, salt = 22) =>
  `CASE WHEN ${r(n, salt + 100, 4)} = 0 THEN ${pick(LAST, n, salt)} ELSE ${pick(LAST_A, n, salt + 200)} || ${pick(LAST_B, n, salt + 300)} END`;
const letters = (s) => `regexp_replace(${s}, '[^A-Za-z]', '', 'g')`;
const email = (n) =>
  `lower(${letters(first(n))} || '.' || ${letters(last(n))} || (${n})::text || '@' || ${orgDomain(orgOf(n))})`;
const phone = (n) => `('+4474' || lpad((${n})::text, 8, '0'))`;
const national = (n) => `('074' || lpad((${n})::text, 8, '0'))`;
const staffEmail = (k) =>
  `lower(${letters(first(k, 23))} || '.' || ${letters(last(k, 24))} || '.' || (${k})::text || '@hushdesk-support.example')`;

/**
 * The person's email or phone written the way people write them. (Not "0044 7400 000678": the app's
 * detector misses some 00-prefixed numbers, and the index must hold what the app would write.)
 */
function mentionText(kind, q, x) {
  const e = email(q);
  const nat = national(q);
  const emailFormats = [
    e,
    `upper(${e})`,
    `'<' || ${e} || '>'`,
    `upper(left(${e}, 1)) || substr(${e}, 2)`,
    `'mailto:' || ${e}`,
  ];
  // prettier-ignore
  const phoneFormats = [
    `'+44 ' || substr(${nat}, 2, 4) || ' ' || substr(${nat}, 6)`,
    `substr(${nat}, 1, 5) || ' ' || substr(${nat}, 6)`,
    nat,
    `'+44 (0)' || substr(${nat}, 2, 4) || ' ' || substr(${nat}, 6)`,
    phone(q),
    `substr(${nat}, 1, 5) || '-' || substr(${nat}, 6, 3) || '-' || substr(${nat}, 9)`,
  ];
  const choose = (formats, salt) =>
    `CASE ${r(x, salt, formats.length)} ${formats.map((f, i) => `WHEN ${i} THEN ${f}`).join(' ')} END`;
  const emailSentences = [
    'Please copy %s into replies on this.',
    'Their email address is %s if you need it.',
    'Send the report to %s when it is ready.',
    'You can also email %s directly.',
    'Our site contact is %s.',
  ];
  const phoneSentences = [
    'Please call the site contact on %s before the visit.',
    'Mobile: %s.',
    'They can be reached on %s during office hours.',
    'Best number for the engineer is %s.',
    'Call back on %s please.',
  ];
  return `CASE WHEN ${kind} = 'email'
    THEN replace(${pick(emailSentences, x, 61)}, '%s', ${choose(emailFormats, 62)})
    ELSE replace(${pick(phoneSentences, x, 63)}, '%s', ${choose(phoneFormats, 64)}) END`;
}

// Tickets: who raised them, their state and dates, all from the ticket number t.
const tReq = (t) => `(${r(t, 31, N.people)} + 1)`;
const tStatus = (st) =>
  `CASE WHEN ${st} < 80 THEN 'closed' WHEN ${st} < 83 THEN 'resolved' WHEN ${st} < 91 THEN 'open'
        WHEN ${st} < 94 THEN 'new' WHEN ${st} < 98 THEN 'pending_customer' ELSE 'on_hold' END`;
/** Minutes before BASE the ticket was raised: closed ones up to three years ago, resolved ones in the last days. */
const tAge = (t, st) =>
  `CASE WHEN ${st} < 80 THEN 20160 + ${r(t, 36, 1_576_800)} WHEN ${st} < 83 THEN 600 + ${r(t, 36, 6480)} ELSE 60 + ${r(t, 36, 43_200)} END`;
const tCreated = (t) => `(${base} - ${minutes(tAge(t, r(t, 32, 100)))})`;

// prettier-ignore
const SUBJECTS = [
  'No dial tone on desk phones', 'Broadband down at head office', 'Intermittent packet loss on the leased line',
  'New starter needs a handset and extension', 'Voicemail to email not arriving', 'Porting request for our main number',
  'Wi-Fi drops in the meeting rooms', 'Router showing a red light', 'Poor call quality on outbound calls',
  'Hunt group not ringing all phones', 'Add users to the sales call queue', 'Fibre installation date needed',
  'Firewall rule change request', 'VPN will not connect from home', 'Printer offline on the second floor',
  'SIP trunk registration failing', 'Missed calls not showing in the app', 'Change of billing address',
  'Upgrade bandwidth on the site circuit', 'Faulty headset replacement', 'Out of hours divert needs changing',
  'Conference bridge PIN not accepted', 'Shared mailbox bouncing emails', 'Switch port needs patching',
  'Mobile data not working abroad', 'New site survey request', 'Cancel an unused line',
  'Auto attendant greeting update', 'Call recording missing for yesterday', 'Slow speeds since the weekend',
];
const CUSTOMER = [
  'Since this morning none of the desk phones on the ground floor have a dial tone.',
  'The broadband at our main office keeps dropping every few minutes.',
  'Calls to customers are breaking up and sound robotic.',
  'We have a new starter on Monday who needs a handset and an extension set up.',
  'Voicemails are no longer arriving in our inboxes as attachments.',
  'The router in the comms cupboard is showing a red light on the WAN port.',
  'Could you add two more people to the sales call queue?',
  'Our internet has been really slow since the weekend, especially in the afternoons.',
  'The Wi-Fi in the meeting rooms drops whenever more than a handful of people connect.',
  'Nobody can connect to the VPN from home today.',
  'The out of hours divert is still pointing at the old mobile.',
  'Missed calls are not showing up in the softphone app.',
  'Please can we change the greeting on the auto attendant before the holidays?',
  'The printer on the second floor shows as offline for everyone.',
  'We would like to upgrade the bandwidth on our site circuit.',
  'The conference bridge is not accepting our usual PIN.',
  'One of the headsets has a crackle in the left ear and needs replacing.',
  'Our shared mailbox is bouncing emails from outside the company.',
  'We are still waiting for a date for the fibre installation.',
  'Please cancel the spare analogue line we no longer use.',
];
const CUSTOMER_MORE = [
  'That seems to have fixed it, thank you.',
  'It happened again just after lunch.',
  'We restarted the router as suggested but nothing changed.',
  'The engineer can come any time after ten.',
  'Yes, that time works for us.',
  'Still not working on our side I am afraid.',
  'Please go ahead and close this.',
  'It only seems to affect the upstairs office.',
  'This is starting to affect our customers, so we would appreciate an update.',
  'Nothing has changed on our side as far as we know.',
];
const ENGINEER = [
  'Thanks for reporting this, we are looking into it now.',
  'I can see the line has been flapping overnight and have raised it with the carrier.',
  'Could you power cycle the router and let us know if the lights change?',
  'We have pushed a configuration change to the handsets; please reboot them when convenient.',
  'I have booked an engineer visit and will confirm the time shortly.',
  'The carrier has confirmed a fault on their side and expects a fix today.',
  'I have updated the call queue and the new members should start receiving calls.',
  'Please try again now, the divert has been updated.',
  'We have replaced the faulty port and monitoring looks stable.',
  'I am closing this as resolved, reply if the problem comes back.',
  'Can you confirm which rooms are affected and roughly when it started?',
  'The greeting has been recorded and is now live.',
];
const INTERNAL = [
  'Checked the session logs, the trunk re-registered after the carrier maintenance.',
  'Customer is on the legacy tariff, needs a quote before any upgrade.',
  'Escalated to network operations, waiting on a change window.',
  'Likely the same issue as last month, see the linked problem record.',
  'Replacement headset dispatched from stock.',
  'Spoke to the site, they will keep the comms room open for the visit.',
  'Port is showing CRC errors, swap the patch lead on the next visit.',
];
const GREET_C = ['Hello,', 'Hi,', 'Good morning,', 'Hi there,', 'Morning,'];
const GREET_E = ['Hello,', 'Hi,', 'Good morning,', 'Good afternoon,'];
const CLOSE_C = [
  'Thanks.',
  'Many thanks.',
  'Thanks for your help.',
  'Kind regards.',
  'Cheers.',
  'Let me know if you need anything else.',
];
const CLOSE_E = ['Kind regards,\nService desk', 'Thanks,\nService desk', 'Best regards,\nNetwork operations'];
const DETAIL = [
  'It affects everyone in the office.',
  'We first noticed it yesterday afternoon.',
  'Nothing has changed on our side recently.',
  'Restarting the equipment has not helped.',
  'It seems worse at busy times.',
  'Please let us know when an engineer can attend.',
  'This is urgent for us as the office is open to the public.',
  'Happy to provide more detail if needed.',
];
const MODELS = [
  'Yealink T54W',
  'Poly VVX 450',
  'Cisco ISR 1100',
  'Draytek Vigor 2865',
  'Jabra Evolve2 40',
  'Ubiquiti U6 Pro',
];
const LOCATIONS = [
  'Comms cupboard',
  'Reception',
  'First floor office',
  'Warehouse',
  'Meeting room',
  'Server room',
];

// ---------------------------------------------------------------------------------------------------
// Row generators: each is a SELECT over generate_series($1, $2).

const orgsSql = `INSERT INTO organisations (id, name, created_at, updated_at)
  SELECT ${uid('o', 'o')}, ${orgName('o')}, ${base} - ${minutes(r('o', 3, 2_000_000))}, ${base}
    FROM generate_series($1::int8, $2::int8) o`;

const peopleSql = `INSERT INTO people (id, full_name, name_key, email, phone, job_title, created_at, updated_at)
  SELECT ${uid('p', 'n')}, ${first('n')} || ' ' || ${last('n')}, lower(${first('n')} || ' ' || ${last('n')}),
         ${email('n')}, ${phone('n')}, ${pick(JOBS, 'n', 25)}, c, c
    FROM (SELECT n, ${base} - ${minutes(r('n', 26, 1_500_000))} AS c FROM generate_series($1::int8, $2::int8) n OFFSET 0) s`;

const usersSql = `INSERT INTO users (id, person_id, organisation_id, role, password_hash, created_at, updated_at)
  SELECT ${uid('u', 'n')}, ${uid('p', 'n')}, ${uid('o', orgOf('n'))}, 'customer', '!', p.created_at, p.created_at
    FROM generate_series($1::int8, $2::int8) n JOIN people p ON p.id = ${uid('p', 'n')}`;

const staffPeopleSql = `INSERT INTO people (id, full_name, name_key, email, job_title, created_at, updated_at)
  SELECT ${uid('s', 'k')}, ${first('k', 23)} || ' ' || ${last('k', 24)}, lower(${first('k', 23)} || ' ' || ${last('k', 24)}),
         ${staffEmail('k')}, 'Support engineer', ${base} - interval '900 days', ${base} - interval '900 days'
    FROM generate_series($1::int8, $2::int8) k`;
const staffUsersSql = `INSERT INTO users (id, person_id, organisation_id, role, password_hash, created_at, updated_at)
  SELECT ${uid('e', 'k')}, ${uid('s', 'k')}, NULL, 'engineer', '!', ${base} - interval '900 days', ${base} - interval '900 days'
    FROM generate_series($1::int8, $2::int8) k`;

function ticketsSql(groups) {
  const prio = `CASE WHEN pr < 2 THEN 'P1' WHEN pr < 15 THEN 'P2' WHEN pr < 75 THEN 'P3' ELSE 'P4' END`;
  const frMin = `CASE WHEN pr < 2 THEN 30 WHEN pr < 15 THEN 120 WHEN pr < 75 THEN 240 ELSE 480 END`;
  const resMin = `CASE WHEN pr < 2 THEN 240 WHEN pr < 15 THEN 480 WHEN pr < 75 THEN 1620 ELSE 2700 END`;
  const responded = `created + ${minutes(`1 + ${r('t', 38, `${frMin}`)}`)}`;
  const resolved = `CASE WHEN st < 80 THEN created + ${minutes(`5 + ${r('t', 37, 4320)}`)}
                         WHEN st < 83 THEN created + ${minutes('age / 2')} END`;
  const mention = `CASE WHEN ${r('t', 41, 100)} < 2 THEN ' ' || ${mentionText('mk', 'q', 't')} ELSE '' END`;
  return `INSERT INTO tickets (id, type, status, priority, category, subject, description, requester_id, created_by_id,
      organisation_id, assignee_id, group_id, tags, equipment_asset_tag, equipment_model, equipment_location,
      first_response_due_at, first_response_at_risk_at, resolution_due_at, resolution_at_risk_at, next_due_at,
      next_at_risk_at, sla_paused_at, first_responded_at, resolved_at, closed_at, created_at, updated_at)
    SELECT ${uid('t', 't')}, CASE WHEN ${r('t', 33, 10)} < 7 THEN 'fault' ELSE 'service_request' END, ${tStatus('st')}, ${prio},
           ${pick(['network', 'voice', 'hardware', 'accounts', 'billing', null], 't', 34)},
           ${pick(SUBJECTS, 't', 35)},
           ${pick(CUSTOMER, 't', 42)} || ' ' || ${pick(DETAIL, 't', 43)} || ' ' || ${pick(DETAIL, 't', 44)} || ${mention},
           ${uid('u', 'n')}, CASE WHEN ${r('t', 39, 10)} = 0 THEN ${uid('e', `1 + ${r('t', 40, N.engineers)}`)} ELSE ${uid('u', 'n')} END,
           ${uid('o', orgOf('n'))},
           CASE WHEN st >= 91 AND st < 94 THEN NULL ELSE ${uid('e', `1 + ${r('t', 45, N.engineers)}`)} END,
           (ARRAY[${groups.map((g) => `${lit(g)}::uuid`).join(', ')}])[1 + ${r('t', 46, groups.length)}],
           ${pick(['{}', '{}', '{}', '{vip}', '{network}', '{voip}', '{onsite}'], 't', 47)}::text[],
           CASE WHEN ${r('t', 48, 5)} = 0 THEN 'AT-' || lpad(${r('t', 49, 1_000_000)}::text, 6, '0') END,
           CASE WHEN ${r('t', 48, 5)} = 0 THEN ${pick(MODELS, 't', 50)} END,
           CASE WHEN ${r('t', 48, 5)} = 0 THEN ${pick(LOCATIONS, 't', 51)} END,
           created + ${minutes(frMin)}, created + ${minutes(`${frMin} * 0.75`)},
           created + ${minutes(resMin)}, created + ${minutes(`${resMin} * 0.75`)},
           CASE WHEN st >= 91 AND st < 94 THEN created + ${minutes(frMin)} WHEN st >= 83 AND st < 91 THEN created + ${minutes(resMin)} END,
           CASE WHEN st >= 91 AND st < 94 THEN created + ${minutes(`${frMin} * 0.75`)} WHEN st >= 83 AND st < 91 THEN created + ${minutes(`${resMin} * 0.75`)} END,
           CASE WHEN st >= 94 THEN ${responded} + interval '1 hour' END,
           CASE WHEN st >= 91 AND st < 94 THEN NULL ELSE ${responded} END,
           ${resolved},
           CASE WHEN st < 80 THEN (${resolved}) + interval '7 days' END,
           created,
           COALESCE(CASE WHEN st < 80 THEN (${resolved}) + interval '7 days' END, ${resolved}, ${responded}, created)
      FROM (SELECT t, ${tReq('t')} AS n, ${r('t', 32, 100)} AS st, ${r('t', 52, 100)} AS pr, ${tAge('t', r('t', 32, 100))} AS age,
                   ${tCreated('t')} AS created, 1 + ${r('t', 53, N.people)} AS q,
                   CASE WHEN ${r('t', 54, 2)} = 0 THEN 'email' ELSE 'phone' END AS mk
              FROM generate_series($1::int8, $2::int8) t OFFSET 0) s`;
}
/** The identifiers the ticket descriptions mention: kind, normalised value, source. */
const ticketMentionsSql = `SELECT mk AS kind, CASE WHEN mk = 'email' THEN ${email('q')} ELSE ${phone('q')} END AS val,
         'ticket' AS source_type, ${uid('t', 't')} AS source_id, ${uid('t', 't')} AS ticket_id
    FROM (SELECT t, 1 + ${r('t', 53, N.people)} AS q, CASE WHEN ${r('t', 54, 2)} = 0 THEN 'email' ELSE 'phone' END AS mk
            FROM generate_series($1::int8, $2::int8) t WHERE ${r('t', 41, 100)} < 2 OFFSET 0) s`;

/** Messages: g → ticket, author (the requester 45%, else an engineer, a quarter of those internal). */
const messageCols = `g, 1 + ${r('g', 71, N.tickets)} AS t, ${r('g', 72, 100)} AS who, ${r('g', 74, 100)} AS vis,
    ${r('g', 76, 100)} < 5 AS ment, 1 + ${r('g', 77, N.people)} AS q,
    CASE WHEN ${r('g', 78, 2)} = 0 THEN 'email' ELSE 'phone' END AS mk`;
const messagesSql = `INSERT INTO ticket_messages (id, ticket_id, author_id, visibility, body, created_at)
  SELECT ${uid('m', 'g')}, ${uid('t', 't')},
         CASE WHEN who < 45 THEN ${uid('u', tReq('t'))} ELSE ${uid('e', `1 + ${r('g', 73, N.engineers)}`)} END,
         CASE WHEN who >= 45 AND vis < 25 THEN 'internal' ELSE 'public' END,
         CASE WHEN who < 45 THEN ${pick(GREET_C, 'g', 79)} || E'\n\n' || ${pick(CUSTOMER_MORE, 'g', 80)} || ' ' || ${pick(CUSTOMER, 'g', 81)}
              WHEN vis < 25 THEN ${pick(INTERNAL, 'g', 82)}
              ELSE ${pick(GREET_E, 'g', 83)} || E'\n\n' || ${pick(ENGINEER, 'g', 84)} END
         || CASE WHEN ment THEN ' ' || ${mentionText('mk', 'q', 'g')} ELSE '' END
         || CASE WHEN who < 45 THEN E'\n\n' || ${pick(CLOSE_C, 'g', 85)} WHEN vis < 25 THEN '' ELSE E'\n\n' || ${pick(CLOSE_E, 'g', 86)} END,
         LEAST(${base}, ${tCreated('t')} + ${minutes(r('g', 75, 14_400))})
    FROM (SELECT ${messageCols} FROM generate_series($1::int8, $2::int8) g OFFSET 0) s`;
const messageMentionsSql = `SELECT mk AS kind, CASE WHEN mk = 'email' THEN ${email('q')} ELSE ${phone('q')} END AS val,
         'message' AS source_type, ${uid('m', 'g')} AS source_id, ${uid('t', 't')} AS ticket_id
    FROM (SELECT ${messageCols} FROM generate_series($1::int8, $2::int8) g OFFSET 0) s WHERE ment`;

/** Calls: 92% from a known person's number (matched to them), the rest from unknown numbers. */
const recordingsSql = `INSERT INTO recordings (caller_number, direction, started_at, duration_seconds, agent_id, person_id,
      person_match, expires_at, created_at)
  SELECT CASE WHEN known THEN ${phone('q')} ELSE '+4420' || lpad(${r('i', 92, 100_000_000)}::text, 8, '0') END,
         CASE WHEN ${r('i', 93, 10)} < 7 THEN 'inbound' ELSE 'outbound' END, at, dur,
         ${uid('e', `1 + ${r('i', 94, N.engineers)}`)}, CASE WHEN known THEN ${uid('p', 'q')} END,
         CASE WHEN known THEN 'matched' ELSE 'none' END, at + interval '60 days', at + dur * interval '1 second'
    FROM (SELECT i, 1 + ${r('i', 90, N.people)} AS q, ${r('i', 91, 100)} < 92 AS known,
                 ${base} - ${r('i', 95, 55 * 86_400)} * interval '1 second' AS at, 20 + ${r('i', 96, 1800)}::int AS dur
            FROM generate_series($1::int8, $2::int8) i OFFSET 0) s`;

/** Every person's own identifiers, as IdentifierIndex.indexPerson writes them. */
const personMentionsSql = `SELECT k.kind, k.val, 'person' AS source_type, p.id AS source_id, NULL::uuid AS ticket_id
    FROM people p CROSS JOIN LATERAL (VALUES ('email', p.email), ('phone', p.phone), ('name', p.name_key)) k(kind, val)
   WHERE k.val IS NOT NULL AND p.id IN (SELECT id FROM people ORDER BY id OFFSET $1::int8 - 1 LIMIT $2::int8 - $1::int8 + 1)`;

// ---------------------------------------------------------------------------------------------------

const sessionSettings = [
  'SET synchronous_commit = off',
  "SET maintenance_work_mem = '1GB'",
  "SET work_mem = '64MB'",
  'SET jit = off',
];
async function connect(url = db.url) {
  const c = new pg.Client({ connectionString: url, application_name: 'hushdesk-bench-seed' });
  await c.connect();
  for (const s of sessionSettings) await c.query(s);
  return c;
}

let sqlHmac = false;
const hashExpr = `hmac(convert_to(kind, 'UTF8') || '\\x00'::bytea || convert_to(val, 'UTF8'), $3::bytea, 'sha256')`;
let nodeHash;

/** Writes index entries for the (kind, val, source_type, source_id, ticket_id) rows of a SELECT over $1..$2. */
async function insertMentions(c, selectSql, from, to) {
  if (sqlHmac) {
    const res = await c.query(
      `INSERT INTO identifier_mentions (kind, hash, source_type, source_id, ticket_id)
       SELECT kind, ${hashExpr}, source_type, source_id, ticket_id FROM (${selectSql}) m`,
      [from, to, Buffer.from(KEY, 'utf8')],
    );
    return res.rowCount;
  }
  const { rows } = await c.query(selectSql, [from, to]);
  for (let i = 0; i < rows.length; i += 10_000) {
    const part = rows.slice(i, i + 10_000);
    await c.query(
      `INSERT INTO identifier_mentions (kind, hash, source_type, source_id, ticket_id)
       SELECT * FROM unnest($1::text[], $2::bytea[], $3::text[], $4::uuid[], $5::uuid[])`,
      [
        part.map((m) => m.kind),
        part.map((m) => nodeHash(m.kind, m.val)),
        part.map((m) => m.source_type),
        part.map((m) => m.source_id),
        part.map((m) => m.ticket_id),
      ],
    );
  }
  return rows.length;
}

/** Runs a generator over 1..total in chunks, with progress lines; `extra` runs on each chunk too. */
async function load(c, label, total, sql, { chunk = CHUNK, params = [], extra } = {}) {
  const t0 = Date.now();
  let extraRows = 0;
  for (let from = 1; from <= total; from += chunk) {
    const to = Math.min(total, from + chunk - 1);
    if (sql) await c.query(sql, [from, to, ...params]);
    if (extra) extraRows += await extra(from, to);
    if (total > chunk) {
      const s = (Date.now() - t0) / 1000;
      say(`  ${label.padEnd(18)} ${fmt(to).padStart(11)} / ${fmt(total)}  (${fmt(to / s)} rows/s)`);
    }
  }
  const ms = Date.now() - t0;
  timings[label] = ms;
  say(
    `✓ ${label.padEnd(18)} ${fmt(total).padStart(11)} rows in ${secs(ms)} (${fmt(total / ((ms || 1) / 1000))} rows/s)` +
      (extra ? `, ${fmt(extraRows)} index entries` : ''),
  );
  return extraRows;
}

async function step(label, fn) {
  const t0 = Date.now();
  const out = await fn();
  timings[label] = Date.now() - t0;
  say(`✓ ${label} (${secs(timings[label])})`);
  return out;
}

/** Runs the tasks on `conns` connections, each taking the next task as it finishes one. */
async function parallel(conns, tasks) {
  const queue = [...tasks];
  await Promise.all(
    conns.map(async (c) => {
      for (let task = queue.shift(); task; task = queue.shift()) await task(c);
    }),
  );
}

async function main() {
  say(`Hushdesk DSAR bench seed: scale ${SCALE} → database ${db.name}`);
  say(
    `  ${fmt(N.orgs)} organisations, ${fmt(N.people)} customers, ${fmt(N.engineers)} engineers, ` +
      `${fmt(N.tickets)} tickets, ${fmt(N.messages)} messages, ${fmt(N.recordings)} recordings`,
  );

  // 1. A fresh database with the app's schema.
  await step('database recreated', async () => {
    const admin = new pg.Client({ connectionString: db.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${db.name}`);
    await admin.end();
  });
  await step('migrations', () =>
    run('node', ['scripts/migration.mjs', 'run'], {
      env: { DATABASE_URL: db.url },
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );

  const a = await connect();
  const b = await connect();
  const { index, manager, privacy } = identifierIndex(a, KEY);
  nodeHash = (kind, val) => privacy.keyedHash(Buffer.from(KEY, 'utf8'), kind, val);

  // 2. pgcrypto's hmac() only if it gives exactly what keyedHash gives.
  await a.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
  const probes = [
    ['email', 'olivia.okafor42@northwind-networks-12.example'],
    ['phone', '+447400000042'],
    ['name', "zoë o'brien-kovács"],
    ['name', 'émile 日本'],
  ];
  const { rows: probeRows } = await a.query(
    `SELECT ${hashExpr} AS h FROM unnest($1::text[], $2::text[]) AS p(kind, val)`,
    [probes.map((p) => p[0]), probes.map((p) => p[1]), Buffer.from(KEY, 'utf8')],
  );
  sqlHmac = probes.every(([kind, val], i) => probeRows[i].h.equals(nodeHash(kind, val)));
  say(
    sqlHmac
      ? '✓ pgcrypto hmac(kind || 0x00 || value, key, sha256) = keyedHash on every probe: hashing in SQL'
      : '! pgcrypto hmac differs from keyedHash: hashing in Node',
  );

  // 3. Off with the bulk tables' indexes and foreign keys; keep their exact definitions.
  const { rows: fks } = await a.query(
    `SELECT conrelid::regclass::text AS tbl, quote_ident(conname) AS name, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE contype = 'f' AND (conrelid = ANY($1::regclass[]) OR confrelid = ANY($1::regclass[]))`,
    [BULK_TABLES],
  );
  const { rows: indexes } = await a.query(
    `SELECT i.indrelid::regclass::text AS tbl, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def,
            c.contype = 'p' AS pk, quote_ident(c.conname) AS conname
       FROM pg_index i LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u')
      WHERE i.indrelid = ANY($1::regclass[])`,
    [BULK_TABLES],
  );
  if (indexes.some((i) => i.conname && !i.pk))
    throw new Error('unexpected unique constraint on a bulk table');
  await step(
    `dropped ${indexes.length} indexes and ${fks.length} foreign keys of ${BULK_TABLES.join(', ')}`,
    async () => {
      for (const fk of fks) await a.query(`ALTER TABLE ${fk.tbl} DROP CONSTRAINT ${fk.name}`);
      for (const i of indexes) {
        await a.query(i.pk ? `ALTER TABLE ${i.tbl} DROP CONSTRAINT ${i.conname}` : `DROP INDEX ${i.name}`);
      }
    },
  );

  // 4. The bulk load, on two connections (this machine's two cores).
  const { rows: groupRows } = await a.query('SELECT id FROM ticket_groups ORDER BY name');
  const groups = groupRows.map((g) => g.id);
  const loadStart = Date.now();
  let mentionCount = 0;
  await parallel(
    [a, b],
    [
      (c) =>
        load(c, 'ticket_messages', N.messages, messagesSql, {
          extra: async (from, to) => insertMentions(c, messageMentionsSql, from, to),
        }).then((n) => (mentionCount += n)),
      async (c) => {
        await load(c, 'organisations', N.orgs, orgsSql);
        await load(c, 'people', N.people, peopleSql);
        await load(c, 'users', N.people, usersSql);
        await load(c, 'engineers (people)', N.engineers, staffPeopleSql);
        await load(c, 'engineers (users)', N.engineers, staffUsersSql);
        mentionCount += await load(c, 'tickets', N.tickets, ticketsSql(groups), {
          extra: async (from, to) => insertMentions(c, ticketMentionsSql, from, to),
        });
        await load(c, 'recordings', N.recordings, recordingsSql);
        const [{ n }] = (await c.query('SELECT count(*)::int AS n FROM people')).rows;
        mentionCount += await load(c, 'person index', n, null, {
          chunk: 100_000,
          extra: async (from, to) => insertMentions(c, personMentionsSql, from, to),
        });
      },
    ],
  );
  timings.load = Date.now() - loadStart;
  say(`✓ bulk load: ${secs(timings.load)} (${fmt(mentionCount)} index entries)`);

  // 5. Indexes back (primary keys as unique indexes first, so two builds can run at once), then keys.
  const rebuildStart = Date.now();
  const { rows: sizes } = await a.query(
    'SELECT relname, pg_relation_size(oid) AS bytes FROM pg_class WHERE relname = ANY($1)',
    [BULK_TABLES],
  );
  const size = (tbl) => Number(sizes.find((s) => s.relname === tbl)?.bytes ?? 0);
  const weight = (i) => size(i.tbl) * (/ USING gin /.test(i.def) ? 8 : 1);
  const ordered = [...indexes].sort((x, y) => weight(y) - weight(x));
  await parallel(
    [a, b],
    ordered.map((i) => async (c) => {
      const t0 = Date.now();
      await c.query(i.def);
      say(`  index ${i.name} (${secs(Date.now() - t0)})`);
    }),
  );
  for (const i of indexes.filter((x) => x.pk)) {
    await a.query(`ALTER TABLE ${i.tbl} ADD CONSTRAINT ${i.conname} PRIMARY KEY USING INDEX ${i.name}`);
  }
  for (const fk of fks) {
    const t0 = Date.now();
    await a.query(`ALTER TABLE ${fk.tbl} ADD CONSTRAINT ${fk.name} ${fk.def}`);
    say(`  foreign key ${fk.name} (${secs(Date.now() - t0)})`);
  }
  timings.indexes = Date.now() - rebuildStart;
  say(`✓ ${indexes.length} indexes and ${fks.length} foreign keys restored (${secs(timings.indexes)})`);

  // 6. The data subject, through the app's own identifier index.
  const planted = await step('planted the data subject', () => plantSubject(a, index, manager, privacy));

  // 7. The bulk index against the app's indexer, on a sample.
  if (SAMPLE > 0)
    await step('index sample checked against IdentifierIndex', () => verify(a, index, manager, privacy));

  // 8. Statistics, visibility map and hint bits, as a settled database has them.
  await step('VACUUM (ANALYZE)', () =>
    parallel(
      [a, b],
      [
        'ticket_messages',
        'tickets',
        'identifier_mentions',
        'recordings',
        'people',
        'users',
        'organisations',
      ].map((t) => (c) => c.query(`VACUUM (ANALYZE) ${t}`)),
    ).then(() => a.query('ANALYZE')),
  );
  await a.query('DROP EXTENSION IF EXISTS pgcrypto');
  await a.query('CHECKPOINT').catch(() => undefined); // superusers only; it only saves the bench a checkpoint

  const [counts] = (
    await a.query(`SELECT (SELECT count(*) FROM organisations)::int AS organisations, (SELECT count(*) FROM people)::int AS people,
        (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM tickets)::int AS tickets,
        (SELECT count(*) FROM ticket_messages)::int AS messages, (SELECT count(*) FROM recordings)::int AS recordings,
        (SELECT count(*) FROM identifier_mentions)::int AS identifier_mentions,
        pg_size_pretty(pg_database_size(current_database())) AS size`)
  ).rows;
  const seconds = Math.round((Date.now() - started) / 1000);
  await a.query(
    `COMMENT ON DATABASE ${db.name} IS ${lit(JSON.stringify({ hushdeskBench: 'dsar', scale: SCALE, seededAt: new Date().toISOString(), seedSeconds: seconds, sqlHmac, ...counts }))}`,
  );
  await a.end();
  await b.end();
  say('');
  say(`Seeded ${db.name} in ${secs(Date.now() - started)}: ${JSON.stringify(counts)}`);
  say(`Subject: ${SUBJECT.fullName} <${SUBJECT.email}>, ${SUBJECT.phone}: ${JSON.stringify(planted)}`);
  say(`Next: npm run bench:dsar -- --scale ${SCALE}`);
}

// ---------------------------------------------------------------------------------------------------

/**
 * "Bench Subject": 8 tickets they raised with 30 messages (theirs, an engineer's, internal notes),
 * 5 mentions of their email, phone or name in other organisations' tickets and messages, and 4 calls
 * from their number (one not matched to them). Text is indexed by IdentifierIndex.index, as the app does.
 */
async function plantSubject(c, index, manager, privacy) {
  const q = async (sql, params) => (await c.query(sql, params)).rows;
  const day = 86_400_000;
  const at = (daysAgo) => new Date(Date.parse(BASE) - daysAgo * day);
  const [org] = await q('INSERT INTO organisations (name, created_at) VALUES ($1, $2) RETURNING id', [
    SUBJECT.organisation,
    at(700),
  ]);
  const [person] = await q(
    `INSERT INTO people (full_name, name_key, email, phone, job_title, employer, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'Office manager', $5, $6, $6) RETURNING id`,
    [
      SUBJECT.fullName,
      privacy.normaliseName(SUBJECT.fullName),
      privacy.normaliseEmail(SUBJECT.email),
      privacy.normalisePhone(SUBJECT.phone),
      SUBJECT.organisation,
      at(700),
    ],
  );
  await index.indexPerson(manager, {
    id: person.id,
    email: SUBJECT.email,
    phone: SUBJECT.phone,
    fullName: SUBJECT.fullName,
  });
  const [user] = await q(
    `INSERT INTO users (person_id, organisation_id, role, password_hash, created_at, updated_at)
     VALUES ($1, $2, 'customer', '!', $3, $3) RETURNING id`,
    [person.id, org.id, at(700)],
  );
  // Engineers 1–3, and a few other customers (people 42, 4242 …) for third-party mentions.
  const engineers = (await q(`SELECT ${uid('e', 'k')} AS id FROM generate_series(1, 3) k`)).map((r) => r.id);
  const others = await q(
    `SELECT p.id, p.email, p.phone, p.full_name, u.id AS user_id FROM generate_series(1, 5) k
       JOIN people p ON p.id = ${uid('p', `1 + (k * 7919) % ${N.people}`)} JOIN users u ON u.person_id = p.id ORDER BY k`,
  );
  const national = (e164) => `0${e164.slice(3, 7)} ${e164.slice(7)}`; // +447911123456 → 07911 123456

  // prettier-ignore
  const tickets = [
    ['No dial tone on reception phones', 'closed', 320, `Both reception handsets have no dial tone. Best number to reach me is ${national(SUBJECT.phone)}.`],
    ['Broadband slow in the afternoons', 'closed', 260, 'Our broadband slows to a crawl every afternoon, it affects the whole office.'],
    ['New starter needs a handset', 'closed', 190, 'We have a new receptionist starting next week who needs a handset and an extension.'],
    ['Voicemail to email not arriving', 'closed', 150, 'Voicemails have stopped arriving in my inbox as attachments.'],
    ['Change of billing contact', 'closed', 95, `Please send invoices to me from now on: ${SUBJECT.email}.`],
    ['Wi-Fi drops in the meeting room', 'resolved', 2, 'The Wi-Fi in the big meeting room drops whenever we have a client meeting.'],
    ['Out of hours divert needs changing', 'open', 6, `Please divert out of hours calls to my mobile, ${SUBJECT.phone}, from Friday.`],
    ['Router showing a red light', 'open', 1, 'The router in the comms cupboard is showing a red light on the WAN port since this morning.'],
  ];
  const ticketIds = [];
  for (const [i, [subject, status, daysAgo, description]] of tickets.entries()) {
    const created = at(daysAgo);
    const resolvedAt =
      status === 'open' ? null : new Date(created.getTime() + (status === 'resolved' ? 0.5 : 2) * day);
    const [t] = await q(
      `INSERT INTO tickets (type, status, priority, category, subject, description, requester_id, created_by_id,
         organisation_id, assignee_id, group_id, first_response_due_at, resolution_due_at, next_due_at,
         first_responded_at, resolved_at, closed_at, created_at, updated_at)
       VALUES ($1, $2, 'P3', 'voice', $3, $4, $5, $6, $7, $8, (SELECT id FROM ticket_groups ORDER BY name LIMIT 1),
         $9::timestamptz + interval '4 hours', $9::timestamptz + interval '27 hours',
         $11, $9::timestamptz + interval '1 hour', $10, $12, $9, $9)
       RETURNING id`,
      [
        i % 3 === 0 ? 'fault' : 'service_request',
        status,
        subject,
        description,
        user.id,
        i === 3 ? engineers[0] : user.id, // one raised by an engineer on the phone
        org.id,
        engineers[i % 3],
        created,
        resolvedAt,
        status === 'open' ? new Date(created.getTime() + 27 * 3_600_000) : null,
        status === 'closed' ? new Date(resolvedAt.getTime() + 7 * day) : null,
      ],
    );
    await index.index(manager, { type: 'ticket', id: t.id, ticketId: t.id }, [subject, description]);
    ticketIds.push({ id: t.id, created });
  }

  // 30 messages: [ticket, author ('s' subject, 'e' engineer, 'n' internal note), text]
  const o = others;
  const thread = [
    [
      0,
      'e',
      'Hello, thanks for reporting this. Could you check whether the handsets show any error on screen?',
    ],
    [0, 's', 'Hi, they just say "No service". Thanks.'],
    [
      0,
      'n',
      `Carrier confirms a fault at the exchange. Customer also gave an alternative contact, ${o[0].email}.`,
    ],
    [0, 'e', 'Good news, the carrier has fixed the fault at the exchange. Please try the handsets again.'],
    [1, 'e', 'Hi, could you run a speed test at about three o\u2019clock and send us the result?'],
    [1, 's', 'Done, it showed a fraction of what we pay for. Many thanks.'],
    [1, 'n', 'Line stats show heavy contention. Raised with the wholesale provider.'],
    [1, 'e', 'We have moved you to a less congested port, speeds should now be back to normal.'],
    [2, 's', `Hi, the new starter's name is ${o[1].full_name} and they start on Monday.`],
    [2, 'e', 'Hello, the handset is on its way and the extension is ready.'],
    [2, 's', 'Received, thank you very much.'],
    [2, 'n', 'Extension added to the reception hunt group.'],
    [
      3,
      'e',
      'Good morning, voicemail to email was switched off after the mailbox migration. I have switched it back on.',
    ],
    [3, 's', `Thanks, it works again. Please also copy my colleague on ${o[2].email}.`],
    [3, 'n', 'Customer asked to copy a colleague. Added as a secondary recipient.'],
    [4, 's', `Our accounts team can also be reached on ${national(o[3].phone)}.`],
    [4, 'e', 'Hello, billing contact updated. Future invoices will go to the new address.'],
    [4, 'n', 'Billing contact changed on the account; old contact removed.'],
    [4, 's', 'Perfect, thank you.'],
    [5, 'e', 'Hi, could you tell us roughly how many devices are connected during a meeting?'],
    [5, 's', 'About fifteen laptops and phones.'],
    [5, 'n', 'Access point is overloaded. Second access point scheduled for install.'],
    [
      5,
      'e',
      'A second access point has been installed in the meeting room. Please let us know if it happens again.',
    ],
    [6, 'e', 'Hello, we can set that up. Which hours should the divert apply to?'],
    [6, 's', `From six in the evening to eight in the morning, to ${SUBJECT.phone} please.`],
    [6, 'n', 'Divert schedule drafted, waiting for the customer to confirm the start date.'],
    [6, 'e', 'The divert is scheduled to start on Friday at six in the evening.'],
    [7, 'e', 'Good morning, could you power cycle the router and let us know if the light changes?'],
    [7, 's', `Done, still red. If you need to call, I am on ${national(SUBJECT.phone)}.`],
    [7, 'n', 'Probable fibre break outside the building. Openreach job raised.'],
  ];
  for (const [i, [ti, who, body]] of thread.entries()) {
    const t = ticketIds[ti];
    const [m] = await q(
      `INSERT INTO ticket_messages (ticket_id, author_id, visibility, body, created_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        t.id,
        who === 's' ? user.id : engineers[i % 3],
        who === 'n' ? 'internal' : 'public',
        body,
        new Date(t.created.getTime() + (i % 4) * 3_600_000 + 60_000),
      ],
    );
    await index.index(manager, { type: 'message', id: m.id, ticketId: t.id }, [body]);
  }

  // 5 mentions elsewhere: 2 other organisations' tickets, 3 messages on other organisations' tickets.
  // prettier-ignore
  const mentionTickets = [
    [o[0], 'Supplier asking about our phone system', `Our supplier contact ${SUBJECT.fullName} (${SUBJECT.email}) asked whether our lines can take their calls. Can you advise?`],
    [o[4], 'Call forwarding to a partner office', `We need calls forwarded to our partner office. Their manager is on +44 (0)7911 123 456.`],
  ];
  for (const [other, subject, description] of mentionTickets) {
    const [t] = await q(
      `INSERT INTO tickets (type, subject, description, requester_id, created_by_id, organisation_id, created_at, updated_at)
       SELECT 'service_request', $1, $2, u.id, u.id, u.organisation_id, $4, $4 FROM users u WHERE u.id = $3 RETURNING id`,
      [subject, description, other.user_id, at(40)],
    );
    await index.index(manager, { type: 'ticket', id: t.id, ticketId: t.id }, [subject, description]);
  }
  const mentionMessages = [
    [
      1,
      'e',
      `Hello, the contact you mentioned, ${SUBJECT.email.toUpperCase()}, has been added to the notification list.`,
    ],
    [
      2,
      'c',
      `Please also ring our landlord's office manager on ${national(SUBJECT.phone)} before the engineer visit.`,
    ],
    [3, 'c', `The shared line is also used by the company next door; their contact is +44 7911 123456.`],
  ];
  for (const [k, who, body] of mentionMessages) {
    // Busy tickets of other customers: the first ticket whose number is a multiple of 1000 + k.
    const [t] = await q(`SELECT id, requester_id FROM tickets WHERE id = ${uid('t', '$1::int8')}`, [
      Math.min(N.tickets, 1000 * k + 1),
    ]);
    const [m] = await q(
      `INSERT INTO ticket_messages (ticket_id, author_id, visibility, body, created_at)
       VALUES ($1, $2, 'public', $3, $4) RETURNING id`,
      [t.id, who === 'e' ? engineers[k % 3] : t.requester_id, body, at(10 + k)],
    );
    await index.index(manager, { type: 'message', id: m.id, ticketId: t.id }, [body]);
  }

  // 4 calls from their number: three matched to them, one that was not.
  for (const [i, daysAgo] of [3, 11, 25, 48].entries()) {
    await q(
      `INSERT INTO recordings (caller_number, direction, started_at, duration_seconds, agent_id, ticket_id, person_id,
         person_match, expires_at, created_at)
       VALUES ($1, 'inbound', $2, $3, $4, $5, $6, $7, $2::timestamptz + interval '60 days', $2)`,
      [
        privacy.normalisePhone(SUBJECT.phone),
        at(daysAgo),
        120 + 60 * i,
        engineers[i % 3],
        i === 0 ? ticketIds[7].id : null,
        i === 3 ? null : person.id,
        i === 3 ? 'none' : 'matched',
      ],
    );
  }
  const [counts] = await q(
    `SELECT (SELECT count(*) FROM tickets WHERE requester_id = $1)::int AS tickets,
            (SELECT count(*) FROM ticket_messages WHERE ticket_id IN (SELECT id FROM tickets WHERE requester_id = $1))::int AS messages,
            (SELECT count(DISTINCT source_id) FROM identifier_mentions WHERE source_type <> 'person' AND hash = ANY($2)
                AND ticket_id NOT IN (SELECT id FROM tickets WHERE requester_id = $1))::int AS mentions_elsewhere,
            (SELECT count(*) FROM recordings WHERE caller_number = $3 OR person_id = $4)::int AS recordings`,
    [
      user.id,
      [
        index.hash('email', privacy.normaliseEmail(SUBJECT.email)),
        index.hash('phone', privacy.normalisePhone(SUBJECT.phone)),
        index.hash('name', privacy.normaliseName(SUBJECT.fullName)),
      ],
      privacy.normalisePhone(SUBJECT.phone),
      person.id,
    ],
  );
  return { personId: person.id, userId: user.id, ...counts };
}

/**
 * Recomputes the index entries of a sample of texts and people with the app's IdentifierIndex
 * (emails, phones, and known people's names) and compares them with what the seed wrote.
 */
async function verify(c, index, manager, privacy) {
  const q = async (sql, params) => (await c.query(sql, params)).rows;
  const per = Math.max(1, Math.floor(SAMPLE / 2));
  const pct = (n) => Math.min(100, Math.max(0.001, ((per * 2) / n) * 100)).toFixed(3);
  const sources = [
    ...(await q(
      `(SELECT 'message' AS type, id, body AS text FROM ticket_messages TABLESAMPLE SYSTEM (${pct(N.messages)}) LIMIT ${per})
       UNION ALL
       (SELECT 'message', m.id, m.body FROM identifier_mentions im JOIN ticket_messages m ON m.id = im.source_id
         WHERE im.source_type = 'message' LIMIT ${Math.ceil(per / 4)})`,
    )),
    ...(await q(
      `(SELECT 'ticket' AS type, id, subject || E'\\n' || description AS text FROM tickets TABLESAMPLE SYSTEM (${pct(N.tickets)}) LIMIT ${per})
       UNION ALL
       (SELECT 'ticket', t.id, t.subject || E'\\n' || t.description FROM identifier_mentions im JOIN tickets t ON t.id = im.source_id
         WHERE im.source_type = 'ticket' LIMIT ${Math.ceil(per / 4)})`,
    )),
  ];
  const people = await q(
    `SELECT id, full_name, name_key, email, phone FROM people TABLESAMPLE SYSTEM (${pct(N.people)}) LIMIT ${per}`,
  );
  const key = (kind, hash) => `${kind}:${hash.toString('hex')}`;
  const stored = new Map();
  const ids = [...sources.map((s) => s.id), ...people.map((p) => p.id)];
  for (const r of await q(
    'SELECT source_type, source_id, kind, hash FROM identifier_mentions WHERE source_id = ANY($1)',
    [ids],
  )) {
    const k = `${r.source_type}:${r.source_id}`;
    stored.set(k, [...(stored.get(k) ?? []), key(r.kind, r.hash)].sort());
  }
  const problems = [];
  let withEntries = 0;
  for (const s of sources) {
    const found = await index.identifiersIn(manager, s.text);
    const expected = found.map((f) => key(f.kind, index.hash(f.kind, f.normalised))).sort();
    const got = stored.get(`${s.type}:${s.id}`) ?? [];
    if (expected.length) withEntries++;
    if (expected.join() !== got.join())
      problems.push(`${s.type} ${s.id}: expected ${JSON.stringify(found)}, stored ${got.length}`);
  }
  for (const p of people) {
    // As IdentifierIndex.indexPerson: email, phone when it is one, name.
    const phone = p.phone ? privacy.normalisePhone(p.phone) : null;
    const expected = [
      ...(p.email ? [key('email', index.hash('email', privacy.normaliseEmail(p.email)))] : []),
      ...(phone ? [key('phone', index.hash('phone', phone))] : []),
      ...(p.full_name ? [key('name', index.hash('name', privacy.normaliseName(p.full_name)))] : []),
    ].sort();
    const got = stored.get(`person:${p.id}`) ?? [];
    if (p.name_key !== privacy.normaliseName(p.full_name))
      problems.push(`person ${p.id}: name_key ${p.name_key}`);
    if (expected.join() !== got.join()) problems.push(`person ${p.id}: index entries differ`);
  }
  say(
    `  checked ${sources.length} texts (${withEntries} with identifiers) and ${people.length} people: ${problems.length} differences`,
  );
  if (problems.length) {
    for (const p of problems.slice(0, 10)) say(`    ${p}`);
    throw new Error('the seeded identifier index differs from what the app would write');
  }
}

main().catch((e) => {
  process.stderr.write(`bench:seed failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
