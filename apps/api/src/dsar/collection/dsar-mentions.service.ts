import { Injectable } from '@nestjs/common';
import type { IdentifierKind } from '@hushdesk/privacy';
import { findKnownPhones } from '@hushdesk/privacy';
import { AttachmentDsarRepository } from '../../attachments/attachment-dsar.repository';
import { BlobStore, readAll } from '../../blobs/blob-store';
import type { Tx } from '../../database/tx';
import { MessageDsarRepository } from '../../messages/message-dsar.repository';
import { EmailDsarRepository } from '../../mail/shared/email-dsar.repository';
import { IdentifierIndex, type SourceType } from '../../privacy/identifier-index.service';
import { SubjectMentionsRepository } from '../../privacy/subject-mentions.repository';
import { attachmentTexts } from '../../privacy/text-scrub';
import { RecordingDsarRepository } from '../../recordings/recording-dsar.repository';
import { TicketDsarRepository } from '../../tickets/ticket-dsar.repository';
import type { KnownSubject } from './dsar-subject.service';

export type TextSourceType = Exclude<SourceType, 'person'>;

export interface MentionRef {
  sourceType: TextSourceType;
  sourceId: string;
  ticketId: string | null;
  kind: IdentifierKind;
}

/**
 * Where a subject is mentioned in free text: the identifier index's entries under the keyed hashes
 * of their emails, phone numbers and (unshared) names, and every text whose digit tails match one
 * of their numbers, checked digit by digit, so a number written in a form the detector refused
 * when the text was saved ("0 7 7 0 0…", "0044-7700-…") is found all the same. Collection, the
 * erasure and its rescan all ask here, so they agree on what mentions the person.
 */
@Injectable()
export class SubjectMentions {
  constructor(
    private readonly mentions: SubjectMentionsRepository,
    private readonly tickets: TicketDsarRepository,
    private readonly messages: MessageDsarRepository,
    private readonly recordings: RecordingDsarRepository,
    private readonly attachments: AttachmentDsarRepository,
    private readonly emails: EmailDsarRepository,
    private readonly index: IdentifierIndex,
    private readonly blobs: BlobStore,
  ) {}

  /**
   * The index hashes their mentions are found by: their emails, numbers and unshared names (a name
   * someone else on record shares finds nobody in particular). Collection, erasure and rescan use these.
   */
  lookupHashes(who: KnownSubject): Buffer[] {
    return this.index.hashesOf({ ...who, names: who.lookupNames });
  }

  async find(who: KnownSubject, tx?: Tx): Promise<MentionRef[]> {
    const hashes = this.lookupHashes(who);
    const found = new Map<string, MentionRef>();
    if (hashes.length) {
      const rows = await this.mentions.byHashes(hashes, tx);
      for (const r of rows) {
        found.set(`${r.source_type}:${r.source_id}:${r.kind}`, {
          sourceType: r.source_type,
          sourceId: r.source_id,
          ticketId: r.ticket_id,
          kind: r.kind as IdentifierKind,
        });
      }
    }
    if (!who.phones.length) return [...found.values()];
    const byPhone = new Set([...found.values()].filter((m) => m.kind === 'phone').map(refKey));
    const maybe = (await this.index.lookupDigitTails(who.phones, tx)).filter(
      (m): m is Omit<MentionRef, 'kind'> => m.sourceType !== 'person' && !byPhone.has(refKey(m)),
    );
    const texts = await this.texts(maybe, tx);
    for (const m of maybe) {
      const text = texts.get(refKey(m));
      if (text && findKnownPhones(text, who.phones).length) {
        found.set(`${refKey(m)}:phone`, { ...m, kind: 'phone' });
      }
    }
    return [...found.values()];
  }

  /**
   * The free text of each source (a ticket's subject and description, a body, notes, a file's name
   * and text, a mail's names, addresses, quoted history and signature).
   */
  async texts(refs: Pick<MentionRef, 'sourceType' | 'sourceId'>[], tx?: Tx): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const ids = (type: TextSourceType) => [
      ...new Set(refs.filter((r) => r.sourceType === type).map((r) => r.sourceId)),
    ];
    const read = async (
      type: TextSourceType,
      texts: (ids: string[], tx?: Tx) => Promise<{ id: string; t: string | null }[]>,
    ) => {
      const list = ids(type);
      if (!list.length) return;
      for (const r of await texts(list, tx)) {
        if (r.t) out.set(`${type}:${r.id}`, r.t);
      }
    };
    await read('ticket', (list, t) => this.tickets.joinedTexts(list, t));
    await read('message', (list, t) => this.messages.texts(list, t));
    await read('recording', (list, t) => this.recordings.texts(list, t));
    await read('email', (list, t) => this.emails.texts(list, t));
    const files = ids('attachment').length ? await this.attachments.files(ids('attachment'), tx) : [];
    for (const f of files) {
      const content = f.content_type.startsWith('text/')
        ? (await readAll(await this.blobs.read(f.blob_key))).toString('utf8')
        : null;
      out.set(`attachment:${f.id}`, attachmentTexts(f.file_name, content).join('\n'));
    }
    return out;
  }
}

export const refKey = (m: { sourceType: string; sourceId: string }) => `${m.sourceType}:${m.sourceId}`;
