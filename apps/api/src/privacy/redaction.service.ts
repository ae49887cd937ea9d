import { Injectable } from '@nestjs/common';
import { detectIdentifiers, normaliseName, PLACEHOLDERS, redact, type Detection } from '@hushdesk/privacy';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { IdentifierIndex, nameCandidates } from './identifier-index.service';

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
  ) {}

  /** Emails and phones by pattern, and known people's names found by their name keys. */
  async scrub(manager: EntityManager, text: string): Promise<{ text: string; removed: number }> {
    const detections: Detection[] = detectIdentifiers(text, { kinds: ['email', 'phone'] });
    const candidates = nameCandidates(text);
    if (candidates.length) {
      const rows: { name_key: string }[] = await manager.query(
        'SELECT DISTINCT name_key FROM people WHERE name_key = ANY($1)',
        [candidates],
      );
      const known = new Set(rows.map((r) => r.name_key));
      if (known.size) detections.push(...findNames(text, known));
    }
    const kept = nonOverlapping(detections);
    return { text: redact(text, kept), removed: kept.length };
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

/** Whole-word occurrences of known names (as name keys) in the text, case- and accent-insensitively. */
function findNames(text: string, keys: Set<string>): Detection[] {
  const words = [...text.matchAll(/[\p{L}][\p{L}'’-]*/gu)];
  const out: Detection[] = [];
  for (let i = 0; i < words.length; i++) {
    for (const n of [3, 2]) {
      if (i + n > words.length) continue;
      const span = words.slice(i, i + n);
      const key = normaliseName(span.map((w) => w[0]).join(' '));
      if (keys.has(key)) {
        const start = span[0].index as number;
        const last = span[n - 1];
        const end = (last.index as number) + last[0].length;
        out.push({ kind: 'name', start, end, raw: text.slice(start, end), normalised: key });
        break;
      }
    }
  }
  return out;
}

function nonOverlapping(ds: Detection[]): Detection[] {
  const sorted = [...ds].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Detection[] = [];
  for (const d of sorted) if (!out.length || d.start >= out[out.length - 1].end) out.push(d);
  return out;
}
