/**
 * Set 4 of `npm run bench:pii`: numbers that label things, not people.
 *
 * Set 3 ended with four false positives the detector could not tell from phones: an asset tag in a
 * mobile's shape, lottery numbers, and digit-by-digit runs after "Row counts per shard:" and
 * "Calls per hour:". Tuning on set 3 would make its figures in-sample, so this set was written fresh,
 * committed, and measured before any detector change: asset tags, equipment and device ids, number
 * lists (lotteries, bingo, raffles, racks), and per-item counts, beside phones in the same shapes
 * and places that must stay found. None of its sentences repeats one of sets 2 and 3.
 *
 * Markup as in sets 2 and 3: {p:…} a phone, {e:…} an email; everything else must not be flagged.
 * Numbers are from Ofcom's drama ranges (07700 900xxx, 020 7946 0xxx, 0161 496 0xxx, 01632 960xxx).
 */

/** Numbers that label equipment, lists and counts: none is a phone. */
export const SET4_NEGATIVES = [
  // asset tags and equipment ids in a phone's shape
  'Asset no. 01632-960-118 is the meeting-room handset.',
  'The laptop with asset tag 07700 900 310 needs a new battery.',
  'Equipment ID 0161 496 0311 is the core switch in rack B.',
  'Stock code 07700900312 for the replacement headset.',
  'Inventory tag: 020-7946-0313 (printer, third floor).',
  'Device id 0 7 7 0 0 9 0 0 3 1 4 shows as offline in the MDM console.',
  'Barcode 07700 900316 was scanned at goods-in this morning.',
  'Cable label 0161-496-0318 is on both ends of the patch lead.',
  'Asset tags 07700-900-319 and 07700-900-320 were swapped by mistake.',
  'The tag reads 07700.900.321 but the label underneath is worn.',
  'Property tag 0 1 6 1 4 9 6 0 3 2 2 on the docking station.',
  // lists of numbers
  "This week's numbers: 03 14 22 31 40 and the bonus ball 07.",
  'Bingo called 07 11 19 28 36 42 before the break.',
  'Lucky dip picked 01 09 17 25 33 41 for me.',
  'Raffle tickets 0771, 0772, 0773 and 0774 are still unclaimed.',
  'Rack units 07 12 33 44 are free in cabinet C.',
  'Euromillions line: 07 70 09 00 12, stars 03 and 11.',
  'Ports 0 7 7 0 0 9 0 0 1 2 on the switch are disabled.',
  // per-item counts, digit by digit or in pairs
  'Tickets per agent: 0 7 7 1 2 9 0 0 3 4 5.',
  'Errors per minute: 0 1 0 0 7 7 0 9 0 0 0.',
  'Dropped calls per day: 07 00 09 00 12 03 04.',
  'Reboots per site: 0 4 4 7 7 0 0 9 0 0 1.',
  'Packets lost per hop: 0 0 0 7 7 0 9 0 0 1 2.',
  'Handsets per floor: 07 70 09 00 12.',
  'Open tickets by hour 0 7 7 0 0 9 0 0 4 5 6 since midnight.',
  'Minutes used per line: 0770 0900 1230.',
  'Faults per exchange this week: 0.7.7.0.0.9.0.0.2.2.1.',
  'Queue length per hour - 0 7 7 0 0 9 0 0 3 3 3 - peaked at 9am.',
];

/** Phones in the same shapes and places, often beside the same words: they must stay found. */
export const SET4_PHONES = [
  'The asset tag is on the back; my mobile is {p:07700 900 520} if you need me to read it.',
  'Equipment ID 4471 is fine now, call me on {p:07700-900-521} if it fails again.',
  'Tag number for the router is RT-44; reach me at {p:+44 7700 900 522}.',
  'Numbers to call: {p:07700 900 523}, {p:07700 900 524}.',
  'Calls per hour are fine; call me on {p:0 7 7 0 0 9 0 0 5 2 5}.',
  'My number, digit by digit: {p:0 7 7 0 0 9 0 0 5 2 6}.',
  'Phone: {p:0 7 7 0 0 9 0 0 5 2 7}',
  'Mobile {p:07 700 900 528}, any time.',
  'Text the syndicate numbers to me on {p:07700 900529}.',
  'Counts per shard were fine; ring {p:0161 496 0530} about the rest.',
  'Home: {p:01632 960 531}, work: {p:020 7946 0532}.',
  'Office (as on the letterhead) {p:0113 496 0533}.',
  'call {p:0.7.7.0.0.9.0.0.5.3.4}',
  'He left {p:0 1 6 1 4 9 6 0 5 3 5} as a callback number.',
  'French mobile {p:+33 6 12 34 56 79} for the Lyon site.',
  'Her Paris desk is {p:+33 (0)1 98 76 54 32}.',
  'Tag me in the reply, or text {p:07700-900-536}.',
  'Asset returned. Any questions, {p:07700 900 537}.',
  'Lottery win! Call me on {p:07700.900.538} to celebrate.',
  'Per my last email, my new number is {p:07700 900 539}.',
  'Device owner: Dana Reid, {p:07700 900 540}, {e:dana.reid@example.org}.',
  'Per hour rate agreed; contact {p:+44 (0)20 7946 0541} to sign.',
  'Rack 4, unit 12: the engineer is on {p:0161-496-0542}.',
  'ID checked. Callback on {p:01632 960543} please.',
];

/**
 * Written after the detector change that set 4 measured, as a check on over-fitting to it: new
 * shapes and words, some chosen to trip the new rules up. Reported within set 4 and marked "added
 * after the change" in its list of misses; the detector was not changed for them.
 */
export const SET4_AFTER_CHANGE = [
  'Sticker on the PC says 07700 900612, which is the hire company’s stock number.',
  'Monitor asset 07700-900-615 was returned damaged.',
  'Scores by round: 0 7 7 0 0 9 0 0 6 1 1.',
  'Lines per page 07 70 09 00 14 in the old report.',
  'Spare handset labelled 0161 496 0616 on the shelf.',
  'Draw results 02 15 27 33 48 were posted on the board.',
  'Hourly totals 0 0 1 7 7 0 0 9 0 0 3 look wrong.',
  'Calls per hour are high today, ring me on {p:0 7 7 0 0 9 0 0 6 0 1} to discuss.',
  'Lottery syndicate organiser: Dana, {p:0 7 7 0 0 9 0 0 6 0 3}.',
  'Our bingo night contact is {p:07700 900 602}.',
  'Please label the box with my number, {p:07700 900 604}.',
  'Tag on the router is fine; my landline is {p:01632 960 605}.',
  'Numbers: {p:07700 900 606} (mobile), {p:020 7946 0607} (office).',
  'Per our call, my direct line is {p:0161 496 0608}.',
];
