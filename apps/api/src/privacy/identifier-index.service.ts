import { EmailMessagesRepository } from '../mail/shared/email-messages.repository';
import { emailTexts } from '../mail/shared/email-texts';
import { Injectable, Logger, Optional } from '@nestjs/common';
import {
  detectIdentifiers,
  isE164,
  keyedHash,
  normaliseEmail,
  normaliseName,
  normalisePhone,
  phoneTail,
  phoneTails,
  type IdentifierKind,
} from '@hushdesk/privacy';
import { AttachmentRedactionRepository } from '../attachments/attachment-redaction.repository';
import { AppConfig } from '../config/app-config';
import { BlobStore, readAll } from '../blobs/blob-store';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { MessageRedactionRepository } from '../messages/message-redaction.repository';
import { PersonPrivacyRepository } from '../people/person-privacy.repository';
import { RecordingsRepository } from '../recordings/recordings.repository';
import { TicketLookupRepository } from '../tickets/ticket-lookup.repository';
import {
  IdentifierMentionsRepository,
  type NewTextSource,
  type SourceType,
} from './identifier-mentions.repository';
import { attachmentTexts, blankEmails } from './text-scrub';

export type { NewTextSource, SourceType };

/**
 * What an index entry hashes: an identifier, or `digits`, the last digits of a run of digit groups
 * (see `phoneTails`). A known number's tail finds every text that may hold it in any written form,
 * including ones the detector refuses; the text is then checked digit by digit.
 */
export type IndexKind = IdentifierKind | 'digits';

export interface TextSource {
  type: SourceType;
  id: string;
  ticketId: string | null;
}

export interface Mention {
  sourceType: SourceType;
  sourceId: string;
  ticketId: string | null;
  kind: IdentifierKind;
}

const WORD = /[\p{L}][\p{L}'’-]*/gu;

/**
 * Keeps the identifier index right: every write of free text replaces that text's entries with
 * keyed hashes of the emails, phone numbers and known people's names found in it. Lookups by a
 * person's identifiers are then index scans, in whatever format the text wrote them.
 */
@Injectable()
export class IdentifierIndex {
  private readonly logger = new Logger(IdentifierIndex.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly mentions: IdentifierMentionsRepository,
    private readonly people: PersonPrivacyRepository,
    private readonly tickets: TicketLookupRepository,
    private readonly messages: MessageRedactionRepository,
    private readonly recordings: RecordingsRepository,
    private readonly attachments: AttachmentRedactionRepository,
    private readonly config: AppConfig,
    // Only the rebuild reads files (text attachments); benchmarks build the index without a store.
    @Optional() private readonly blobs?: BlobStore,
    // Only the rebuild reads imported mail; benchmarks build the index without it.
    @Optional() private readonly emails?: EmailMessagesRepository,
  ) {}

  hash(kind: IndexKind, normalised: string): Buffer {
    return keyedHash(this.config.identifierKey, kind, normalised);
  }

  /** Keyed hashes of normalised emails, E.164 numbers and name keys, as index entries store them. */
  hashesOf(ids: {
    emails: readonly string[];
    phones: readonly string[];
    names: readonly string[];
  }): Buffer[] {
    return [
      ...ids.emails.map((e) => this.hash('email', e)),
      ...ids.phones.map((p) => this.hash('phone', p)),
      ...ids.names.map((n) => this.hash('name', n)),
    ];
  }

  /**
   * SQL that indexes a source written earlier in the same statement (a CTE), so a write and its
   * index entries take one round trip: the emails and phones found, and those two- and three-word
   * runs of the text that are a known person's name key (checked by the statement itself).
   * The text is the same whatever the texts hold (arrays as parameters), so it can be prepared.
   * Name runs are sent unhashed: the statement takes a matching person's hash from their own
   * entry, so the hundred-odd runs of a ticket are never hashed here (most of a creation's CPU).
   */
  insertNewSourceSql(
    source: NewTextSource,
    texts: readonly (string | null | undefined)[],
    add: (value: unknown) => string,
  ): string {
    const text = texts.filter((t): t is string => !!t).join('\n');
    const kinds: IndexKind[] = [];
    const hashes: Buffer[] = [];
    for (const f of patternIdentifiers(text)) {
      kinds.push(f.kind);
      hashes.push(this.hash(f.kind, f.normalised));
    }
    return this.mentions.insertNewSourceSql(source, { kinds, hashes, nameKeys: nameCandidates(text) }, add);
  }

  /** Replaces the index entries of one source with those found in its texts, in the caller's transaction. */
  async index(
    tx: Tx,
    source: TextSource,
    texts: readonly (string | null | undefined)[],
    opts: { fresh?: boolean } = {},
  ): Promise<number> {
    // A source written in this transaction has no entries yet: nothing to replace.
    if (!opts.fresh) {
      await this.mentions.removeSource(tx, source.type, source.id);
    }
    const found = await this.identifiersIn(tx, texts.filter((t): t is string => !!t).join('\n'));
    if (!found.length) return 0;
    await this.mentions.insertSource(
      tx,
      source,
      found.map((f) => f.kind),
      found.map((f) => this.hash(f.kind, f.normalised)),
    );
    return found.length;
  }

  /**
   * A person's own identifiers (email, phone, name), indexed as a `person` source: a caller's
   * number, or a DSAR's identifiers, then find the person by the same index lookup as any text.
   */
  async indexPerson(
    tx: Tx,
    person: { id: string; email: string | null; phone: string | null; fullName: string | null },
  ): Promise<number> {
    await this.mentions.removePerson(tx, person.id);
    const entries: [IdentifierKind, string][] = [];
    if (person.email) entries.push(['email', normaliseEmail(person.email)]);
    const phone = person.phone ? normalisePhone(person.phone) : null;
    if (phone) entries.push(['phone', phone]);
    if (person.fullName) entries.push(['name', normaliseName(person.fullName)]);
    if (!entries.length) return 0;
    await this.mentions.insertPerson(
      tx,
      person.id,
      entries.map(([kind, value]) => [kind, this.hash(kind, value)]),
    );
    return entries.length;
  }

  async remove(tx: Tx, source: Pick<TextSource, 'type' | 'id'>): Promise<void> {
    await this.mentions.removeSource(tx, source.type, source.id);
  }

  /** Emails and phones by pattern; names only when they are a known person's, found by name key. */
  async identifiersIn(tx: Tx | undefined, text: string): Promise<{ kind: IndexKind; normalised: string }[]> {
    if (!text) return [];
    const seen = new Map<string, { kind: IndexKind; normalised: string }>();
    for (const f of patternIdentifiers(text)) seen.set(`${f.kind}:${f.normalised}`, f);
    const candidates = nameCandidates(text);
    if (candidates.length) {
      for (const key of await this.people.knownNameKeys(candidates, tx))
        seen.set(`name:${key}`, { kind: 'name', normalised: key });
    }
    return [...seen.values()];
  }

  /**
   * Where any of these identifiers appear, in any formatting the text used. Emails, phones and
   * names are normalised before hashing, so "07700 900123" finds "+44 7700 900123".
   */
  async lookup(identifiers: { emails?: string[]; phones?: string[]; names?: string[] }): Promise<Mention[]> {
    const hashes: Buffer[] = [];
    for (const e of identifiers.emails ?? []) hashes.push(this.hash('email', normaliseEmail(e)));
    for (const ph of identifiers.phones ?? []) {
      const e164 = normalisePhone(ph);
      if (e164) hashes.push(this.hash('phone', e164));
    }
    for (const n of identifiers.names ?? []) if (n.trim()) hashes.push(this.hash('name', normaliseName(n)));
    if (!hashes.length) return [];
    const rows = await this.mentions.byHashes(hashes);
    return rows.map((r) => ({
      sourceType: r.source_type,
      sourceId: r.source_id,
      ticketId: r.ticket_id,
      kind: r.kind,
    }));
  }

  /**
   * Sources whose text holds the last digits of any of these numbers: every text that may hold one
   * of them in some written form. A tail is shared by other numbers too, so callers check each
   * text with `findKnownPhones` before taking it for a mention.
   */
  async lookupDigitTails(phones: readonly string[], tx?: Tx): Promise<Omit<Mention, 'kind'>[]> {
    const hashes = [...new Set(phones.map(phoneTail))].map((tail) => this.hash('digits', tail));
    if (!hashes.length) return [];
    const rows = await this.mentions.byDigitTails(hashes, tx);
    return rows.map((r) => ({ sourceType: r.source_type, sourceId: r.source_id, ticketId: r.ticket_id }));
  }

  /**
   * Rebuilds the whole index from the texts, in batches: after a key change, a new kind of
   * identifier, or people added after they were mentioned. Returns the entries written.
   */
  async rebuild(batchSize = 1000): Promise<{ sources: number; entries: number }> {
    let sources = 0;
    let entries = 0;
    const sweep = async <R extends { id: string }>(
      page: (after: string, batchSize: number) => Promise<R[]>,
      toSource: (r: R) => [TextSource, (string | null)[]],
    ) => {
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const rows = await page(after, batchSize);
        if (!rows.length) return;
        await this.transactions.run(async (tx) => {
          for (const row of rows) {
            const [source, texts] = toSource(row);
            entries += await this.index(tx, source, texts);
          }
        });
        sources += rows.length;
        after = rows[rows.length - 1].id;
      }
    };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const people = await this.people.pageAfter(after, batchSize);
      if (!people.length) break;
      await this.transactions.run(async (tx) => {
        for (const person of people)
          entries += await this.indexPerson(tx, { ...person, fullName: person.full_name });
      });
      sources += people.length;
      after = people[people.length - 1].id;
    }
    await sweep(
      (a, n) => this.tickets.textsAfter(a, n),
      (r) => [{ type: 'ticket', id: r.id, ticketId: r.id }, [r.subject, r.description]],
    );
    await sweep(
      (a, n) => this.messages.textsAfter(a, n),
      (r) => [{ type: 'message', id: r.id, ticketId: r.ticket_id }, [r.body]],
    );
    await sweep(
      (a, n) => this.recordings.notesAfter(a, n),
      (r) => [{ type: 'recording', id: r.id, ticketId: r.ticket_id }, [r.notes]],
    );
    if (this.emails) {
      const emails = this.emails;
      await sweep(
        (a, n) => emails.textsAfter(a, n),
        (r) => [{ type: 'email', id: r.id, ticketId: r.ticket_id }, emailTexts(r)],
      );
    }
    const attachments = await this.rebuildAttachments(batchSize);
    sources += attachments.sources;
    entries += attachments.entries;
    this.logger.log(`identifier index rebuilt: ${sources} sources, ${entries} entries`);
    return { sources, entries };
  }

  /** Attachments' names, and text files' content read from the store (a batch's files before its transaction). */
  private async rebuildAttachments(batchSize: number): Promise<{ sources: number; entries: number }> {
    let sources = 0;
    let entries = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.attachments.filesAfter(after, batchSize);
      if (!rows.length) break;
      const texts = new Map<string, string[]>();
      for (const a of rows) {
        const content =
          this.blobs && a.content_type.startsWith('text/')
            ? (await readAll(await this.blobs.read(a.blob_key))).toString('utf8')
            : null;
        texts.set(a.id, attachmentTexts(a.file_name, content));
      }
      await this.transactions.run(async (tx) => {
        for (const a of rows) {
          entries += await this.index(
            tx,
            { type: 'attachment', id: a.id, ticketId: a.ticket_id },
            texts.get(a.id) ?? [],
          );
        }
      });
      sources += rows.length;
      after = rows[rows.length - 1].id;
    }
    return { sources, entries };
  }
}

/**
 * Emails and phones found by pattern, each once (phones only when they fit a numbering plan), and
 * the digit tails of every run of digit groups.
 */
function patternIdentifiers(text: string): { kind: IndexKind; normalised: string }[] {
  const seen = new Map<string, { kind: IndexKind; normalised: string }>();
  for (const d of detectIdentifiers(text, { kinds: ['email', 'phone'] })) {
    // A number that fits no numbering plan cannot be matched to anyone's phone: leave it out.
    if (d.kind === 'phone' && !isE164(d.normalised)) continue;
    seen.set(`${d.kind}:${d.normalised}`, { kind: d.kind, normalised: d.normalised });
  }
  for (const tail of phoneTails(text)) seen.set(`digits:${tail}`, { kind: 'digits', normalised: tail });
  return [...seen.values()];
}

/** Two- and three-word runs of the text, normalised like name keys: the only names worth looking up. */
export function nameCandidates(text: string): string[] {
  // Each word normalised once: a run's normal form is its words' forms joined (folding and the
  // word pattern never reach across a space), and a word takes part in up to five runs.
  const words = (blankEmails(text).match(WORD) ?? []).map(normaliseName);
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (const n of [2, 3]) {
      if (i + n <= words.length)
        out.add(
          words
            .slice(i, i + n)
            .filter(Boolean)
            .join(' '),
        );
    }
  }
  return [...out].filter((c) => c.length >= 3);
}
