import { emailTexts } from '../../mail/shared/email-texts';
import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/tx';
import { EmailDsarRepository } from '../../mail/shared/email-dsar.repository';
import { EmailErasureRepository, type EmailScrubRow } from '../../mail/shared/email-erasure.repository';
import { OutboxDsarRepository } from '../../mail/shared/outbox-dsar.repository';
import { UndeliverableDsarRepository } from '../../mail/shared/undeliverable-dsar.repository';
import { IdentifierIndex } from '../../privacy/identifier-index.service';
import { findOnly, scrubOnly, type KnownIdentifiers } from '../../privacy/text-scrub';
import type { MentionRef } from '../collection/dsar-mentions.service';
import type { KnownSubject } from '../collection/dsar-subject.service';

/** What an erasure does to mail, worked out before it starts (the preview shows the same). */
export interface MailScope {
  /** Mail they sent, and all mail on their tickets: every header and text column, and the raw copy, go. */
  erase: string[];
  /** Other people's mail naming them (To, Cc, or in its text): rewritten without them; the raw copy goes. */
  scrub: string[];
  /** Mail we sent them. */
  sentToThem: number;
  /** Their addresses' undeliverable markers (keyed hashes). */
  undeliverable: number;
}

export interface MailErased {
  erased: number;
  scrubbed: number;
  /** Identifiers taken out of other people's mail and of mail we sent about them. */
  removed: number;
  rawCopies: number;
  sentErased: number;
  sentScrubbed: number;
  undeliverable: number;
}

/** Who the mail checks are about: their identifiers, accounts and tickets. */
export interface MailSubject extends KnownSubject {
  userIds?: string[];
}

/**
 * The email channel's part of an erasure (Art. 17) and of its rescan. Mail receipts stay: they
 * hold keyed hashes only, and are what keeps an erased mail from being imported again. The
 * address stays on the Do Not Contact list (the erasure adds it), which also replaces the
 * undeliverable marker.
 */
@Injectable()
export class MailErasure {
  constructor(
    private readonly emails: EmailDsarRepository,
    private readonly erasure: EmailErasureRepository,
    private readonly outbox: OutboxDsarRepository,
    private readonly undeliverable: UndeliverableDsarRepository,
    private readonly index: IdentifierIndex,
  ) {}

  async scope(
    tx: Tx | undefined,
    who: MailSubject,
    ownTickets: string[],
    mentions: MentionRef[],
  ): Promise<MailScope> {
    const erase = (await this.emails.fromOrOnTickets(who.emails, ownTickets, tx)).map((e) => e.id);
    const named = [
      ...(await this.emails.addressedTo(who.emails, tx)).map((e) => e.id),
      ...mentions.filter((m) => m.sourceType === 'email').map((m) => m.sourceId),
    ];
    const scrub = [...new Set(named)].filter((id) => !erase.includes(id));
    const sentToThem = (await this.outbox.toThem(who.userIds ?? [], who.emails, tx)).length;
    const undeliverable = (await this.undeliverable.listed(this.addressHashes(who), tx)).length;
    return { erase, scrub, sentToThem, undeliverable };
  }

  /**
   * In the erasure's transaction. `tickets`: every ticket the erasure scrubbed or whose messages it
   * scrubbed, whose mail we sent may quote them. `queueBlobs` queues raw copies for deletion.
   */
  async apply(
    tx: Tx,
    who: MailSubject,
    s: MailScope,
    set: KnownIdentifiers,
    tickets: string[],
    queueBlobs: (keys: string[]) => Promise<void>,
  ): Promise<MailErased> {
    const raw = (await this.erasure.rawKeys(tx, [...s.erase, ...s.scrub]))
      .map((r) => r.key)
      .filter((k): k is string => !!k);
    await queueBlobs(raw);
    await this.erasure.erase(tx, s.erase);
    for (const id of s.erase) await this.index.remove(tx, { type: 'email', id });

    let removed = 0;
    for (const row of await this.erasure.forScrub(tx, s.scrub)) {
      const out = scrubEmail(row, set);
      removed += out.removed;
      await this.erasure.scrub(tx, row.id, out.row);
      await this.index.index(
        tx,
        { type: 'email', id: row.id, ticketId: row.ticket_id },
        emailTexts({
          ...out.row,
          from_address: row.from_address,
        }),
      );
    }

    let sentErased = 0;
    let sentScrubbed = 0;
    const sent = await this.outbox.withContent(tickets, who.userIds ?? [], who.emails, tx);
    await this.outbox.eraseContent(
      tx,
      sent.filter((r) => r.to_them).map((r) => r.id),
    );
    sentErased = sent.filter((r) => r.to_them).length;
    for (const r of sent.filter((x) => !x.to_them)) {
      const subject = scrubText(r.subject, set);
      const text = scrubText(r.body_text, set);
      const html = scrubText(r.body_html, set);
      const n = subject.removed + text.removed + html.removed;
      if (!n) continue;
      removed += n;
      sentScrubbed++;
      await this.outbox.setContent(tx, {
        id: r.id,
        to_address: r.to_address,
        subject: subject.text,
        body_text: text.text,
        body_html: html.text,
      });
    }
    const undeliverable = await this.undeliverable.remove(tx, this.addressHashes(who));
    return {
      erased: s.erase.length,
      scrubbed: s.scrub.length,
      removed,
      rawCopies: raw.length,
      sentErased,
      sentScrubbed,
      undeliverable,
    };
  }

  /**
   * The rescan's mail checks: mail still from, to or copied to them; raw copies left of the mail
   * the erasure reached; mail we sent that still names them; their undeliverable markers.
   */
  async left(
    tx: Tx | undefined,
    who: MailSubject,
    touched: { emails: string[]; tickets: string[] },
  ): Promise<[string, number][]> {
    const set: KnownIdentifiers = {
      emails: new Set(who.emails),
      phones: new Set(who.phones),
      nameKeys: new Set(who.nameKeys),
    };
    let sentLeft = 0;
    for (const r of await this.outbox.withContent(touched.tickets, who.userIds ?? [], who.emails, tx)) {
      if (r.to_them) sentLeft++;
      else
        for (const t of [r.to_address, r.subject, r.body_text, r.body_html])
          sentLeft += findOnly(t ?? '', set).length;
    }
    return [
      ['emails from, to or copied to their addresses', await this.erasure.countAddressed(who.emails, tx)],
      [
        'raw email copies (.eml) of mail from, on or naming them',
        await this.erasure.countRaw(touched.emails, tx),
      ],
      ['mail we sent: to them with content, or naming them', sentLeft],
      [
        'undeliverable markers of their addresses',
        (await this.undeliverable.listed(this.addressHashes(who), tx)).length,
      ],
    ];
  }

  /** Undeliverable markers are keyed like the suppression list. */
  private addressHashes(who: MailSubject): Buffer[] {
    return who.emails.map((e) => this.index.hash('email', e));
  }
}

function scrubText(text: string | null, set: KnownIdentifiers): { text: string | null; removed: number } {
  return text ? scrubOnly(text, set) : { text, removed: 0 };
}

/** Someone else's mail without one person's identifiers, field by field and address by address. */
export function scrubEmail(
  row: EmailScrubRow,
  set: KnownIdentifiers,
): { row: Omit<EmailScrubRow, 'ticket_id' | 'from_address'>; removed: number } {
  let removed = 0;
  const text = (t: string | null) => {
    const out = scrubText(t, set);
    removed += out.removed;
    return out.text;
  };
  const list = (xs: string[]) => xs.map((x) => text(x) ?? '');
  const scrubbed = {
    id: row.id,
    from_name: text(row.from_name),
    to_addresses: list(row.to_addresses),
    cc_addresses: list(row.cc_addresses),
    subject: text(row.subject),
    quoted_text: text(row.quoted_text),
    signature: text(row.signature),
    rejected_attachments: row.rejected_attachments.map((a) => ({ ...a, name: text(a.name) ?? '' })),
  };
  return { row: scrubbed, removed };
}
