/**
 * Set 3 of `npm run bench:pii`: held-out phone formats (issue 14, item 1.3).
 *
 * Written before the detector was changed for these formats, and committed on its own first, so its
 * figures are out-of-sample: the formats an outside review found missed (`0044-7700-900-123`,
 * `+44 (0)7700 900 123`, `07700-900-123`, digits split by spaces or dots) and their relatives, in
 * helpdesk sentences, beside as many hard negatives in the same digit shapes (dates, IPs, versions,
 * times, sort codes, serials, refs, postcodes, IBANs, card numbers, ids after id words).
 *
 * Markup as in set 2: {p:…} a phone, {e:…} an email; everything else is unlabelled and must not be
 * flagged. Numbers are from Ofcom's drama ranges (07700 900xxx, 020 7946 0xxx, 0161 496 0xxx, …), the
 * North American 555-01xx range and Australia's 0491 570 xxx fictional range where one exists.
 *
 * Any sentence added or changed after the first bench run is marked below and in the bench output.
 */

/** Positives: the formats the review named and their relatives. */
export const HELDOUT_PHONES = [
  // the exact formats named in the review
  'Please ring me on {p:0044-7700-900-123} after lunch.',
  '{p:0044 7700 900123} is my work mobile, not the desk phone.',
  'My number is {p:+44 (0)7700 900 123}.',
  'Call {p:+44(0)7700-900-123}, I am in the office all day.',
  'Mobile: {p:07700-900-123}',
  'You can text me on {p:07700 900 123} or email {e:dana.reid@example.co.uk}.',
  'my mob is {p:077 009 001 23} thx',
  'Phone {p:07700.900.123} if the portal is down again.',
  'Reach me on {p:0 7700 900 123} any time before 6.',
  'Please call {p:(07700) 900123} to arrange access to the comms room.',
  'Number from the hotel: {p:+44.7700.900.123}',
  'Phone: {p:44 7700 900123}',
  'The main office is {p:020-7946-0958} for billing questions.',
  'Manchester branch: {p:0161.496.0000}.',
  'From abroad, use {p:0044 (0) 20 7946 0958}.',
  // relatives, in different places in the sentence
  'tel: {p:0044-20-7946-0321}',
  'Two numbers, {p:07700-900-456} (work) and {p:07700.900.789} (home).',
  'Contact details ({p:+44 (0)161 496 0321}, {e:ops@example.org}) are on the sheet.',
  'Her mobile ({p:07700 900 555}) goes straight to voicemail.',
  'I rang {p:0113-496-0999} three times yesterday.',
  'Daytime {p:0117.496.0789}; evenings {p:07700-900-987}.',
  'Emergency callout line: {p:+44 (0) 114 496 0555}!',
  'Can you call me back on {p:07700 900 321}?',
  'phone {p:00 44 7700 900 654}',
  '{p:+44 7700-900-246} (mobile, UK only)',
  'Leave a message on {p:0207 946 0123} and we will call back.',
  'The caller gave {p:07700 900-113} as the callback number.',
  'Please update my phone to {p:+44 (0)7700-900-114}, the old one was {p:07700 900 115}.',
  'Number changed: was {p:07700.900.117}, now {p:07700.900.118}.',
  'Callback - {p:0044 7700 900119} - urgent',
  'On-call engineer tonight is on {p:077 0090 0120}.',
  'If {p:0161-496-0123} is busy, try {p:0161-496-0124}.',
  '{p:(0161) 496-0125} is the number printed on the letterhead.',
  '"{p:07700 900 126}" is what she wrote on the form.',
  'Regards,\nDana Reid\n{p:07700-900-127}\n{e:dana.reid@example.co.uk}',
  'Sam Patel | Field engineer | M: {p:+44 (0)7700 900 128} | T: {p:+44 (0)20 7946 0129}',
  'Mobile:{p:07700900130}',
  'Tel.{p:07700 900 131}',
  'WhatsApp {p:+44 7700 900 132}.',
  'Call {p:07700-900-133} about order 7700-900-134, please.',
  'Landline {p:029.2018.0333}, mobile {p:07700 900 135}.',
  // international
  'Ring our US desk on {p:001 415 555 0132} or {p:+1 (415) 555-0198}.',
  'Paris office: {p:0033 1 23 45 67 89}, or {p:+33.6.12.34.56.78} for Claire.',
  'Sydney support is on {p:+61 491 570 156}.',
  'Our Berlin colleagues are on {p:+49 (0)30 1234 5678}.',
  'Amsterdam: {p:+31 (0)20 123 4567}',
  'Dublin desk {p:+353 (0)1 555 0123}, ask for Niamh.',
];

/** Hard negatives: the same digit shapes that are not phones, some beside a phone word. */
export const HELDOUT_NEGATIVES = [
  'Backup ran on 2024.03.12 and again on 12-03-2024.',
  'Between 2024.03.12 and 2024.04.12 we logged 17 calls.',
  'Phone firmware 2024.03.12 rolled out overnight.',
  'The printer is at 192.168.10.123 and the gateway at 10.77.0.1.',
  'Upgrade the agent from version 10.4.17 to 10.4.18 before Friday.',
  'Part number 0044-7700-AB is out of stock.',
  'Your order ref is 7700-900-123.',
  'Order 0044-7700-900 was split into two deliveries.',
  'Sort code 20-00-00, account 55779911.',
  'Sort code 40.47.84 on the refund form.',
  'The invoice came to £7,700.90 plus VAT.',
  'Shift is 07.30-09.00 then 17.00-19.30.',
  'Lines open 08.00-18.00, call us then.',
  'Call at 07.30 or 09.00 tomorrow.',
  'Ticket HD-2024-0312-0044 was reopened.',
  'Deliver to SW1A 2AA or EC1A 1BB.',
  'IBAN GB82 WEST 1234 5698 7654 32 for the refund.',
  'Card 5555 5555 5555 4444 was charged twice.',
  'Asset tag 07700-900-123 is the spare laptop.',
  'Serial no. 0161-496-0000-B on the base unit.',
  'Employee id 0161-496-0000 in the HR export.',
  'Kit serial 07700 900 123 (on the box).',
  'Case number 07700 900123 was merged into this one.',
  'Licence key 0044-7700-9001-2345 has expired.',
  'Tracking number 0044 7700 9001 2345 67 shows it at the depot.',
  'Router MAC 00-44-77-00-90-01 keeps dropping off the network.',
  'Receipt 0044/7700/900123 is attached.',
  'Meeting 12.03.2024 10.30-11.00, room 4.12.',
  'Pay £44.77 by 12.03.24.',
  'The ISBN is 978-0-306-40615-7.',
  'Coordinates 53.4808, -2.2426 for the Manchester depot.',
  'Call duration 00:07:30, queue time 00:01:12.',
  'Lottery syndicate numbers 07 12 23 34 45 49 this week.',
  'Shift start times 0700 0900 1230 1500 from Monday.',
  'Batch 0770-0900-1230 failed QA.',
  'Total €1.234.567,00 for the year.',
  'Dial-in PIN 7700 9001 23 for the bridge.',
  'The phone IMEI 35-209900-176148-1 is blocked.',
  'Text STOP to 80044 to opt out.',
  'Mobile data used: 0.77 GB of 9.00 GB.',
  'NI number QQ 12 34 56 C on the payslip.',
  'Tickets 07700, 07701 and 07702 were merged.',
  'Date of birth 07/07/1990, joined 01.02.2015.',
  'See section 4.12.3.1 of the contract.',
  'Invoice INV-0044-7700-900 is overdue.',
];

/**
 * Added after the first bench run, before any change to the detector: the review's own sentence, and
 * digits split one by one by spaces or dots (the first 92 sentences split only groups), with negatives
 * of the same shape. Reported within set 3, and marked "added later" in its list of misses.
 */
export const HELDOUT_ADDED_LATER = [
  'Contact me on {e:priya.shah@acme.example} or {p:07700 900777}',
  'My number is {p:0 7 7 0 0 9 0 0 7 7 7}, please call after 5.',
  'mob {p:0.7.7.0.0.9.0.0.7.7.8}',
  'Text me: {p:0 7 7 0 0  9 0 0  7 7 9}',
  'Ring {p:+4 4 7 7 0 0 9 0 0 7 8 0} from abroad.',
  'Steps 1 2 3 4 5 6 7 8 9 all passed.',
  'Row counts per shard: 0 7 7 0 9 9 0 1 2 3 4.',
  'The display shows 8 8 8 8 8 8 8 8 after a reset.',
  'See clause 1.2.3.4.5.6.7 of the contract.',
  'Calls per hour: 0 7 7 0 0 9 0 0 1 2 3 from 08:00.',
];
