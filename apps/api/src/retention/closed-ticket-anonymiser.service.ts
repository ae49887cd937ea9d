import { Injectable } from '@nestjs/common';
import { AttachmentRedactionRepository } from '../attachments/attachment-redaction.repository';
import { BlobDeletionsRepository } from '../blobs/blob-deletions.repository';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { EmailErasureRepository } from '../mail/shared/email-erasure.repository';
import { OutboxDsarRepository } from '../mail/shared/outbox-dsar.repository';
import { MessageRedactionRepository } from '../messages/message-redaction.repository';
import { PersonPrivacyRepository } from '../people/person-privacy.repository';
import { IdentifierMentionsRepository } from '../privacy/identifier-mentions.repository';
import { IdentifierIndex } from '../privacy/identifier-index.service';
import { RedactionService } from '../privacy/redaction.service';
import { TicketRetentionRepository } from '../tickets/ticket-retention.repository';
import { FormerCustomerRepository } from '../users/former-customer.repository';

const FORMER_CUSTOMER = 'Former customer';

/**
 * Closed tickets past retention (6 years by default) stay for statistics, but anonymised: their
 * text is scrubbed of every identifier, contact phone, attachments and the headers and text of
 * their email go, and the requester (and any customer who wrote in the thread) becomes the
 * organisation's disabled "Former customer".
 */
@Injectable()
export class ClosedTicketAnonymiser {
  constructor(
    private readonly transactions: Transactions,
    private readonly tickets: TicketRetentionRepository,
    private readonly messages: MessageRedactionRepository,
    private readonly attachments: AttachmentRedactionRepository,
    private readonly blobDeletions: BlobDeletionsRepository,
    private readonly mentions: IdentifierMentionsRepository,
    private readonly people: PersonPrivacyRepository,
    private readonly formerCustomers: FormerCustomerRepository,
    private readonly redaction: RedactionService,
    private readonly index: IdentifierIndex,
    private readonly emails: EmailErasureRepository,
    private readonly sentMail: OutboxDsarRepository,
  ) {}

  /** Tickets due, excluding those whose requester has an open data-subject request. */
  count(cutoff: Date): Promise<number> {
    return this.tickets.countDue(cutoff);
  }

  async run(cutoff: Date, batchSize = 100): Promise<{ anonymised: number; ids: string[] }> {
    const done: string[] = [];
    for (;;) {
      const ids = await this.transactions.run(async (tx) => {
        const rows = await this.tickets.lockDue(tx, cutoff, batchSize);
        for (const row of rows) await this.anonymise(tx, row.id, row.organisation_id);
        return rows.map((r) => r.id);
      });
      done.push(...ids);
      if (ids.length < batchSize) return { anonymised: done.length, ids: done.slice(0, 1000) };
    }
  }

  private async anonymise(tx: Tx, ticketId: string, organisationId: string): Promise<void> {
    const placeholder = await this.formerCustomer(tx, organisationId);
    const t = await this.tickets.texts(tx, ticketId);
    const subject = (await this.redaction.scrub(tx, t.subject)).text;
    const description = (await this.redaction.scrub(tx, t.description)).text;
    await this.tickets.anonymise(tx, ticketId, { subject, description }, placeholder);
    await this.index.index(tx, { type: 'ticket', id: ticketId, ticketId }, [subject, description]);
    for (const m of await this.messages.ofTicket(tx, ticketId)) {
      const body = (await this.redaction.scrub(tx, m.body)).text;
      await this.messages.anonymise(tx, m.id, body, placeholder);
      await this.index.index(tx, { type: 'message', id: m.id, ticketId }, [body]);
    }
    // Files may hold anything: they go, through the outbox, with their index entries.
    await this.blobDeletions.queueTicketAttachments(tx, ticketId);
    await this.mentions.removeTicketAttachments(tx, ticketId);
    await this.attachments.removeOfTicket(tx, ticketId);
    // Its mail: every header and text column and the raw copy go; mail we sent keeps no content.
    const mails = await this.emails.idsOnTickets(tx, [ticketId]);
    for (const { key } of await this.emails.rawKeys(tx, mails))
      if (key) await this.blobDeletions.queueNow(key, tx);
    await this.emails.erase(tx, mails);
    for (const id of mails) await this.index.remove(tx, { type: 'email', id });
    await this.sentMail.eraseContentOfTickets(tx, [ticketId]);
  }

  /** The organisation's disabled placeholder account, created the first time it is needed. */
  private async formerCustomer(tx: Tx, organisationId: string): Promise<string> {
    await this.formerCustomers.lock(tx, organisationId);
    const existing = await this.formerCustomers.find(tx, organisationId, FORMER_CUSTOMER);
    if (existing) return existing;
    const personId = await this.people.insertNamed(tx, FORMER_CUSTOMER);
    return this.formerCustomers.insert(tx, personId, organisationId);
  }
}
