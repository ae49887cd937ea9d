import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { UNNAMED_PERSON } from '@hushdesk/contracts';
import { normaliseEmail } from '@hushdesk/privacy';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '../../config/app-config';
import { FieldPoliciesService } from '../../privacy/field-policies.service';
import { IdentifierIndex } from '../../privacy/identifier-index.service';
import { SuppressionList } from '../../privacy/suppression.service';
import { formatReference } from '../../tickets/ticket-rows';
import { messageIdsIn, ourMessageId } from '../shared/message-ids';
import { MailOutboxRepository, type ClaimedRow, type MailContextRow } from './mail-outbox.repository';
import { MailRecipientsRepository } from './mail-recipients.repository';
import { isAutomatic, renderMail } from './mail-templates';

/** Why a mail is not sent at all; the outbox records this, never the address or the content. */
export type SuppressionReason = 'do_not_contact' | 'undeliverable' | 'no_address' | 'restricted';

export const SUPPRESSION_NOTES: Record<SuppressionReason, string> = {
  do_not_contact: 'Not sent: the address is on the Do Not Contact list',
  undeliverable: 'Not sent: the address is known to be undeliverable (hard bounce)',
  no_address: 'Not sent: the recipient has no email address',
  restricted: 'Not sent: the recipient has restricted the processing of their data',
};

/** Minutes to wait after the nth failed attempt; the last value repeats. */
const BACKOFF_MINUTES = [1, 5, 30, 120, 360, 720, 1440];
/** A mail the relay keeps refusing is given up after this many attempts. */
export const MAX_ATTEMPTS = 8;
/** While the relay cannot be reached at all, mail waits at most this long between tries (never given up). */
const UNREACHABLE_RETRY_MINUTES = 10;
/** A claimed row not finished within this (its worker died) is tried again. */
const LEASE_SECONDS = 300;
/** One drain stops after this long, so a job never outlives its expiry; the next one continues. */
const DRAIN_BUDGET_MS = 4 * 60_000;
const BATCH = 50;
const REFERENCES_KEPT = 20;

type SmtpError = Error & { code?: string; responseCode?: number; command?: string; response?: string };

export interface DrainResult {
  sent: number;
  kept: number;
  suppressed: number;
  retrying: number;
  failed: number;
}
type Outcome = keyof DrainResult;

const bracketed = (id: string) => `<${id}>`;

/**
 * The send job's work: claims due outbox rows (SKIP LOCKED, so two instances never send one
 * row twice), checks the recipient may be mailed, renders the mail with threading headers, and
 * sends it through SMTP_URL with retries, or keeps it for admins to read when there is no relay.
 */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private readonly logger = new Logger(MailSender.name);
  private transport?: Transporter;

  constructor(
    private readonly config: AppConfig,
    private readonly outbox: MailOutboxRepository,
    private readonly recipients: MailRecipientsRepository,
    private readonly suppressions: SuppressionList,
    private readonly index: IdentifierIndex,
    private readonly policies: FieldPoliciesService,
  ) {}

  get sending(): boolean {
    return !!this.config.mail.smtpUrl;
  }

  /** Works through every due row; `now` stands in for the clock (tests of the backoff). */
  async drain(opts: { now?: Date; batch?: number } = {}): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, kept: 0, suppressed: 0, retrying: 0, failed: 0 };
    const started = Date.now();
    while (Date.now() - started < DRAIN_BUDGET_MS) {
      const now = opts.now ?? new Date();
      const rows = await this.outbox.claim(now, opts.batch ?? BATCH, LEASE_SECONDS);
      if (!rows.length) break;
      const outcomes = await Promise.all(rows.map((row) => this.deliver(row, now)));
      for (const outcome of outcomes) result[outcome]++;
    }
    return result;
  }

  /** Why a mail to this address must not go, or null. */
  async suppressionOf(recipient: {
    email: string | null;
    restricted: boolean;
  }): Promise<SuppressionReason | null> {
    if (!recipient.email) return 'no_address';
    if (await this.suppressions.isSuppressed({ email: recipient.email })) return 'do_not_contact';
    if (recipient.restricted) return 'restricted';
    if (await this.recipients.isUndeliverable(this.addressHash(recipient.email))) return 'undeliverable';
    return null;
  }

  /** The key of undeliverable_addresses: the keyed hash the suppression list uses for emails. */
  addressHash(email: string): Buffer {
    return this.index.hash('email', normaliseEmail(email));
  }

  private async deliver(row: ClaimedRow, now: Date): Promise<Outcome> {
    const ctx = await this.outbox.context(row);
    if (!ctx?.ticket_reference) {
      await this.outbox.attemptFailed(row.id, 'Not sent: the ticket is gone', row.message_id, null);
      return 'failed';
    }
    if (row.kind === 'public_reply' && ctx.message_visibility !== 'public') {
      // Never reached by design (only public replies are queued); internal notes never leave.
      await this.outbox.attemptFailed(row.id, 'Not sent: not a public reply', row.message_id, null);
      return 'failed';
    }
    const reason = await this.suppressionOf({
      email: ctx.recipient_email,
      restricted: ctx.recipient_restricted,
    });
    if (reason) {
      await this.outbox.suppressed(row.id, SUPPRESSION_NOTES[reason]);
      return 'suppressed';
    }
    const to = ctx.recipient_email as string;
    const mail = await this.compose(row, ctx);
    if (!this.sending) {
      await this.outbox.delivered(row.id, 'kept', { to, ...mail }, false);
      return 'kept';
    }
    try {
      await this.transporter().sendMail({
        from: this.config.mail.from,
        to: { name: ctx.recipient_name ?? '', address: to },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        inReplyTo: mail.inReplyTo ?? undefined,
        references: mail.references.length ? mail.references : undefined,
        headers: {
          ...(isAutomatic(row.kind) ? { 'Auto-Submitted': 'auto-generated' } : {}),
          'X-Auto-Response-Suppress': 'All',
        },
      });
    } catch (e) {
      return this.failed(row, e as SmtpError, mail.messageId, to, now);
    }
    await this.outbox.delivered(row.id, 'sent', { to, ...mail }, true);
    return 'sent';
  }

  /** The mail as this recipient may read it, with our Message-ID and the headers that thread it. */
  private async compose(row: ClaimedRow, ctx: MailContextRow) {
    const names = await this.policies.names({
      role: ctx.recipient_role ?? 'customer',
      userId: row.recipient_user_id,
      personId: ctx.recipient_person_id,
    });
    const reference = formatReference(ctx.ticket_reference as string);
    const rendered = renderMail({
      kind: row.kind,
      reference,
      ticketSubject: ctx.ticket_subject ?? '',
      recipientName: ctx.recipient_name,
      authorName: names.of(ctx.author_name, ctx.author_id) ?? UNNAMED_PERSON.staff,
      replyText: ctx.message_body,
      requesterName: names.of(ctx.requester_name, ctx.requester_id) ?? UNNAMED_PERSON.customer,
      ticketType: ctx.ticket_type ?? 'support',
      priority: ctx.ticket_priority ?? '',
      senderName: this.senderName(),
    });
    // Kept across retries, so a mail sent twice after a crash is still one mail to its reader.
    const messageId = row.message_id ?? ourMessageId(ctx.ticket_reference as string, this.config.mail.domain);
    return { ...rendered, messageId, ...this.threading(row, ctx) };
  }

  /**
   * In-Reply-To names the newest mail of the conversation, the requester's latest mail to us or
   * our latest to this recipient; References carries the requester's chain and ours, so Outlook
   * and Gmail keep the ticket in one thread. Staff notifications thread among themselves.
   */
  private threading(
    row: ClaimedRow,
    ctx: MailContextRow,
  ): { inReplyTo: string | null; references: string[] } {
    const toRequester = row.recipient_user_id !== null && row.recipient_user_id === ctx.requester_id;
    const ours = (ctx.our_ids ?? []).flatMap((id) => messageIdsIn(id));
    const inbound = toRequester ? messageIdsIn(ctx.inbound_message_id) : [];
    const chain = toRequester ? (ctx.inbound_references ?? []).flatMap((id) => messageIdsIn(id)) : [];
    const inboundNewer =
      inbound.length > 0 &&
      (!ctx.our_last_at || (ctx.inbound_at !== null && ctx.inbound_at > ctx.our_last_at));
    const ordered = inboundNewer ? [...chain, ...ours, ...inbound] : [...chain, ...inbound, ...ours];
    const unique = [...new Set(ordered)];
    // The root and the newest: what threading needs when a long conversation is cut short.
    const kept =
      unique.length > REFERENCES_KEPT ? [unique[0], ...unique.slice(-(REFERENCES_KEPT - 1))] : unique;
    const last = kept[kept.length - 1];
    return { inReplyTo: last ? bracketed(last) : null, references: kept.map(bracketed) };
  }

  /** A refused or failed attempt: given up, or queued again after a backoff. */
  private async failed(
    row: ClaimedRow,
    e: SmtpError,
    messageId: string,
    to: string,
    now: Date,
  ): Promise<Outcome> {
    const attempts = row.attempts + 1;
    const code = e.responseCode ? String(e.responseCode) : (e.code ?? 'error');
    const enhanced = /^\d{3}[ -](\d\.\d{1,3}\.\d{1,3})/.exec(e.response ?? '')?.[1] ?? null;
    const shown = enhanced ? `${code} ${enhanced}` : code;
    // Only codes go into the note and the log: a reply's text may quote the address.
    if (e.responseCode && e.responseCode >= 500 && /^RCPT/i.test(e.command ?? '')) {
      await this.recipients.markUndeliverable(this.addressHash(to), enhanced ?? code);
      await this.outbox.attemptFailed(
        row.id,
        `Failed: the recipient's server refused the address permanently (${shown})`,
        messageId,
        null,
      );
      this.logger.warn(`mail ${row.id} refused permanently (${shown})`);
      return 'failed';
    }
    const unreachable = !e.responseCode;
    if (!unreachable && attempts >= MAX_ATTEMPTS) {
      await this.outbox.attemptFailed(
        row.id,
        `Failed after ${attempts} attempts (${shown})`,
        messageId,
        null,
      );
      this.logger.warn(`mail ${row.id} given up after ${attempts} attempts (${shown})`);
      return 'failed';
    }
    const backoff = BACKOFF_MINUTES[Math.min(attempts, BACKOFF_MINUTES.length) - 1];
    const minutes = unreachable ? Math.min(backoff, UNREACHABLE_RETRY_MINUTES) : backoff;
    const note = unreachable
      ? `Attempt ${attempts}: the relay could not be reached (${shown}); queued until it can`
      : `Attempt ${attempts} failed (${shown}); will retry`;
    await this.outbox.attemptFailed(row.id, note, messageId, new Date(now.getTime() + minutes * 60_000));
    this.logger.warn(`mail ${row.id}: attempt ${attempts} failed (${shown})`);
    return 'retrying';
  }

  private senderName(): string {
    const from = this.config.mail.from;
    const name = /^\s*"?([^"<]*?)"?\s*<[^<>]+>\s*$/.exec(from)?.[1]?.trim();
    return name || from.trim();
  }

  private transporter(): Transporter {
    this.transport ??= createTransport({
      url: this.config.mail.smtpUrl,
      pool: true,
      maxConnections: 5,
      maxMessages: Infinity,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    return this.transport;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = undefined;
  }
}
