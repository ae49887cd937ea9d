import { Injectable } from '@nestjs/common';
import { GENESIS_HASH, linkHash, scrubIdentifiers, verifyChain, type ChainLink } from '@hushdesk/privacy';
import type { Actor } from '../common/auth/actor';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { PersonPrivacyRepository } from '../people/person-privacy.repository';
import { nameCandidates } from '../privacy/identifier-index.service';
import { scrubOnly } from '../privacy/text-scrub';
import { AuditRepository, type AuditRow } from './audit.repository';
import type { AuditQueryDto } from './dto/audit.dto';
import type { AuditEntryPageDto, AuditExpiryDto, AuditVerificationDto } from './dto/audit-entry.dto';

/** The actions the trail records. Add here first, so every writer uses the same words. */
export type AuditAction =
  | 'person.read'
  | 'person.reveal'
  | 'person.update'
  | 'policy.update'
  | 'policy.purge'
  | 'retention.fields'
  | 'suppression.add'
  | 'message.redact'
  | 'ticket.share_safe_copy'
  | 'ticket.merge'
  | 'ticket.bulk_update'
  | 'ticket.bulk_undo'
  | 'tag.rename'
  | 'tag.remove'
  | 'index.rebuild'
  | 'recording.hold'
  | 'recording.release'
  | 'recording.import'
  | 'recording.search'
  | 'retention.policy'
  | 'retention.run'
  | 'audit.expire'
  | 'dsar.create'
  | 'dsar.evidence'
  | 'dsar.verify'
  | 'dsar.pause'
  | 'dsar.resume'
  | 'dsar.reject'
  | 'dsar.extend'
  | 'dsar.collect'
  | 'dsar.subject'
  | 'dsar.exclude'
  | 'dsar.include'
  | 'dsar.redaction'
  | 'dsar.export'
  | 'dsar.release'
  | 'dsar.download'
  | 'dsar.download_code'
  | 'dsar.erase'
  | 'dsar.rectify'
  | 'dsar.restrict'
  | 'dsar.lift_restriction'
  | 'dsar.object'
  | 'dsar.complete'
  | 'settings.controller'
  | 'settings.sla'
  | 'mailbox.create'
  | 'mailbox.update'
  | 'mailbox.delete'
  | 'blob.missing'
  | 'user.update'
  | 'user.password_reset'
  | 'organisation.update'
  | 'organisation.delete'
  | 'group.create'
  | 'group.update'
  | 'group.delete'
  | 'group.members';

export interface AuditInput {
  actor: Pick<Actor, 'userId' | 'role'> | null;
  action: AuditAction;
  subjectPersonId?: string | null;
  target?: { type: string; id: string };
  fields?: string[];
  reason?: string | null;
  details?: Record<string, unknown>;
}

/** The retention that made entries expire, and who had set it when (null: the default). */
export interface ExpiryPolicy {
  retentionDays: number | null;
  setById: string | null;
  setAt: Date | null;
}
const NO_POLICY: ExpiryPolicy = { retentionDays: null, setById: null, setAt: null };

/** What the hash covers: everything in the entry except its own hash and sequence number. */
function payloadOf(r: Omit<AuditRow, 'seq' | 'hash' | 'prev_hash'>): Record<string, unknown> {
  return {
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    subjectPersonId: r.subject_person_id,
    targetType: r.target_type,
    targetId: r.target_id,
    fields: r.fields,
    reason: r.reason,
    details: r.details,
  };
}

@Injectable()
export class AuditService {
  constructor(
    private readonly transactions: Transactions,
    private readonly entries: AuditRepository,
    private readonly people: PersonPrivacyRepository,
  ) {}

  /**
   * The actor's words, with emails and phone numbers masked and known people's names replaced: the
   * trail is append-only, so nothing personal may go into it that an erasure would have to remove.
   */
  private async scrubReason(tx: Tx, reason: string): Promise<string> {
    const masked = scrubIdentifiers(reason);
    const candidates = nameCandidates(masked);
    if (!candidates.length) return masked;
    const known = await this.people.knownNameKeys(candidates, tx);
    if (!known.length) return masked;
    return scrubOnly(masked, {
      emails: new Set(),
      phones: new Set(),
      nameKeys: new Set(known),
    }).text;
  }

  /**
   * Appends an entry inside the caller's transaction, so the entry exists exactly when the audited
   * change does. The reason is the actor's own words; emails and phone numbers in it are masked.
   */
  async record(tx: Tx, input: AuditInput): Promise<void> {
    // Scrubbed before the chain lock, so a name lookup never holds up other writers.
    const reason = input.reason ? await this.scrubReason(tx, input.reason) : null;
    await this.entries.lockChain(tx);
    const last = await this.entries.lastHash(tx);
    const row = {
      at: new Date(),
      actor_id: input.actor?.userId ?? null,
      actor_role: input.actor?.role ?? null,
      action: input.action,
      subject_person_id: input.subjectPersonId ?? null,
      target_type: input.target?.type ?? null,
      target_id: input.target?.id ?? null,
      fields: input.fields ?? [],
      reason,
      details: input.details ?? {},
    };
    const prevHash: string = last ?? GENESIS_HASH;
    const hash = linkHash(prevHash, payloadOf(row));
    await this.entries.append(tx, { ...row, prev_hash: prevHash, hash });
  }

  /** Shorthand for an entry that is its own transaction (e.g. a read). */
  recordNow(input: AuditInput): Promise<void> {
    return this.transactions.run((tx) => this.record(tx, input));
  }

  async list(query: AuditQueryDto): Promise<AuditEntryPageDto> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, 1);
    const rows = await this.entries.list({
      actorId: query.actorId,
      subjectPersonId: query.subjectPersonId,
      action: query.action,
      from: query.from,
      to: query.to,
      beforeSeq: after?.[0],
      limit,
    });
    return toPage(
      rows,
      limit,
      (r) => ({
        seq: String(r.seq),
        at: r.at.toISOString(),
        actorId: r.actor_id,
        actorRole: r.actor_role,
        action: r.action,
        subjectPersonId: r.subject_person_id,
        targetType: r.target_type,
        targetId: r.target_id,
        fields: r.fields,
        reason: r.reason,
        details: r.details,
        hash: r.hash,
      }),
      (r) => [String(r.seq)],
    );
  }

  /**
   * Removes the entries older than `before`, which are past their retention. Only a prefix of the
   * chain goes, and a checkpoint keeps the last removed hash, so the rest still verifies. The
   * removal is itself audited, with the policy that caused it, which the checkpoint keeps for
   * verification to report. Returns how many entries were removed.
   */
  async expire(before: Date, policy: ExpiryPolicy = NO_POLICY): Promise<number> {
    return this.transactions.run(async (tx) => {
      await this.entries.lockChain(tx);
      const last = await this.entries.lastOlderThan(tx, before);
      if (!last) return 0;
      // Recorded first, so it chains onto the newest entry and survives the cut below.
      const removed = await this.entries.countUpTo(tx, last.seq);
      await this.record(tx, {
        actor: null,
        action: 'audit.expire',
        details: {
          removed,
          upToSeq: String(last.seq),
          olderThan: before.toISOString(),
          retentionDays: policy.retentionDays,
          setById: policy.setById,
          setAt: policy.setAt?.toISOString() ?? null,
        },
      });
      await this.entries.removeUpTo(tx, last.seq);
      await this.entries.addCheckpoint(tx, {
        upToSeq: last.seq,
        lastHash: last.hash,
        removed,
        olderThan: before,
        retentionDays: policy.retentionDays,
        setById: policy.setById,
        setAt: policy.setAt,
      });
      return removed;
    });
  }

  /** Every expiry so far, oldest first, with the policy in force and who had set it. */
  async expiries(): Promise<AuditExpiryDto[]> {
    const rows = await this.entries.checkpoints();
    return rows.map((r) => ({
      at: r.created_at.toISOString(),
      entries: r.entries_removed,
      upToSeq: String(r.up_to_seq),
      olderThan: r.older_than?.toISOString() ?? null,
      retentionDays: r.retention_days,
      setBy: r.policy_set_by_id ? { id: r.policy_set_by_id, role: r.role } : null,
      setAt: r.policy_set_at?.toISOString() ?? null,
    }));
  }

  /** How many entries are older than `before`: what a dry run of audit retention reports. */
  async countOlderThan(before: Date): Promise<number> {
    return this.entries.countOlderThan(before);
  }

  /**
   * Re-computes every link in order, in batches, from the newest checkpoint (or the start), and
   * names the first one that does not hold.
   */
  async verify(): Promise<AuditVerificationDto> {
    const result = await this.verifyChain();
    return { ...result, expiries: await this.expiries() };
  }

  private async verifyChain(): Promise<Omit<AuditVerificationDto, 'expiries'>> {
    const checkpoint = await this.entries.latestCheckpoint();
    let prevHash: string = checkpoint?.last_hash ?? GENESIS_HASH;
    let afterSeq: string = checkpoint ? String(checkpoint.up_to_seq) : '0';
    let checked = 0;
    for (;;) {
      const rows = await this.entries.chainAfter(afterSeq);
      if (!rows.length) return { ok: true, entries: checked, firstBroken: null };
      const links: ChainLink[] = rows.map((r) => ({
        seq: Number(r.seq),
        prevHash: r.prev_hash,
        hash: r.hash,
        payload: payloadOf(r),
      }));
      const result = verifyChain(links, prevHash);
      if (!result.ok)
        return { ok: false, entries: checked + result.checked, firstBroken: result.firstBroken };
      checked += rows.length;
      prevHash = rows[rows.length - 1].hash;
      afterSeq = rows[rows.length - 1].seq;
    }
  }

  /** An account's call-log imports in the last hour (for its hourly allowance), read in `tx`. */
  importsInLastHour(tx: Tx, actorId: string): Promise<{ n: number; oldest: Date | null }> {
    return this.entries.importsInLastHour(tx, actorId);
  }
}
