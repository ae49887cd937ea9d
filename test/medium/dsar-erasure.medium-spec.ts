import type { ErasureReceipt } from '@hushdesk/api-client';
import { normaliseName, phoneTail } from '@hushdesk/privacy';
import { SessionService } from '../../apps/api/src/auth/session.service';
import { Transactions } from '../../apps/api/src/database/transactions';
import {
  DsarErasureRescan,
  type RescanInput,
} from '../../apps/api/src/dsar/erasure/dsar-erasure-rescan.service';
import { DsarEraser } from '../../apps/api/src/dsar/erasure/dsar-erasure.service';
import { DsarService } from '../../apps/api/src/dsar/intake/dsar.service';
import { MessagesService } from '../../apps/api/src/messages/messages.service';
import { IdentifierIndex } from '../../apps/api/src/privacy/identifier-index.service';
import { TicketsService } from '../../apps/api/src/tickets/tickets.service';
import { organisation, signedIn, type SignedIn } from '../support/accounts';
import { findInDatabase } from '../support/db-scan';
import { startServiceContext, type ServiceContext } from '../support/service-context';

/**
 * Erasure below HTTP: the person record, the text of their tickets and messages, their mentions
 * in other people's tickets, their identifier index entries and their sessions go, checked on the
 * rows themselves; the rescan then finds nothing, and an unrelated customer keeps everything.
 */
const DANA = { name: 'Dana Whitfield', email: 'dana.whitfield@acme-telecom.test', phone: '+447700900456' };
const BELLA = { name: 'Bella Brook', email: 'bella.brook@globex.test', phone: '+447700900999' };

let s: ServiceContext;
let dpo: SignedIn;
let engineer: SignedIn;
let dana: SignedIn;
let bella: SignedIn;
let danaTicket: string;
let bellaMentionsDana: string;
let bellaOwn: string;
let messages: string[];
let receipt: ErasureReceipt;

/** The keyed hashes the index stores for a person's email, phone (and its digit tail) and name. */
function indexHashes(who: { email: string; phone: string; name: string }): Buffer[] {
  const index = s.ctx.get(IdentifierIndex);
  return [
    ...index.hashesOf({ emails: [who.email], phones: [who.phone], names: [normaliseName(who.name)] }),
    index.hash('digits', phoneTail(who.phone)),
  ];
}

async function indexEntries(who: { email: string; phone: string; name: string }): Promise<number> {
  const { rows } = await s.db.query(
    'SELECT count(*)::int AS n FROM identifier_mentions WHERE hash = ANY($1)',
    [indexHashes(who)],
  );
  return rows[0].n;
}

/** The erasure's closing check, run on its own over everything the arrangement wrote. */
function rescan(): Promise<ErasureReceipt['rescan']> {
  const input: RescanInput = {
    who: {
      personId: dana.personId,
      emails: [DANA.email],
      phones: [DANA.phone],
      nameKeys: [normaliseName(DANA.name)],
      lookupNames: [normaliseName(DANA.name)],
    },
    ownTickets: [danaTicket],
    touched: {
      tickets: [danaTicket, bellaMentionsDana, bellaOwn],
      messages,
      recordings: [],
      attachments: [],
      requests: [],
    },
    held: [],
  };
  return s.ctx.get(Transactions).run((tx) => s.ctx.get(DsarErasureRescan).run(tx, input));
}

beforeAll(async () => {
  s = await startServiceContext();
  const acme = await organisation(s, 'Acme Telecom');
  const globex = await organisation(s, 'Globex Networks');
  dpo = await signedIn(s, 'dpo', 'Priya Shah');
  engineer = await signedIn(s, 'engineer', 'Sam Patel');
  dana = await signedIn(s, 'customer', DANA.name, {
    email: DANA.email,
    organisationId: acme,
    phone: '07700 900456',
  });
  bella = await signedIn(s, 'customer', BELLA.name, {
    email: BELLA.email,
    organisationId: globex,
    phone: '07700 900999',
  });

  const tickets = s.ctx.get(TicketsService);
  const thread = s.ctx.get(MessagesService);
  danaTicket = (
    await tickets.create(dana, {
      type: 'fault',
      subject: 'Desk phone on desk 4 is dead',
      description: 'No dial tone since Monday. Call me on 07700 900456.',
    })
  ).id;
  const fromDana = await thread.create(dana, danaTicket, {
    body: `Still dead. You can also email me at ${DANA.email}.`,
    visibility: 'public',
  });
  const toDana = await thread.create(engineer, danaTicket, {
    body: `Hi ${DANA.name}, I will ring you on +44 7700 900456 this afternoon.`,
    visibility: 'public',
  });
  // Another organisation's ticket mentions her, in other formats, beside Bella's own details.
  bellaMentionsDana = (
    await tickets.create(bella, {
      type: 'service_request',
      subject: 'Router config from a supplier',
      description: `The config was sent by ${DANA.name} (${DANA.email.toUpperCase()}, 07700-900-456) from Acme.`,
    })
  ).id;
  const aboutDana = await thread.create(engineer, bellaMentionsDana, {
    body: `${DANA.name} rang from 0044-7700-900-456 about it; Bella is on 07700 900999.`,
    visibility: 'internal',
  });
  bellaOwn = (
    await tickets.create(bella, {
      type: 'fault',
      subject: 'Headset crackles',
      description: `${BELLA.name} here, reach me at ${BELLA.email} or 07700 900999.`,
    })
  ).id;
  messages = [fromDana.id, toDana.id, aboutDana.id];
});
afterAll(() => s.close());

describe('before the erasure', () => {
  it('her identifiers are indexed, her session is live, and the rescan finds them', async () => {
    expect(await indexEntries(DANA)).toBeGreaterThan(0);
    expect(await s.ctx.get(SessionService).lookupByCookie(dana.cookieToken)).toMatchObject({
      userId: dana.userId,
    });
    expect((await rescan()).remaining).toBeGreaterThan(0);
  });
});

describe('after erasing a customer', () => {
  beforeAll(async () => {
    const requests = s.ctx.get(DsarService);
    const eraser = s.ctx.get(DsarEraser);
    const { id } = await requests.create(dana, { kind: 'erasure' });
    const { confirmationPhrase } = await eraser.previewFor(dpo, id);
    receipt = await eraser.eraseFor(dpo, id, confirmationPhrase);
  });

  it('her person record keeps no contact field, only the "Former customer" label', async () => {
    const { rows } = await s.db.query(
      `SELECT full_name, email, phone, name_key, job_title, employer, work_address, im_handle
         FROM people WHERE id = $1`,
      [dana.personId],
    );
    expect(rows).toEqual([
      {
        full_name: expect.stringMatching(/^Former customer #\d+$/),
        email: null,
        phone: null,
        name_key: null,
        job_title: null,
        employer: null,
        work_address: null,
        im_handle: null,
      },
    ]);
  });

  it('her ticket and the messages on it lose her identifiers', async () => {
    const ticket = await s.db.query('SELECT description, contact_phone FROM tickets WHERE id = $1', [
      danaTicket,
    ]);
    expect(ticket.rows).toEqual([
      { description: 'No dial tone since Monday. Call me on [phone].', contact_phone: null },
    ]);
    const { rows } = await s.db.query('SELECT id, body FROM ticket_messages WHERE id = ANY($1)', [messages]);
    const body = new Map(rows.map((r: { id: string; body: string }) => [r.id, r.body]));
    expect(body.get(messages[0])).toBe('Still dead. You can also email me at [email].');
    expect(body.get(messages[1])).toBe('Hi [name], I will ring you on [phone] this afternoon.');
  });

  it('mentions of her in another organisation’s ticket go; the rest of the text, Bella’s number included, stays', async () => {
    const ticket = await s.db.query('SELECT description FROM tickets WHERE id = $1', [bellaMentionsDana]);
    expect(ticket.rows[0].description).toBe('The config was sent by [name] ([email], [phone]) from Acme.');
    const note = await s.db.query('SELECT body FROM ticket_messages WHERE id = $1', [messages[2]]);
    expect(note.rows[0].body).toBe('[name] rang from [phone] about it; Bella is on 07700 900999.');
  });

  it('her identifier index entries are gone', async () => {
    expect(await indexEntries(DANA)).toBe(0);
    const person = await s.db.query(
      "SELECT count(*)::int AS n FROM identifier_mentions WHERE source_type = 'person' AND source_id = $1",
      [dana.personId],
    );
    expect(person.rows[0].n).toBe(0);
  });

  it('her sessions are ended', async () => {
    const { rows } = await s.db.query(
      'SELECT count(*)::int AS n FROM sessions WHERE user_id = $1 AND revoked_at IS NULL',
      [dana.userId],
    );
    expect(rows[0].n).toBe(0);
    expect(await s.ctx.get(SessionService).lookupByCookie(dana.cookieToken)).toBeNull();
  });

  it('the rescan finds nothing left, in the receipt and run again', async () => {
    expect(receipt.rescan.remaining).toBe(0);
    expect(await rescan()).toMatchObject({ remaining: 0 });
    for (const needle of [DANA.email, DANA.name, '7700 900456', '07700-900-456', DANA.phone]) {
      expect({ needle, hits: await findInDatabase(s.db, needle) }).toEqual({ needle, hits: [] });
    }
  });

  it('leaves an unrelated customer’s record, ticket, index entries and session untouched', async () => {
    const person = await s.db.query('SELECT full_name, email, phone FROM people WHERE id = $1', [
      bella.personId,
    ]);
    expect(person.rows).toEqual([{ full_name: BELLA.name, email: BELLA.email, phone: BELLA.phone }]);
    const own = await s.db.query('SELECT subject, description FROM tickets WHERE id = $1', [bellaOwn]);
    expect(own.rows).toEqual([
      {
        subject: 'Headset crackles',
        description: `${BELLA.name} here, reach me at ${BELLA.email} or 07700 900999.`,
      },
    ]);
    expect(await indexEntries(BELLA)).toBeGreaterThan(0);
    expect(await s.ctx.get(SessionService).lookupByCookie(bella.cookieToken)).toMatchObject({
      userId: bella.userId,
    });
  });
});
