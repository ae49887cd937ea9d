import { Injectable } from '@nestjs/common';
import type { DsarSegment } from '../dto/dsar-responses.dto';
import { type DsarItemType, formatDsarReference, type Role } from '@hushdesk/contracts';
import { fileNameFor, type Detection } from '@hushdesk/privacy';
import { AttachmentDsarRepository } from '../../attachments/attachment-dsar.repository';
import { AuditDsarRepository } from '../../audit/audit-dsar.repository';
import { BlobStore, readAll } from '../../blobs/blob-store';
import type { Tx } from '../../database/tx';
import { MessageDsarRepository } from '../../messages/message-dsar.repository';
import { PersonDsarRepository } from '../../people/person-dsar.repository';
import { FieldPoliciesService } from '../../privacy/field-policies.service';
import { draftWithFiles, ReplyDraftPrivacyRepository } from '../../drafts/reply-draft-privacy.repository';
import { EmailDsarRepository, type EmailPackageRow } from '../../mail/shared/email-dsar.repository';
import { OutboxDsarRepository } from '../../mail/shared/outbox-dsar.repository';
import { UndeliverableDsarRepository } from '../../mail/shared/undeliverable-dsar.repository';
import { IdentifierIndex } from '../../privacy/identifier-index.service';
import { RedactionService } from '../../privacy/redaction.service';
import { RecordingDsarRepository } from '../../recordings/recording-dsar.repository';
import { TicketDsarRepository } from '../../tickets/ticket-dsar.repository';
import { formatReference } from '../../tickets/ticket-rows';
import { UserDsarRepository } from '../../users/user-dsar.repository';
import { DsarRequestsRepository } from '../shared/dsar-requests.repository';
import type { ItemRow } from '../shared/dsar-items.repository';
import type { SubjectIdentity } from './dsar-subject.service';

export interface LoadedItem {
  row: ItemRow;
  title: string;
  at: string | null;
  ticketReference: string | null;
  /** Free text that may hold other people's identifiers: what review shows and redaction covers. */
  text: string | null;
  /** Structured, non-free-text fields for the export. */
  record: Record<string, unknown>;
  file: { blobKey: string; fileName: string; contentType: string; sizeBytes: number } | null;
  /**
   * An attachment's file name as stored, for a staff view that applies its own field policy (the
   * DPO's review). Never exported: `title`, `record` and `file` carry the subject's view.
   */
  storedFileName?: string;
}

/**
 * The role whose `attachment.fileName` visibility a package follows. A package leaves Hushdesk for
 * the person as a data subject, whatever their account: staff see names to do the work, not to
 * take copies away. Their own uploads keep their names (the uploader counts as the subject).
 */
const PACKAGE_READER: Role = 'customer';

/** An attachment's title, ending with its file name as the reader may see it. */
export const attachmentTitle = (reference: string, fileName: string) =>
  `Attachment on ${reference}: ${fileName}`;

/** Text attachments up to this size are read for review and redaction; larger ones go as files. */
const TEXT_ATTACHMENT_LIMIT = 1_000_000;

export type RedactionKey = `${'email' | 'phone' | 'name'}:${string}`;
export interface RedactionState {
  id: string;
  redacted: boolean;
}

/**
 * Reads what a collection's items point at, in one query per kind of source, and presents each
 * as the subject should see it: other customers and staff are "another customer" and "support
 * staff", never names; a caller's number is shown only when it is the subject's own.
 */
@Injectable()
export class DsarSources {
  constructor(
    private readonly people: PersonDsarRepository,
    private readonly users: UserDsarRepository,
    private readonly tickets: TicketDsarRepository,
    private readonly messages: MessageDsarRepository,
    private readonly attachments: AttachmentDsarRepository,
    private readonly recordings: RecordingDsarRepository,
    private readonly audit: AuditDsarRepository,
    private readonly requests: DsarRequestsRepository,
    private readonly emails: EmailDsarRepository,
    private readonly outbox: OutboxDsarRepository,
    private readonly undeliverable: UndeliverableDsarRepository,
    private readonly drafts: ReplyDraftPrivacyRepository,
    private readonly blobs: BlobStore,
    private readonly redaction: RedactionService,
    private readonly index: IdentifierIndex,
    private readonly policies: FieldPoliciesService,
  ) {}

  async load(rows: ItemRow[], who: SubjectIdentity): Promise<LoadedItem[]> {
    const ids = (t: DsarItemType) => rows.filter((r) => r.item_type === t).map((r) => r.source_id);
    const byId = async <T extends { id: string }>(
      type: DsarItemType,
      read: (ids: string[]) => Promise<T[]>,
    ): Promise<Map<string, T>> => {
      const list = ids(type);
      if (!list.length) return new Map();
      const found = await read(list);
      return new Map(found.map((r) => [String(r.id), r]));
    };
    const author = (userId: string | null, role: string | null) =>
      userId && who.userIds.includes(userId)
        ? 'you'
        : role === 'customer'
          ? 'another customer'
          : 'support staff';

    const people = await byId('contact', (list) => this.people.forPackage(list));
    const accounts = await byId('account', (list) => this.users.forPackage(list));
    const tickets = await byId('ticket', (list) => this.tickets.forPackage(list));
    const messages = await byId('message', (list) => this.messages.forPackage(list));
    const attachments = await byId('attachment', (list) => this.attachments.forPackage(list));
    const recordings = await byId('recording', (list) => this.recordings.forPackage(list));
    const audits = await byId('audit', (list) => this.audit.forPackage(list));
    const requests = await byId('request', (list) => this.requests.forPackage(list));
    const emails = await byId('email', (list) => this.emails.forPackage(list));
    const sent = await byId('outbound_email', (list) => this.outbox.forPackage(list));
    const drafts = await byId('reply_draft', (list) => this.drafts.forPackage(list));
    const bounced = ids('undeliverable').length
      ? await this.undeliverable.listed(who.emails.map((e) => this.index.hash('email', e)))
      : [];

    const fileNames = attachments.size ? await this.policies.get('attachment.fileName') : null;

    const out: LoadedItem[] = [];
    for (const row of rows) {
      const base = { row, at: row.at?.toISOString() ?? null, ticketReference: null, file: null };
      switch (row.item_type) {
        case 'contact': {
          const p = people.get(row.source_id);
          if (!p) continue;
          const record = {
            fullName: p.full_name,
            email: p.email,
            phone: p.phone,
            jobTitle: p.job_title,
            employer: p.employer,
            workAddress: p.work_address,
            imHandle: p.im_handle,
            processingRestricted: p.processing_restricted_at !== null,
          };
          out.push({ ...base, title: 'Contact details', text: null, record });
          break;
        }
        case 'account': {
          const u = accounts.get(row.source_id);
          if (!u) continue;
          out.push({
            ...base,
            title: `Account (${u.role}${u.organisation ? `, ${u.organisation}` : ''})`,
            text: null,
            record: {
              role: u.role,
              organisation: u.organisation,
              createdAt: u.created_at.toISOString(),
              lastSignInAt: u.last_login_at?.toISOString() ?? null,
              disabled: u.disabled_at !== null,
            },
          });
          break;
        }
        case 'ticket': {
          const t = tickets.get(row.source_id);
          if (!t) continue;
          const reference = formatReference(t.reference);
          const theirs = who.userIds.includes(t.requester_id);
          out.push({
            ...base,
            ticketReference: reference,
            title: `Ticket ${reference}${theirs ? '' : ' (someone else’s ticket that mentions you)'}`,
            text: `${t.subject}\n\n${t.description}`,
            record: {
              reference,
              yourRole: theirs ? 'requester' : row.found_by.includes('party') ? 'party' : 'mentioned',
              type: t.type,
              status: t.status,
              priority: t.priority,
              category: t.category,
              contactPhone:
                t.contact_phone && (theirs || who.phones.includes(t.contact_phone)) ? t.contact_phone : null,
              equipment: theirs
                ? {
                    assetTag: t.equipment_asset_tag,
                    model: t.equipment_model,
                    serialNumber: t.equipment_serial_number,
                    location: t.equipment_location,
                  }
                : null,
              createdAt: t.created_at.toISOString(),
              resolvedAt: t.resolved_at?.toISOString() ?? null,
              closedAt: t.closed_at?.toISOString() ?? null,
            },
          });
          break;
        }
        case 'message': {
          const m = messages.get(row.source_id);
          if (!m) continue;
          const reference = formatReference(m.reference);
          const by = author(m.author_id, m.role);
          out.push({
            ...base,
            ticketReference: reference,
            title: `${m.visibility === 'internal' ? 'Internal note' : 'Message'} on ${reference} by ${by}`,
            text: m.body,
            record: { visibility: m.visibility, author: by, createdAt: m.created_at.toISOString() },
          });
          break;
        }
        case 'attachment': {
          const a = attachments.get(row.source_id);
          if (!a || !fileNames) continue;
          const reference = formatReference(a.reference);
          const isText = a.content_type.startsWith('text/') && a.size_bytes <= TEXT_ATTACHMENT_LIMIT;
          const uploader = who.userIds.includes(a.uploaded_by_id);
          // Someone else's file name can say as much about a third party as the file does.
          const fileName = fileNameFor(
            { id: a.id, fileName: a.file_name },
            fileNames,
            PACKAGE_READER,
            uploader,
          );
          // A file in someone else's ticket that only mentions them (by its name) is that ticket's:
          // a text file goes as its text, redacted in review; any other file is listed, not sent.
          const sendsFile = uploader || row.found_by.includes('in_their_ticket') || isText;
          out.push({
            ...base,
            ticketReference: reference,
            title: attachmentTitle(reference, fileName),
            text: isText ? (await readAll(await this.blobs.read(a.blob_key))).toString('utf8') : null,
            record: {
              fileName,
              contentType: a.content_type,
              sizeBytes: a.size_bytes,
              uploadedBy: author(a.uploaded_by_id, a.role),
              createdAt: a.created_at.toISOString(),
            },
            file: sendsFile
              ? { blobKey: a.blob_key, fileName, contentType: a.content_type, sizeBytes: a.size_bytes }
              : null,
            storedFileName: a.file_name,
          });
          break;
        }
        case 'recording': {
          const r = recordings.get(row.source_id);
          if (!r) continue;
          const minutes = Math.max(1, Math.round(r.duration_seconds / 60));
          out.push({
            ...base,
            ticketReference: r.reference ? formatReference(r.reference) : null,
            title: `Call (${r.direction}) on ${r.started_at.toISOString().slice(0, 10)}, ${minutes} min`,
            text: r.notes,
            record: {
              direction: r.direction,
              startedAt: r.started_at.toISOString(),
              durationSeconds: r.duration_seconds,
              callerNumber: who.phones.includes(r.caller_number) ? r.caller_number : null,
              hasAudio: r.audio_blob_key !== null,
            },
            file: r.audio_blob_key
              ? {
                  blobKey: r.audio_blob_key,
                  fileName: `call-${r.started_at.toISOString().replace(/[:.]/g, '-')}.${audioExtension(r.audio_content_type)}`,
                  contentType: r.audio_content_type ?? 'application/octet-stream',
                  sizeBytes: r.audio_size_bytes ?? 0,
                }
              : null,
          });
          break;
        }
        case 'audit': {
          const a = audits.get(row.source_id);
          if (!a) continue;
          out.push({
            ...base,
            title: `Record of ${a.action} by ${a.actor_role ?? 'the system'}`,
            text: a.reason,
            record: {
              at: a.at.toISOString(),
              action: a.action,
              by: a.actor_role ?? 'system',
              fields: a.fields,
            },
          });
          break;
        }
        case 'suppression':
          out.push({
            ...base,
            title: 'Do-not-contact list',
            text: null,
            record: { onDoNotContactList: true },
          });
          break;
        case 'email': {
          const e = emails.get(row.source_id);
          if (!e) continue;
          out.push(emailItem(base, e, who));
          break;
        }
        case 'outbound_email': {
          const o = sent.get(row.source_id);
          if (!o) continue;
          const reference = o.reference ? formatReference(o.reference) : null;
          const went = o.status === 'sent' || o.status === 'kept';
          out.push({
            ...base,
            ticketReference: reference,
            title: `${went ? 'Email we sent you' : 'Email not sent to you'}${reference ? ` about ${reference}` : ''} (${o.kind.replace(/_/g, ' ')})`,
            text: o.subject || o.body_text ? [o.subject, o.body_text].filter(Boolean).join('\n\n') : null,
            record: {
              kind: o.kind,
              status: o.status,
              // Why it was held back or failed: words without personal data.
              note: went ? null : o.note,
              to: o.to_address,
              createdAt: o.created_at.toISOString(),
              sentAt: o.sent_at?.toISOString() ?? null,
              contentKept: o.body_text !== null,
            },
          });
          break;
        }
        case 'reply_draft': {
          const d = drafts.get(row.source_id);
          if (!d) continue;
          const reference = formatReference(d.reference);
          out.push({
            ...base,
            ticketReference: reference,
            title: `Unsent ${d.visibility === 'internal' ? 'note' : 'reply'} on ${reference}, by ${author(d.user_id, 'engineer')}`,
            // The files kept in it are listed in the text, so their names go through redaction review.
            text: draftWithFiles(d.body, d.files),
            record: {
              visibility: d.visibility,
              writtenBy: author(d.user_id, 'engineer'),
              savedAt: d.saved_at.toISOString(),
              filesKept: d.files.length,
            },
          });
          break;
        }
        case 'undeliverable': {
          if (!bounced.length) continue;
          out.push({
            ...base,
            title: 'Email address marked undeliverable',
            text: null,
            record: {
              undeliverable: true,
              bounceStatus: bounced[0].status,
              since: bounced[0].created_at.toISOString(),
            },
          });
          break;
        }
        case 'request': {
          const d = requests.get(row.source_id);
          if (!d) continue;
          out.push({
            ...base,
            title: `Earlier request ${formatDsarReference(d.reference)} (${d.kind})`,
            text: null,
            record: {
              reference: formatDsarReference(d.reference),
              kind: d.kind,
              status: d.status,
              receivedAt: d.received_at.toISOString(),
              closedAt: d.closed_at?.toISOString() ?? null,
            },
          });
          break;
        }
      }
    }
    return out;
  }

  /** Other people's identifiers in each item's text; the subject's own are never redacted. */
  async thirdParty(items: LoadedItem[], who: SubjectIdentity, tx?: Tx): Promise<Detection[][]> {
    const texts = items.map((i) => i.text ?? '');
    const detections = await this.redaction.detect(tx, texts);
    return detections.map((found) => found.filter((d) => !isSubjects(d, who)));
  }

  redactionKey(d: Detection): RedactionKey {
    return `${d.kind}:${this.index.hash(d.kind, d.normalised).toString('hex')}`;
  }

  /** The text cut into plain runs and other people's identifiers, with each one's redaction state. */
  segments(
    text: string | null,
    found: Detection[],
    states: Map<RedactionKey, RedactionState>,
  ): DsarSegment[] {
    if (!text) return [];
    const out: DsarSegment[] = [];
    let at = 0;
    for (const d of found) {
      if (d.start > at) out.push({ text: text.slice(at, d.start) });
      const state = states.get(this.redactionKey(d));
      out.push({
        redactionId: state?.id ?? '',
        kind: d.kind,
        original: d.raw,
        // Unknown to the collection (e.g. the text changed since): redacted, to be safe.
        redacted: state?.redacted ?? true,
      });
      at = d.end;
    }
    if (at < text.length) out.push({ text: text.slice(at) });
    return out;
  }
}

/**
 * A mail as its subject sees it: the headers kept, quoted history, signature and the names of
 * attachments kept out as text (other people's addresses in it are redacted in review), and the
 * raw .eml while it is kept, only for a mail they sent themselves (someone else's raw mail would
 * carry that person's data unredacted).
 */
function emailItem(
  base: Pick<LoadedItem, 'row' | 'at'>,
  e: EmailPackageRow,
  who: SubjectIdentity,
): LoadedItem {
  const reference = formatReference(e.reference);
  const sent = e.from_address !== null && who.emails.includes(e.from_address);
  const theirTicket = who.userIds.includes(e.requester_id);
  const from = e.from_name ? `${e.from_name} <${e.from_address ?? ''}>` : e.from_address;
  const headers = [
    from ? `From: ${from}` : null,
    e.to_addresses.length ? `To: ${e.to_addresses.join(', ')}` : null,
    e.cc_addresses.length ? `Cc: ${e.cc_addresses.join(', ')}` : null,
    e.subject ? `Subject: ${e.subject}` : null,
  ].filter(Boolean);
  const parts = [
    headers.join('\n'),
    e.quoted_text ? `Quoted history:\n${e.quoted_text}` : null,
    e.signature ? `Signature:\n${e.signature}` : null,
    e.rejected_attachments.length
      ? `Attachments not kept:\n${e.rejected_attachments.map((a) => `${a.name} (${a.reason})`).join('\n')}`
      : null,
  ].filter((p): p is string => !!p);
  const stamp = e.created_at.toISOString().replace(/[:.]/g, '-');
  return {
    ...base,
    ticketReference: reference,
    title: `Email on ${reference}${sent ? ' from you' : theirTicket ? ' on your ticket' : ' that names you'}`,
    text: parts.length ? parts.join('\n\n') : null,
    record: {
      yourRole: sent ? 'sender' : theirTicket ? 'requester' : 'named',
      sentAt: e.sent_at?.toISOString() ?? null,
      receivedAt: e.created_at.toISOString(),
      messageId: sent ? e.message_id : null,
      rawCopyKept: e.raw_blob_key !== null,
      rawCopyDeletedAfter: e.raw_blob_key !== null ? (e.raw_expires_at?.toISOString() ?? null) : null,
    },
    file:
      sent && e.raw_blob_key
        ? {
            blobKey: e.raw_blob_key,
            fileName: `email-${stamp}.eml`,
            contentType: 'message/rfc822',
            sizeBytes: e.raw_bytes,
          }
        : null,
  };
}

function isSubjects(d: Detection, who: SubjectIdentity): boolean {
  if (d.kind === 'email') return who.emails.includes(d.normalised);
  if (d.kind === 'phone') return who.phones.includes(d.normalised);
  return who.nameKeys.includes(d.normalised);
}

function audioExtension(contentType: string | null): string {
  const map: Record<string, string> = {
    'audio/wav': 'wav',
    'audio/x-wav': 'wav',
    'audio/mpeg': 'mp3',
    'audio/ogg': 'ogg',
    'audio/webm': 'webm',
  };
  return map[contentType ?? ''] ?? 'bin';
}
