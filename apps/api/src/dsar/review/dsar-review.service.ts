import { Injectable } from '@nestjs/common';
import type { DsarItemDto } from '../dto/dsar-responses.dto';
import { fileNameFor, type FieldPolicy } from '@hushdesk/privacy';
import { AuditService } from '../../audit/audit.service';
import type { Actor } from '../../common/auth/actor';
import { DomainError, DomainErrorCode } from '../../common/errors/domain-error';
import { decodeCursor, type Page, toPage } from '../../common/pagination/keyset';
import { Transactions } from '../../database/transactions';
import { FieldPoliciesService } from '../../privacy/field-policies.service';
import {
  attachmentTitle,
  DsarSources,
  type LoadedItem,
  type RedactionKey,
  type RedactionState,
} from '../collection/dsar-sources.service';
import { DsarSubjects, type SubjectIdentity } from '../collection/dsar-subject.service';
import { DsarItemsRepository, type ItemRow } from '../shared/dsar-items.repository';
import { DsarRedactionsRepository } from '../shared/dsar-redactions.repository';
import { DsarRequestsRepository } from '../shared/dsar-requests.repository';
import { ambiguous, type DsarRow } from '../shared/dsar-rows';
import { DsarService } from '../intake/dsar.service';

/** An item as the review and the export see it: its content, and other people's identifiers in it. */
export interface ReviewedItem {
  loaded: LoadedItem;
  item: DsarItemDto;
}

/**
 * The DPO's review: every item found, with other people's identifiers redacted by default. The
 * DPO can exclude an item or undo a redaction, each with a reason that is kept and audited.
 */
@Injectable()
export class DsarReview {
  constructor(
    private readonly transactions: Transactions,
    private readonly items: DsarItemsRepository,
    private readonly redactions: DsarRedactionsRepository,
    private readonly dsarRequests: DsarRequestsRepository,
    private readonly sources: DsarSources,
    private readonly subjects: DsarSubjects,
    private readonly audit: AuditService,
    private readonly requests: DsarService,
    private readonly policies: FieldPoliciesService,
  ) {}

  async list(actor: Actor, id: string, limit: number, cursor?: string): Promise<Page<DsarItemDto>> {
    return this.page(await this.requests.load(actor, id), limit, cursor, actor);
  }

  async exclude(actor: Actor, id: string, itemId: string, excluded: boolean, reason: string): Promise<void> {
    await this.setExcluded(actor, await this.requests.load(actor, id), itemId, excluded, reason);
  }

  async decideRedaction(
    actor: Actor,
    id: string,
    redactionId: string,
    redacted: boolean,
    reason: string,
  ): Promise<void> {
    await this.setRedacted(actor, await this.requests.load(actor, id), redactionId, redacted, reason);
  }

  async identity(row: DsarRow): Promise<SubjectIdentity> {
    const resolution = await this.subjects.resolve(row);
    if (resolution.kind === 'ambiguous') throw ambiguous();
    return resolution.identity;
  }

  /** `viewer`: staff reading the review, who see file names as their field policy allows. */
  async page(row: DsarRow, limit: number, cursor?: string, viewer?: Actor): Promise<Page<DsarItemDto>> {
    const after = decodeCursor(cursor, 1);
    const rows = await this.items.page(row.id, after ? String(after[0]) : '0', limit + 1);
    const reviewed = await this.review(row, rows.slice(0, limit), viewer);
    return toPage(
      rows.slice(0, limit + 1),
      limit,
      (r) => reviewed.find((x) => x.loaded.row.id === r.id)?.item ?? gone(r),
      (r) => [Number(r.id)],
    );
  }

  /** Every item of the request, in order, in pages (for the export). */
  async *all(row: DsarRow, pageSize = 500): AsyncGenerator<ReviewedItem[]> {
    let after = '0';
    for (;;) {
      const rows = await this.items.page(row.id, after, pageSize);
      if (!rows.length) return;
      yield await this.review(row, rows);
      after = rows[rows.length - 1].id;
    }
  }

  private async review(row: DsarRow, rows: ItemRow[], viewer?: Actor): Promise<ReviewedItem[]> {
    if (!rows.length) return [];
    const fileNames = viewer ? await this.policies.get('attachment.fileName') : null;
    const who = await this.identity(row);
    const loaded = await this.sources.load(rows, who);
    const thirdParty = await this.sources.thirdParty(loaded, who);
    const states = await this.states(rows.map((r) => r.id));
    return loaded.map((l, i) => ({
      loaded: l,
      item: {
        id: l.row.id,
        type: l.row.item_type,
        sourceId: l.row.source_id,
        ticketId: l.row.ticket_id,
        ticketReference: l.ticketReference,
        foundBy: l.row.found_by,
        title: fileNames && viewer ? titleFor(l, fileNames, viewer) : l.title,
        at: l.at,
        segments: this.sources.segments(l.text, thirdParty[i], states.get(l.row.id) ?? new Map()),
        excluded:
          l.row.excluded_at && l.row.exclude_reason
            ? { reason: l.row.exclude_reason, at: l.row.excluded_at.toISOString() }
            : null,
      },
    }));
  }

  private async states(itemIds: string[]): Promise<Map<string, Map<RedactionKey, RedactionState>>> {
    const rows = await this.redactions.ofItems(itemIds);
    const out = new Map<string, Map<RedactionKey, RedactionState>>();
    for (const r of rows) {
      const key = `${r.kind}:${r.value_hash.toString('hex')}` as RedactionKey;
      const forItem = out.get(String(r.item_id)) ?? new Map<RedactionKey, RedactionState>();
      forItem.set(key, { id: String(r.id), redacted: r.redacted });
      out.set(String(r.item_id), forItem);
    }
    return out;
  }

  async setExcluded(
    actor: Actor,
    row: DsarRow,
    itemId: string,
    excluded: boolean,
    reason: string,
  ): Promise<void> {
    assertReviewable(row);
    await this.transactions.run(async (tx) => {
      const changed = await this.items.setExcluded(
        tx,
        row.id,
        itemId,
        excluded,
        excluded ? reason : null,
        actor.userId,
      );
      if (!changed) throw DomainError.notFound('Item');
      await this.dsarRequests.recountExcluded(tx, row.id);
      await this.audit.record(tx, {
        actor,
        action: excluded ? 'dsar.exclude' : 'dsar.include',
        subjectPersonId: row.subject_person_id,
        target: { type: 'dsar_item', id: itemId },
        reason,
        details: { dsarId: row.id },
      });
    });
  }

  async setRedacted(
    actor: Actor,
    row: DsarRow,
    redactionId: string,
    redacted: boolean,
    reason: string,
  ): Promise<void> {
    assertReviewable(row);
    await this.transactions.run(async (tx) => {
      const changed = await this.redactions.decide(tx, row.id, redactionId, redacted, reason, actor.userId);
      if (!changed) throw DomainError.notFound('Redaction');
      await this.audit.record(tx, {
        actor,
        action: 'dsar.redaction',
        subjectPersonId: row.subject_person_id,
        target: { type: 'dsar_redaction', id: redactionId },
        reason,
        details: { dsarId: row.id, redacted },
      });
    });
  }
}

function assertReviewable(row: DsarRow): void {
  if (row.status !== 'in_review') {
    throw new DomainError(
      DomainErrorCode.InvalidState,
      `status: the request is ${row.status}; items can be reviewed only while it is in review`,
    );
  }
}

/** An attachment's title ends with its file name: shown to staff as their own field policy allows. */
function titleFor(l: LoadedItem, policy: FieldPolicy, viewer: Actor): string {
  const name = l.storedFileName;
  if (l.row.item_type !== 'attachment' || !name || !l.ticketReference) return l.title;
  const shown = fileNameFor({ id: l.row.source_id, fileName: name }, policy, viewer.role, false);
  return attachmentTitle(l.ticketReference, shown);
}

/** An item whose source was deleted since the collection (e.g. by retention). */
function gone(r: ItemRow): DsarItemDto {
  return {
    id: r.id,
    type: r.item_type,
    sourceId: r.source_id,
    ticketId: r.ticket_id,
    ticketReference: null,
    foundBy: r.found_by,
    title: 'No longer held (deleted since the collection)',
    at: r.at?.toISOString() ?? null,
    segments: [],
    excluded: null,
  };
}
