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
import { DataSource, EntityManager } from 'typeorm';
import { BlobStore, readAll } from '../blobs/blob-store';
import { OwnedBlobs } from '../blobs/owned-blobs';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
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
    private readonly dataSource: DataSource,
    private readonly index: IdentifierIndex,
    private readonly audit: AuditService,
    private readonly blobs: BlobStore,
    private readonly owned: OwnedBlobs,
    private readonly policies: FieldPoliciesService,
  ) {}

  /** Emails and phones by pattern, and known people's names found by their name keys. */
  async scrub(manager: EntityManager, text: string): Promise<{ text: string; removed: number }> {
    const [kept] = await this.detect(manager, [text]);
    return { text: redact(text, kept), removed: kept.length };
  }

  /**
   * The identifiers in each text, without overlaps: emails and phones by pattern, and known
   * people's names, looked up for all the texts in one query.
   */
  async detect(manager: EntityManager, texts: readonly string[]): Promise<Detection[][]> {
    const candidates = [...new Set(texts.flatMap((t) => nameCandidates(t)))];
    let known = new Set<string>();
    if (candidates.length) {
      const rows: { name_key: string }[] = await manager.query(
        'SELECT DISTINCT name_key FROM people WHERE name_key = ANY($1)',
        [candidates],
      );
      known = new Set(rows.map((r) => r.name_key));
    }
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
    const [row] = await this.dataSource.query(
      'SELECT blob_key, content_type, file_name FROM attachments WHERE id = $1 AND ticket_id = $2',
      [attachmentId, ticketId],
    );
    if (!row) throw DomainError.notFound('Attachment');
    if (!String(row.content_type).startsWith('text/')) {
      throw DomainError.invalidField('attachment', 'is not a text file; only text can be redacted');
    }
    const original = await readAll(await this.blobs.read(row.blob_key));
    const { text, removed } = await this.scrub(this.dataSource.manager, original.toString('utf8'));
    const bytes = Buffer.from(text, 'utf8');
    const newKey = await this.owned.write(bytes);
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          'UPDATE attachments SET blob_key = $1, size_bytes = $2, sha256 = $3 WHERE id = $4',
          [newKey, bytes.length, createHash('sha256').update(bytes).digest(), attachmentId],
        );
        await this.owned.claim(manager, newKey);
        // The unredacted file is queued in the same transaction, so a crash cannot keep it.
        await this.owned.retire(manager, row.blob_key);
        await this.index.index(
          manager,
          { type: 'attachment', id: attachmentId, ticketId },
          attachmentTexts(row.file_name, text),
        );
        await this.audit.record(manager, {
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
  async scrubFileName(manager: EntityManager, fileName: string): Promise<string> {
    const [base] = fileNameTexts(fileName);
    const [first] = await this.detect(manager, [base]);
    const once = redact(base, first);
    const [second] = await this.detect(manager, [fileNameWords(once)]);
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
    const [row] = await this.dataSource.query(
      'SELECT blob_key, content_type, file_name, uploaded_by_id FROM attachments WHERE id = $1 AND ticket_id = $2',
      [attachmentId, ticketId],
    );
    if (!row) throw DomainError.notFound('Attachment');
    if (!String(row.content_type).startsWith('text/')) {
      throw DomainError.invalidField('attachment', 'is not a text file; only text can be made share-safe');
    }
    const original = await readAll(await this.blobs.read(row.blob_key));
    const manager = this.dataSource.manager;
    const { text } = await this.scrub(manager, original.toString('utf8'));
    const file = { id: attachmentId, fileName: row.file_name as string };
    const policy = await this.policies.get('attachment.fileName');
    const shown = fileNameFor(file, policy, actor.role, actor.userId === row.uploaded_by_id);
    const name =
      shown === withheldFileName(file.id, file.fileName) ? shown : await this.scrubFileName(manager, shown);
    return { fileName: `share-safe-${name}`, text };
  }

  /** DPO redaction of a message: the text is replaced in place, so no copy of it survives. */
  async redactMessage(
    actor: Actor,
    ticketId: string,
    messageId: string,
    reason: string,
  ): Promise<{ removed: number }> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(
        'SELECT body FROM ticket_messages WHERE id = $1 AND ticket_id = $2 FOR UPDATE',
        [messageId, ticketId],
      );
      if (!row) throw DomainError.notFound('Message');
      const { text, removed } = await this.scrub(manager, row.body);
      await manager.query('UPDATE ticket_messages SET body = $1 WHERE id = $2', [text, messageId]);
      await this.index.index(manager, { type: 'message', id: messageId, ticketId }, [text]);
      await this.audit.record(manager, {
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
