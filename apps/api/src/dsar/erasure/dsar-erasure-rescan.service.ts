import { Injectable } from '@nestjs/common';
import type { ErasureReceipt } from '@hushdesk/contracts';
import { EntityManager } from 'typeorm';
import { findOnly, type KnownIdentifiers } from '../../privacy/text-scrub';
import { refKey, SubjectMentions, type MentionRef } from '../collection/dsar-mentions.service';
import type { KnownSubject } from '../collection/dsar-subject.service';

/** What an erasure wrote to, so the rescan reads those texts whatever the index says. */
export interface Touched {
  tickets: string[];
  messages: string[];
  recordings: string[];
  attachments: string[];
  requests: string[];
}

export interface RescanInput {
  who: KnownSubject & { personId?: string | null };
  /** The subject's own tickets (their calls are theirs). */
  ownTickets?: string[];
  touched: Touched;
  /** Recordings under legal hold: kept as they are, notes included, and listed in the receipt. */
  held: string[];
}

/** A request's free-text fields, as one text per request. */
export interface RequestText {
  id: string;
  text: string;
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
  constructor(private readonly mentions: SubjectMentions) {}

  async run(manager: EntityManager, input: RescanInput): Promise<ErasureReceipt['rescan']> {
    const { who } = input;
    const count = async (sql: string, params: unknown[]) =>
      ((await manager.query(sql, params)) as { n: number }[])[0].n;
    const hashes = this.mentions.lookupHashes(who);
    const checks: [string, number][] = [
      [
        'identifier index (keyed hashes of their email, phone and name)',
        await count(
          `SELECT count(*)::int AS n FROM identifier_mentions WHERE hash = ANY($1)
              AND NOT (source_type = 'recording' AND source_id = ANY($2::uuid[]))`,
          [hashes, input.held],
        ),
      ],
      [
        'people (email, phone, name)',
        await count(
          `SELECT count(*)::int AS n FROM people WHERE email = ANY($1) OR phone = ANY($2)
              OR (id = $3 AND (email IS NOT NULL OR phone IS NOT NULL OR name_key IS NOT NULL))`,
          [who.emails, who.phones, who.personId ?? null],
        ),
      ],
      [
        'call recordings (caller number, their record, their tickets), outside legal holds',
        await count(
          `SELECT count(*)::int AS n FROM recordings
            WHERE (caller_number = ANY($1) OR person_id = $2 OR ticket_id = ANY($3)) AND hold_at IS NULL`,
          [who.phones, who.personId ?? null, input.ownTickets ?? []],
        ),
      ],
      [
        'ticket contact phones',
        await count('SELECT count(*)::int AS n FROM tickets WHERE contact_phone = ANY($1)', [who.phones]),
      ],
      [
        'data-subject requests (identifiers in clear)',
        await count(
          `SELECT count(*)::int AS n FROM dsar_requests WHERE subject->>'email' = ANY($1) OR subject->>'phone' = ANY($2)
              OR lower(subject->>'fullName') = ANY($3)`,
          [who.emails, who.phones, who.nameKeys],
        ),
      ],
      [
        'text of every ticket, message, call note, text attachment and request that could hold them',
        await this.textLeft(manager, input),
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
  async textLeft(manager: EntityManager, input: RescanInput): Promise<number> {
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
    for (const m of await this.mentions.find(input.who, manager)) add(m.sourceType, [m.sourceId]);
    for (const id of held) refs.delete(refKey({ sourceType: 'recording', sourceId: id }));
    let left = 0;
    for (const text of (await this.mentions.texts([...refs.values()], manager)).values()) {
      left += findOnly(text, set).length;
    }
    await forEachRequestText(manager, async (page) => {
      for (const r of page) left += findOnly(r.text, about.has(r.id) ? set : elsewhere).length;
    });
    return left;
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

/**
 * Pages through every request's text: its details, notes, reasons, pauses and outcome, and the
 * email of a requested change.
 */
export async function forEachRequestText(
  manager: EntityManager,
  visit: (page: RequestText[]) => Promise<void>,
): Promise<void> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: RequestText[] = await manager.query(
      `SELECT id, concat_ws(E'\\n', details, verification_note, rejection_reason, extension_reason, outcome,
                requester_name, (SELECT string_agg(p->>'reason', E'\\n') FROM jsonb_array_elements(pauses) p),
                requested_changes->>'email') AS text
         FROM dsar_requests WHERE id > $1 ORDER BY id LIMIT $2`,
      [after, REQUEST_PAGE],
    );
    if (!rows.length) return;
    await visit(rows);
    if (rows.length < REQUEST_PAGE) return;
    after = rows[rows.length - 1].id;
  }
}
