// The seed's vocabulary: names, organisations, ticket subjects, message texts, and the ways people
// write an email address or a phone number in free text. Invented, UK-flavoured; nothing real.

// prettier-ignore
export const FIRST = [
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
export const LAST = [
  'Smith', 'Jones', 'Taylor', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Robinson', 'Thompson',
  'Evans', 'Walker', 'Roberts', 'Harris', 'Clarke', 'Khan', 'Ahmed', 'Singh', 'Kaur', 'Nowak',
  'Kowalski', "O'Brien", "O'Neill", 'Murphy', 'Kelly', 'MacLeod', 'Campbell', 'Stewart', 'Okafor',
  'Mensah', 'Lindqvist', 'Novak', 'Ivanova', 'Sato', 'Tanaka', 'Garcia', 'Rossi', 'Fernandes', 'Hughes',
  'Price', 'Morgan', 'Bennett', 'Fraser', 'Whitfield', 'Smith-Jones', 'Ward-Lewis', 'Achterberg',
  'Delacroix', 'Haddad', 'Nakamura',
];
/** Three surnames in four are made of two parts ("Ashworth", "Thornbury"): ~1,200 more, for realistic name cardinality. */
// prettier-ignore
export const LAST_A = [
  'Ash', 'Black', 'Brad', 'Brook', 'Fair', 'Hart', 'Hol', 'Kings', 'Lang', 'Mar', 'New', 'Red', 'Rox', 'Shel',
  'Stan', 'Thorn', 'Under', 'Wal', 'West', 'Whit', 'Wood', 'Bar', 'Brom', 'Chad', 'Dun', 'Edge', 'Fern', 'Gold',
  'Hay', 'Lind', 'Mill', 'North', 'Pem', 'Rad', 'Sand', 'Stock', 'Tal', 'Ward', 'Wen', 'Win',
];
// prettier-ignore
export const LAST_B = [
  'worth', 'wood', 'ford', 'ley', 'ton', 'field', 'well', 'by', 'combe', 'hurst', 'more', 'stead', 'wick',
  'bridge', 'ham', 'dale', 'croft', 'shaw', 'land', 'brook', 'cott', 'gate', 'ridge', 'mere', 'holt', 'thorne',
  'bury', 'lock', 'den', 'well',
];
// prettier-ignore
export const ORG_A = [
  'Northwind', 'Bluebell', 'Harbour', 'Kestrel', 'Meridian', 'Oakfield', 'Pennine', 'Quayside', 'Riverside',
  'Saltmarsh', 'Thistle', 'Upland', 'Vale', 'Westgate', 'Yarrow', 'Ashdown', 'Brightwater', 'Cobalt',
  'Dunmore', 'Elmstead',
];
// prettier-ignore
export const ORG_B = [
  'Networks', 'Logistics', 'Dental', 'Solicitors', 'Accountancy', 'Estates', 'Engineering', 'Foods',
  'Recruitment', 'Architects', 'Veterinary', 'Insurance', 'Printing', 'Surveyors', 'Travel', 'Care Homes',
];
export const JOBS = [
  'Office manager',
  'IT lead',
  'Finance director',
  'Receptionist',
  'Operations manager',
  'Partner',
  null,
];
// prettier-ignore
export const SUBJECTS = [
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
export const CUSTOMER = [
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
export const CUSTOMER_MORE = [
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
export const ENGINEER = [
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
export const INTERNAL = [
  'Checked the session logs, the trunk re-registered after the carrier maintenance.',
  'Customer is on the legacy tariff, needs a quote before any upgrade.',
  'Escalated to network operations, waiting on a change window.',
  'Likely the same issue as last month, see the linked problem record.',
  'Replacement headset dispatched from stock.',
  'Spoke to the site, they will keep the comms room open for the visit.',
  'Port is showing CRC errors, swap the patch lead on the next visit.',
];
export const GREET_C = ['Hello,', 'Hi,', 'Good morning,', 'Hi there,', 'Morning,'];
export const GREET_E = ['Hello,', 'Hi,', 'Good morning,', 'Good afternoon,'];
export const CLOSE_C = [
  'Thanks.',
  'Many thanks.',
  'Thanks for your help.',
  'Kind regards.',
  'Cheers.',
  'Let me know if you need anything else.',
];
export const CLOSE_E = [
  'Kind regards,\nService desk',
  'Thanks,\nService desk',
  'Best regards,\nNetwork operations',
];
export const DETAIL = [
  'It affects everyone in the office.',
  'We first noticed it yesterday afternoon.',
  'Nothing has changed on our side recently.',
  'Restarting the equipment has not helped.',
  'It seems worse at busy times.',
  'Please let us know when an engineer can attend.',
  'This is urgent for us as the office is open to the public.',
  'Happy to provide more detail if needed.',
];
export const MODELS = [
  'Yealink T54W',
  'Poly VVX 450',
  'Cisco ISR 1100',
  'Draytek Vigor 2865',
  'Jabra Evolve2 40',
  'Ubiquiti U6 Pro',
];
export const LOCATIONS = [
  'Comms cupboard',
  'Reception',
  'First floor office',
  'Warehouse',
  'Meeting room',
  'Server room',
];

/** An email address or phone number in a sentence: `%s` is replaced by one of the formats below. */
export const EMAIL_SENTENCES = [
  'Please copy %s into replies on this.',
  'Their email address is %s if you need it.',
  'Send the report to %s when it is ready.',
  'You can also email %s directly.',
  'Our site contact is %s.',
];
export const PHONE_SENTENCES = [
  'Please call the site contact on %s before the visit.',
  'Mobile: %s.',
  'They can be reached on %s during office hours.',
  'Best number for the engineer is %s.',
  'Call back on %s please.',
];
/** A known person's full name in free text (no other name-like word pairs around it). */
export const NAME_SENTENCES = [
  'Spoke to %s this morning, they will let the engineer in.',
  'I have copied %s in on this.',
  'Please ask for %s at reception when you arrive.',
  'Our site contact for the visit is %s.',
  'Left a voicemail for %s about the visit.',
  '%s in accounts has approved the change.',
];

/** How people write an address (lower case as stored, shouted, in angle brackets, as a link). */
export const EMAIL_FORMATS = [
  (e) => e,
  (e) => e.toUpperCase(),
  (e) => `<${e}>`,
  (e) => e[0].toUpperCase() + e.slice(1),
  (e) => `mailto:${e}`,
];
/**
 * How people write a UK mobile, from its national form 07400 000042. (Not "0044 7400 000042": the
 * app's detector misses some 00-prefixed numbers, and the index must hold what the app would write.)
 */
export const PHONE_FORMATS = [
  (n) => `+44 ${n.slice(1, 5)} ${n.slice(5)}`,
  (n) => `${n.slice(0, 5)} ${n.slice(5)}`,
  (n) => n,
  (n) => `+44 (0)${n.slice(1, 5)} ${n.slice(5)}`,
  (n) => `+44${n.slice(1)}`,
  (n) => `${n.slice(0, 5)}-${n.slice(5, 8)}-${n.slice(8)}`,
];

/** Why an engineer revealed a contact detail: the audit trail's reasons, never personal data. */
export const REVEAL_REASONS = [
  'Calling back about the line fault',
  'Customer asked for a call back',
  'Arranging an engineer visit',
  'Confirming access to the site before the visit',
  'Sending the installation date',
  'Following up on the open fault',
  'Billing query raised on the ticket',
  'Porting request needs the account holder',
];
export const HOLD_REASONS = [
  'Complaint under investigation',
  'Requested by our legal team',
  'Billing dispute about this call',
  'Evidence for a fault escalation with the carrier',
];
