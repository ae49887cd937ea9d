import { Injectable } from '@nestjs/common';
import {
  detectIdentifiers,
  fileNameFor,
  PLACEHOLDERS,
  redact,
  withheldFileName,
  type Detection,
} from '@hushdesk/privacy';
import { createHash } from 'node:crypto';
import { AttachmentRedactionRepository } from '../attachments/attachment-redaction.repository';
import { BlobStore, readAll } from '../blobs/blob-store';
import { OwnedBlobs } from '../blobs/owned-blobs.service';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { MessageRedactionRepository } from '../messages/message-redaction.repository';
import { PersonPrivacyRepository } from '../people/person-privacy.repository';
import { FieldPoliciesService } from './field-policies.service';
import { IdentifierIndex, nameCandidates } from './identifier-index.service';
import { attachmentTexts, fileNameTexts, fileNameWords, findNames, nonOverlapping } from './text-scrub';

/**
 * Removes personal data from text: every email and phone number, and the names of people Hushdesk
 * knows, become [email], [phone] and [name].
 */
@Injectable()
export class RedactionService {
  constructor(
    private readonly transactions: Transactions,
    private readonly people: PersonPrivacyRepository,
    private readonly attachments: AttachmentRedactionRepository,
    private readonly messages: MessageRedactionRepository,
    private readonly index: IdentifierIndex,
    private readonly audit: AuditService,
    private readonly blobs: BlobStore,
    private readonly owned: OwnedBlobs,
    private readonly policies: FieldPoliciesService,
  ) {}

  /** Emails and phones by pattern, and known people's names found by their name keys. */
  async scrub(tx: Tx | undefined, text: string): Promise<{ text: string; removed: number }> {
    const [kept] = await this.detect(tx, [text]);
    return { text: redact(text, kept), removed: kept.length };
  }

  /**
   * The identifiers in each text, without overlaps: emails and phones by pattern, and known
   * people's names, looked up for all the texts in one query.
   */
  async detect(tx: Tx | undefined, texts: readonly string[]): Promise<Detection[][]> {
    const candidates = [...new Set(texts.flatMap((t) => nameCandidates(t)))];
    let known = new Set<string>();
    if (candidates.length) known = new Set(await this.people.knownNameKeys(candidates, tx));
    return texts.map((text) => {
      const found: Detection[] = detectIdentifiers(text, { kinds: ['email', 'phone'] });
      if (known.size) found.push(...findNames(text, known));
      return nonOverlapping(found);
    });
  }

  /**
   * DPO redaction of a text attachment: the file is rewritten with the identifiers replaced, under a
   * new blob key, and the old blob deleted once the row points at the new one.
   */
  async redactAttachment(
    actor: Actor,
    ticketId: string,
    attachmentId: string,
    reason: string,
  ): Promise<{ removed: number }> {
    const row = await this.attachments.forRedaction(attachmentId, ticketId);
    if (!row) throw DomainError.notFound('Attachment');
    if (!String(row.content_type).startsWith('text/')) {
      throw DomainError.invalidField('attachment', 'is not a text file; only text can be redacted');
    }
    const original = await readAll(await this.blobs.read(row.blob_key));
    const { text, removed } = await this.scrub(undefined, original.toString('utf8'));
    const bytes = Buffer.from(text, 'utf8');
    const newKey = await this.owned.write(bytes);
    try {
      await this.transactions.run(async (tx) => {
        await this.attachments.replaceFile(tx, attachmentId, {
          blobKey: newKey,
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest(),
        });
        await this.owned.claim(tx, newKey);
        // The unredacted file is queued in the same transaction, so a crash cannot keep it.
        await this.owned.retire(tx, row.blob_key);
        await this.index.index(
          tx,
          { type: 'attachment', id: attachmentId, ticketId },
          attachmentTexts(row.file_name, text),
        );
        await this.audit.record(tx, {
          actor,
          action: 'message.redact',
          target: { type: 'attachment', id: attachmentId },
          reason,
          details: { removed },
        });
      });
    } catch (e) {
      await this.owned.discard(newKey);
      throw e;
    }
    await this.owned.discard(row.blob_key);
    return { removed };
  }

  /**
   * A file name with every email, phone number and known name replaced, the extension kept. File
   * names join words with `_`, `-` and `.`, so a second pass reads those as spaces (same length,
   * so the offsets hold) to find `Greta_Globex` and `07700-900-555` too.
   */
  async scrubFileName(tx: Tx | undefined, fileName: string): Promise<string> {
    const [base] = fileNameTexts(fileName);
    const [first] = await this.detect(tx, [base]);
    const once = redact(base, first);
    const [second] = await this.detect(tx, [fileNameWords(once)]);
    return `${redact(once, second)}${fileName.slice(base.length)}`;
  }

  /**
   * A text file with every person's data stripped, for sending to a vendor; the stored file is
   * untouched. Its name is the file name as the caller may see it (field policy), scrubbed too:
   * a copy for a vendor must not carry a person in its file name.
   */
  async shareSafeAttachment(
    actor: Actor,
    ticketId: string,
    attachmentId: string,
  ): Promise<{ fileName: string; text: string }> {
    const row = await this.attachments.forShareSafe(attachmentId, ticketId);
    if (!row) throw DomainError.notFound('Attachment');
    if (!String(row.content_type).startsWith('text/')) {
      throw DomainError.invalidField('attachment', 'is not a text file; only text can be made share-safe');
    }
    const original = await readAll(await this.blobs.read(row.blob_key));
    const { text } = await this.scrub(undefined, original.toString('utf8'));
    const file = { id: attachmentId, fileName: row.file_name };
    const policy = await this.policies.get('attachment.fileName');
    const shown = fileNameFor(file, policy, actor.role, actor.userId === row.uploaded_by_id);
    const name =
      shown === withheldFileName(file.id, file.fileName) ? shown : await this.scrubFileName(undefined, shown);
    return { fileName: `share-safe-${name}`, text };
  }

  /** DPO redaction of a message: the text is replaced in place, so no copy of it survives. */
  async redactMessage(
    actor: Actor,
    ticketId: string,
    messageId: string,
    reason: string,
  ): Promise<{ removed: number }> {
    return this.transactions.run(async (tx) => {
      const body = await this.messages.lockBody(tx, messageId, ticketId);
      if (body === undefined) throw DomainError.notFound('Message');
      const { text, removed } = await this.scrub(tx, body);
      await this.messages.setBody(tx, messageId, text);
      await this.index.index(tx, { type: 'message', id: messageId, ticketId }, [text]);
      await this.audit.record(tx, {
        actor,
        action: 'message.redact',
        target: { type: 'message', id: messageId },
        reason,
        details: { removed, placeholders: Object.values(PLACEHOLDERS) },
      });
      return { removed };
    });
  }
}
