import { Injectable } from '@nestjs/common';
import type { ErasureReceiptDto } from '../dto/dsar-responses.dto';
import type { Tx } from '../../database/tx';
import { PersonDsarRepository } from '../../people/person-dsar.repository';
import { SubjectMentionsRepository } from '../../privacy/subject-mentions.repository';
import { findOnly, type KnownIdentifiers } from '../../privacy/text-scrub';
import { refKey, SubjectMentions, type MentionRef } from '../collection/dsar-mentions.service';
import type { KnownSubject } from '../collection/dsar-subject.service';
import { RecordingDsarRepository } from '../../recordings/recording-dsar.repository';
import { TicketDsarRepository } from '../../tickets/ticket-dsar.repository';
import { DsarRequestsRepository, type RequestText } from '../shared/dsar-requests.repository';
import { MailErasure } from './mail-erasure.service';

/** What an erasure wrote to, so the rescan reads those texts whatever the index says. */
export interface Touched {
  tickets: string[];
  messages: string[];
  recordings: string[];
  attachments: string[];
  requests: string[];
  /** Imported mail the erasure erased or scrubbed. */
  emails?: string[];
  /** Tickets whose outgoing mail the erasure read (it may quote them). */
  outboxTickets?: string[];
}

export interface RescanInput {
  who: KnownSubject & { personId?: string | null; userIds?: string[] };
  /** The subject's own tickets (their calls are theirs). */
  ownTickets?: string[];
  touched: Touched;
  /** Recordings under legal hold: kept as they are, notes included, and listed in the receipt. */
  held: string[];
}

const REQUEST_PAGE = 500;

/**
 * The check an erasure ends with, before it commits: every place the subject's identifiers could
 * still be, found and compared exactly as the erasure found and scrubbed them (`findOnly`: their
 * numbers digit by digit in any written form, their addresses in any case or spelling). "Nothing
 * about the person is left" is only said when this finds nothing.
 */
@Injectable()
export class DsarErasureRescan {
  constructor(
    private readonly mentions: SubjectMentions,
    private readonly index: SubjectMentionsRepository,
    private readonly people: PersonDsarRepository,
    private readonly recordings: RecordingDsarRepository,
    private readonly tickets: TicketDsarRepository,
    private readonly requests: DsarRequestsRepository,
    private readonly mail: MailErasure,
  ) {}

  async run(tx: Tx, input: RescanInput): Promise<ErasureReceiptDto['rescan']> {
    const { who } = input;
    const hashes = this.mentions.lookupHashes(who);
    const checks: [string, number][] = [
      [
        'identifier index (keyed hashes of their email, phone and name)',
        await this.index.countLeft(hashes, input.held, tx),
      ],
      [
        'people (email, phone, name)',
        await this.people.countLeft(who.emails, who.phones, who.personId ?? null, tx),
      ],
      [
        'call recordings (caller number, their record, their tickets), outside legal holds',
        await this.recordings.countLeft(who.phones, who.personId ?? null, input.ownTickets ?? [], tx),
      ],
      ['ticket contact phones', await this.tickets.countContactPhones(who.phones, tx)],
      [
        'data-subject requests (identifiers in clear)',
        await this.requests.countInClear(who.emails, who.phones, who.nameKeys, tx),
      ],
      ...(await this.mail.left(tx, who, {
        emails: input.touched.emails ?? [],
        tickets: [...new Set([...(input.touched.outboxTickets ?? []), ...input.touched.tickets])],
      })),
      [
        'text of every ticket, message, call note, text attachment, email and request that could hold them',
        await this.textLeft(input, tx),
      ],
    ];
    return {
      remaining: checks.reduce((a, [, n]) => a + n, 0),
      checked: checks.map(([what, n]) => `${what}: ${n}`),
    };
  }

  /**
   * Their identifiers left in free text: in what the erasure touched, in whatever the index still
   * finds under their identifiers or their numbers' digit tails, and in every request's notes.
   */
  async textLeft(input: RescanInput, tx?: Tx): Promise<number> {
    const set = knownSet(input.who);
    const about = new Set(input.touched.requests);
    const elsewhere = requestsElsewhereSet(input.who);
    const held = new Set(input.held);
    const refs = new Map<string, Pick<MentionRef, 'sourceType' | 'sourceId'>>();
    const add = (sourceType: MentionRef['sourceType'], ids: string[]) => {
      for (const sourceId of ids) refs.set(refKey({ sourceType, sourceId }), { sourceType, sourceId });
    };
    add('ticket', input.touched.tickets);
    add('message', input.touched.messages);
    add('recording', input.touched.recordings);
    add('attachment', input.touched.attachments);
    add('email', input.touched.emails ?? []);
    for (const m of await this.mentions.find(input.who, tx)) add(m.sourceType, [m.sourceId]);
    for (const id of held) refs.delete(refKey({ sourceType: 'recording', sourceId: id }));
    let left = 0;
    for (const text of (await this.mentions.texts([...refs.values()], tx)).values()) {
      left += findOnly(text, set).length;
    }
    await this.forEachRequestText(async (page) => {
      for (const r of page) left += findOnly(r.text, about.has(r.id) ? set : elsewhere).length;
    }, tx);
    return left;
  }

  /**
   * Pages through every request's text: its details, notes, reasons, pauses and outcome, and the
   * email of a requested change.
   */
  async forEachRequestText(visit: (page: RequestText[]) => Promise<void>, tx?: Tx): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.requests.textPage(after, REQUEST_PAGE, tx);
      if (!rows.length) return;
      await visit(rows);
      if (rows.length < REQUEST_PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }
}

export function knownSet(who: KnownSubject): KnownIdentifiers {
  return { emails: new Set(who.emails), phones: new Set(who.phones), nameKeys: new Set(who.nameKeys) };
}

/**
 * For other people's requests: their emails and numbers, and only the names no one else on record
 * has (a namesake's own request names the namesake).
 */
export function requestsElsewhereSet(who: KnownSubject): KnownIdentifiers {
  return knownSet({ ...who, nameKeys: who.lookupNames });
}
