// The data subject the DSAR benchmark asks about, "Bench Subject", planted after the bulk load through
// the app's own IdentifierIndex, so their index entries are exactly what the app writes.
import { SUBJECT } from '../bench-common.mjs';
import { SUBJECT_PERSON_ID, ids } from './world.mjs';

/**
 * "Bench Subject": 8 tickets they raised with 30 messages (theirs, an engineer's, internal notes),
 * 5 mentions of their email, phone or name in other organisations' tickets and messages, and 4 calls
 * from their number (one not matched to them). Text is indexed by IdentifierIndex.index, as the app does.
 * The person's id is fixed (SUBJECT_PERSON_ID): the seeded audit trail already reads their record.
 */
export async function plantSubject(c, w, { index, manager, privacy }) {
  const q = async (sql, params) => (await c.query(sql, params)).rows;
  const day = 86_400_000;
  const at = (daysAgo) => new Date(w.base - daysAgo * day);
  const [org] = await q('INSERT INTO organisations (name, created_at) VALUES ($1, $2) RETURNING id', [
    SUBJECT.organisation,
    at(700),
  ]);
  const [person] = await q(
    `INSERT INTO people (id, full_name, name_key, email, phone, job_title, employer, created_at, updated_at)
     VALUES ($7, $1, $2, $3, $4, 'Office manager', $5, $6, $6) RETURNING id`,
    [
      SUBJECT.fullName,
      privacy.normaliseName(SUBJECT.fullName),
      privacy.normaliseEmail(SUBJECT.email),
      privacy.normalisePhone(SUBJECT.phone),
      SUBJECT.organisation,
      at(700),
      SUBJECT_PERSON_ID,
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
  // Engineers 1–3, and a few other customers for third-party mentions.
  const engineers = w.engineerIds.slice(1, 4);
  const others = await q(
    `SELECT p.id, p.email, p.phone, p.full_name, u.id AS user_id FROM unnest($1::uuid[]) WITH ORDINALITY k(id, n)
       JOIN people p ON p.id = k.id JOIN users u ON u.person_id = p.id ORDER BY k.n`,
    [[1, 2, 3, 4, 5].map((k) => ids.person(1 + ((k * 7919) % w.n.people)))],
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
    const [t] = await q('SELECT id, requester_id FROM tickets WHERE id = $1', [
      ids.ticket(Math.min(w.n.tickets, 1000 * k + 1)),
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
