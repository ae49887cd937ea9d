import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { DsarItemType, DsarProgress, DsarStatus } from '@hushdesk/contracts';
import type { DsarCountsDto } from '../dto/dsar-responses.dto';
import { AttachmentDsarRepository } from '../../attachments/attachment-dsar.repository';
import { AuditDsarRepository } from '../../audit/audit-dsar.repository';
import { Transactions } from '../../database/transactions';
import { draftText, ReplyDraftPrivacyRepository } from '../../drafts/reply-draft-privacy.repository';
import { JobScheduler } from '../../jobs/job-scheduler.service';
import { EmailDsarRepository } from '../../mail/shared/email-dsar.repository';
import { OutboxDsarRepository } from '../../mail/shared/outbox-dsar.repository';
import { UndeliverableDsarRepository } from '../../mail/shared/undeliverable-dsar.repository';
import { MessageDsarRepository } from '../../messages/message-dsar.repository';
import { IdentifierIndex } from '../../privacy/identifier-index.service';
import { SuppressionList } from '../../privacy/suppression.service';
import { findOnly } from '../../privacy/text-scrub';
import { TicketEvents } from '../../realtime/ticket-events.service';
import { RecordingDsarRepository } from '../../recordings/recording-dsar.repository';
import { TicketDsarRepository } from '../../tickets/ticket-dsar.repository';
import { DsarItemsRepository, type FoundItem } from '../shared/dsar-items.repository';
import { DsarRedactionsRepository } from '../shared/dsar-redactions.repository';
import { DsarRequestsRepository, type SubjectBinding } from '../shared/dsar-requests.repository';
import { SubjectMentions } from './dsar-mentions.service';
import { DsarSources } from './dsar-sources.service';
import { DsarSubjects, type SubjectIdentity } from './dsar-subject.service';

export const DSAR_COLLECT_JOB = 'dsar-collect';

/** The collection's steps, for the progress bar. */
const STEPS = 9;

/** Items whose text is read for other people's identifiers, in pages of this many. */
const REDACTION_PAGE = 500;

/**
 * Gathers everything about a request's subject, as a pg-boss job (payload: the request id only,
 * never an identifier). Every step is an index lookup keyed by the subject (their user and person
 * ids, their identifiers' hashes), so the time grows with what there is about them, not with the
 * size of the database. Re-running replaces the items but keeps the DPO's exclusions.
 */
@Injectable()
export class DsarCollector implements OnModuleInit {
  private readonly logger = new Logger(DsarCollector.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly requests: DsarRequestsRepository,
    private readonly items: DsarItemsRepository,
    private readonly redactions: DsarRedactionsRepository,
    private readonly tickets: TicketDsarRepository,
    private readonly messages: MessageDsarRepository,
    private readonly attachments: AttachmentDsarRepository,
    private readonly recordings: RecordingDsarRepository,
    private readonly audit: AuditDsarRepository,
    private readonly emails: EmailDsarRepository,
    private readonly outbox: OutboxDsarRepository,
    private readonly undeliverable: UndeliverableDsarRepository,
    private readonly drafts: ReplyDraftPrivacyRepository,
    private readonly subjects: DsarSubjects,
    private readonly sources: DsarSources,
    private readonly mentions: SubjectMentions,
    private readonly index: IdentifierIndex,
    private readonly suppressions: SuppressionList,
    private readonly events: TicketEvents,
    private readonly jobs: JobScheduler,
  ) {}

  onModuleInit(): void {
    // The DPO is watching the progress bar: pick the job up within half a second.
    this.jobs.register({
      name: DSAR_COLLECT_JOB,
      pollingIntervalSeconds: 0.5,
      run: async (data) => this.collect(String(data.dsarId)),
    });
  }

  /** Queues the collection; with jobs off in this process, runs it beside the request. */
  async start(dsarId: string): Promise<void> {
    if (this.jobs.running) {
      await this.jobs.send(DSAR_COLLECT_JOB, { dsarId });
      return;
    }
    void this.collect(dsarId).catch((e: Error) =>
      this.logger.error(`DSAR collection failed: ${e.name}: ${e.message}`),
    );
  }

  async collect(dsarId: string): Promise<{ items: number; ms: number } | { skipped: string }> {
    const started = Date.now();
    const dsar = await this.requests.binding(dsarId);
    if (!dsar) return { skipped: 'no such request' };
    if (dsar.status !== 'collecting') return { skipped: `status is ${dsar.status}` };
    try {
      return await this.run(dsarId, dsar, started);
    } catch (e) {
      // Back to verified, so the DPO can start it again; the job system retries as well.
      await this.setState(dsarId, 'verified', null);
      throw e;
    }
  }

  private async run(
    dsarId: string,
    dsar: SubjectBinding,
    started: number,
  ): Promise<{ items: number; ms: number }> {
    await this.setState(dsarId, 'collecting', { phase: 'identifiers', done: 0, total: STEPS });
    const resolution = await this.subjects.resolve(dsar);
    if (resolution.kind === 'ambiguous') {
      await this.requests.needsSubject(dsarId, resolution.candidates);
      this.events.dsarProgress({ id: dsarId, status: 'needs_subject', progress: null });
      return { items: 0, ms: Date.now() - started };
    }
    const who = resolution.identity;
    const found = new Map<string, FoundItem>();
    const add = (
      type: DsarItemType,
      sourceId: string,
      ticketId: string | null,
      at: Date | null,
      by: string,
    ) => {
      const key = `${type}:${sourceId}`;
      const item = found.get(key) ?? { type, sourceId, ticketId, at, foundBy: new Set<string>() };
      item.foundBy.add(by);
      item.at ??= at;
      found.set(key, item);
    };

    if (who.personId) add('contact', who.personId, null, null, 'person');
    for (const id of who.userIds) add('account', id, null, null, 'person');

    await this.setProgress(dsarId, 'tickets', 1);
    const own = await this.tickets.requestedBy(who.userIds);
    for (const t of own) add('ticket', t.id, t.id, t.created_at, 'requester');
    // Someone else's ticket that gives one of their numbers as the number to call is about them too.
    for (const t of await this.tickets.withContactPhoneOfOthers(who.phones, who.userIds))
      add('ticket', t.id, t.id, t.created_at, 'contact_phone');

    await this.setProgress(dsarId, 'messages', 2);
    const written = await this.messages.writtenBy(who.userIds);
    for (const m of written) add('message', m.id, m.ticket_id, m.created_at, 'author');
    const partyTickets = [...new Set(written.map((m) => m.ticket_id))].filter(
      (id) => !found.has(`ticket:${id}`),
    );
    if (partyTickets.length) {
      for (const t of await this.tickets.createdAt(partyTickets))
        add('ticket', t.id, t.id, t.created_at, 'party');
    }
    // The whole thread of their own tickets is about them, internal notes included.
    const inTheirs = await this.messages.inTickets(own.map((t) => t.id));
    for (const m of inTheirs) add('message', m.id, m.ticket_id, m.created_at, 'in_their_ticket');

    await this.collectDrafts(
      who,
      own.map((t) => t.id),
      add,
    );

    await this.setProgress(dsarId, 'attachments', 3);
    for (const a of await this.attachments.onTicketsOrBy(
      own.map((t) => t.id),
      who.userIds,
    ))
      add(
        'attachment',
        a.id,
        a.ticket_id,
        a.created_at,
        who.userIds.includes(a.uploaded_by_id) ? 'uploader' : 'in_their_ticket',
      );

    await this.setProgress(dsarId, 'mentions', 4);
    const mentions = await this.mentions.find(who);
    const mentionAt = await this.createdAt(mentions);
    for (const m of mentions) {
      add(m.sourceType, m.sourceId, m.ticketId, mentionAt.get(m.sourceId) ?? null, `mention:${m.kind}`);
    }

    await this.setProgress(dsarId, 'recordings', 5);
    // Theirs: matched to them, from a number they gave us, or logged on one of their tickets.
    const ownIds = new Set(own.map((t) => t.id));
    for (const r of await this.recordings.theirs(who.personId, who.phones, [...ownIds])) {
      if (who.personId && r.person_id === who.personId)
        add('recording', r.id, r.ticket_id, r.started_at, 'person');
      if (who.phones.includes(r.caller_number)) add('recording', r.id, r.ticket_id, r.started_at, 'caller');
      const origin = r.merged_from_ticket_id ?? r.ticket_id;
      if (origin && ownIds.has(origin)) add('recording', r.id, r.ticket_id, r.started_at, 'on_their_ticket');
    }

    await this.setProgress(dsarId, 'emails', 6);
    await this.collectMail(who, ownIds, add);

    await this.setProgress(dsarId, 'audit', 7);
    if (who.personId) {
      for (const a of await this.audit.about(who.personId)) add('audit', String(a.seq), null, a.at, 'about');
      for (const d of await this.requests.earlierAbout(who.personId, dsarId))
        add('request', d.id, null, d.received_at, 'about');
    }
    const listed = await Promise.all([
      ...who.emails.map((email) => this.suppressions.isSuppressed({ email })),
      ...who.phones.map((phone) => this.suppressions.isSuppressed({ phone })),
    ]);
    if (listed.some(Boolean)) add('suppression', 'do-not-contact', null, null, 'listed');

    await this.setProgress(dsarId, 'saving', 8);
    const items = [...found.values()];
    await this.transactions.run((tx) => this.items.replace(tx, dsarId, items));

    await this.setProgress(dsarId, 'redactions', 9);
    const redactions = await this.recordRedactions(dsarId, who);

    const counts = await this.counts(dsarId, redactions);
    const hashes = this.subjects.hashes(who).map((h) => h.toString('hex'));
    const ms = Date.now() - started;
    await this.requests.collected(dsarId, {
      progress: { phase: 'done', done: items.length, total: items.length },
      counts,
      personId: who.personId,
      hashes,
      ms,
    });
    this.events.dsarProgress({
      id: dsarId,
      status: 'in_review',
      progress: { phase: 'done', done: items.length, total: items.length },
    });
    return { items: items.length, ms };
  }

  /**
   * Email: every mail they sent (by address) and every mail on their tickets; mail naming them in
   * To or Cc; the mail we sent them (to their account or their address); and whether a bounce
   * marked their address undeliverable (by keyed hash). Mail mentioning them elsewhere comes with
   * the mentions, through the index (source type `email`).
   */
  private async collectMail(
    who: SubjectIdentity,
    ownIds: Set<string>,
    add: (type: DsarItemType, sourceId: string, ticketId: string | null, at: Date | null, by: string) => void,
  ): Promise<void> {
    for (const e of await this.emails.fromOrOnTickets(who.emails, [...ownIds])) {
      if (e.from_address && who.emails.includes(e.from_address))
        add('email', e.id, e.ticket_id, e.created_at, 'sender');
      if (ownIds.has(e.ticket_id)) add('email', e.id, e.ticket_id, e.created_at, 'in_their_ticket');
    }
    for (const e of await this.emails.addressedTo(who.emails))
      add('email', e.id, e.ticket_id, e.created_at, 'copied');
    for (const o of await this.outbox.toThem(who.userIds, who.emails))
      add('outbound_email', o.id, o.ticket_id, o.created_at, 'recipient');
    const bounced = await this.undeliverable.listed(who.emails.map((e) => this.index.hash('email', e)));
    if (bounced.length) add('undeliverable', 'undeliverable', null, bounced[0].created_at, 'listed');
  }

  /**
   * Unsent reply drafts: written by them, on their tickets, or naming them. Drafts are not in the
   * identifier index (rewritten every few seconds while typed); their retention period keeps them
   * few, so every live draft's text and its files' names are read for the subject's identifiers here.
   */
  private async collectDrafts(
    who: SubjectIdentity,
    ownTickets: string[],
    add: (type: DsarItemType, sourceId: string, ticketId: string | null, at: Date | null, by: string) => void,
  ): Promise<void> {
    for (const d of await this.drafts.byOrOn(who.userIds, ownTickets)) {
      const by = who.userIds.includes(d.user_id) ? 'author' : 'in_their_ticket';
      add('reply_draft', d.id, d.ticket_id, d.saved_at, by);
    }
    const known = {
      emails: new Set(who.emails),
      phones: new Set(who.phones),
      nameKeys: new Set(who.nameKeys),
    };
    if (!known.emails.size && !known.phones.size && !known.nameKeys.size) return;
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const page = await this.drafts.page(after, REDACTION_PAGE);
      for (const d of page) {
        const found = findOnly(draftText(d), known);
        for (const kind of new Set(found.map((f) => f.kind)))
          add('reply_draft', d.id, d.ticket_id, d.saved_at, `mention:${kind}`);
      }
      if (page.length < REDACTION_PAGE) break;
      after = page[page.length - 1].id;
    }
  }

  /** When each mentioning source was written, for ordering (one query per kind of source). */
  private async createdAt(mentions: { sourceType: string; sourceId: string }[]): Promise<Map<string, Date>> {
    const out = new Map<string, Date>();
    const tables: Record<string, (ids: string[]) => Promise<{ id: string; at: Date }[]>> = {
      ticket: (ids) => this.tickets.writtenAt(ids),
      message: (ids) => this.messages.writtenAt(ids),
      attachment: (ids) => this.attachments.writtenAt(ids),
      recording: (ids) => this.recordings.writtenAt(ids),
      email: (ids) => this.emails.writtenAt(ids),
    };
    for (const [type, writtenAt] of Object.entries(tables)) {
      const ids = mentions.filter((m) => m.sourceType === type).map((m) => m.sourceId);
      if (!ids.length) continue;
      for (const r of await writtenAt(ids)) out.set(r.id, r.at);
    }
    return out;
  }

  /** Records, by keyed hash, every other person's identifier in the items' texts: redacted by default. */
  private async recordRedactions(dsarId: string, who: SubjectIdentity): Promise<number> {
    let after = '0';
    for (;;) {
      const rows = await this.items.withText(dsarId, after, REDACTION_PAGE);
      if (!rows.length) break;
      const loaded = await this.sources.load(rows, who);
      const thirdParty = await this.sources.thirdParty(loaded, who);
      const itemIds: string[] = [];
      const kinds: string[] = [];
      const hashes: Buffer[] = [];
      loaded.forEach((item, i) => {
        for (const d of thirdParty[i]) {
          itemIds.push(item.row.id);
          kinds.push(d.kind);
          hashes.push(this.index.hash(d.kind, d.normalised));
        }
      });
      if (itemIds.length) {
        await this.redactions.record(dsarId, itemIds, kinds, hashes);
      }
      after = rows[rows.length - 1].id;
      if (rows.length < REDACTION_PAGE) break;
    }
    return this.redactions.count(dsarId);
  }

  private async counts(dsarId: string, redactions: number): Promise<DsarCountsDto> {
    const rows = await this.items.counts(dsarId);
    const n = (t: DsarItemType) => rows.find((r) => r.item_type === t)?.n ?? 0;
    return {
      contact: n('contact'),
      accounts: n('account'),
      tickets: n('ticket'),
      messages: n('message'),
      mentions: rows.reduce((a, r) => a + r.mentions, 0),
      attachments: n('attachment'),
      recordings: n('recording'),
      emails: n('email') + n('outbound_email'),
      auditEntries: n('audit'),
      earlierRequests: n('request'),
      excluded: rows.reduce((a, r) => a + r.excluded, 0),
      redactions,
    };
  }

  private async setProgress(dsarId: string, phase: string, done: number): Promise<void> {
    await this.setState(dsarId, 'collecting', { phase, done, total: STEPS });
  }

  private async setState(dsarId: string, status: DsarStatus, progress: DsarProgress | null): Promise<void> {
    await this.requests.setState(dsarId, status, progress);
    this.events.dsarProgress({ id: dsarId, status, progress });
  }
}
