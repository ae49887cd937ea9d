import { Injectable } from '@nestjs/common';
import type { Page } from '@hushdesk/contracts';
import { GENESIS_HASH, linkHash, scrubIdentifiers, verifyChain, type ChainLink } from '@hushdesk/privacy';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { decodeCursor, toPage } from '../common/pagination/keyset';
import { SqlParams } from '../database/sql-params';
import { nameCandidates } from '../privacy/identifier-index.service';
import { scrubOnly } from '../privacy/text-scrub';
import type { AuditQueryDto } from './dto/audit.dto';

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
  | 'settings.controller';

export interface AuditInput {
  actor: Pick<Actor, 'userId' | 'role'> | null;
  action: AuditAction;
  subjectPersonId?: string | null;
  target?: { type: string; id: string };
  fields?: string[];
  reason?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditEntry {
  seq: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectPersonId: string | null;
  targetType: string | null;
  targetId: string | null;
  fields: string[];
  reason: string | null;
  details: Record<string, unknown>;
  hash: string;
}

interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_person_id: string | null;
  target_type: string | null;
  target_id: string | null;
  fields: string[];
  reason: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** The retention that made entries expire, and who had set it when (null: the default). */
export interface ExpiryPolicy {
  retentionDays: number | null;
  setById: string | null;
  setAt: Date | null;
}
const NO_POLICY: ExpiryPolicy = { retentionDays: null, setById: null, setAt: null };

/** The chain re-computed, and every expiry that shortened it, with the policy that caused it. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  firstBroken: { seq: number; reason: string } | null;
  expiries: AuditExpiry[];
}

/** One expiry as verification reports it. */
export interface AuditExpiry {
  /** When the entries were removed. */
  at: string;
  entries: number;
  /** The chain now starts after this sequence number. */
  upToSeq: string;
  /** Entries written before this went; null for expiries made before this was recorded. */
  olderThan: string | null;
  retentionDays: number | null;
  /** Who had set the retention in force (null: the product default or a migration). */
  setBy: { id: string; role: string | null } | null;
  setAt: string | null;
}

// Serialises appends across every instance, so each entry chains onto exactly one predecessor.
const CHAIN_LOCK = 74_198_303;

/**
 * The actor's words, with emails and phone numbers masked and known people's names replaced: the
 * trail is append-only, so nothing personal may go into it that an erasure would have to remove.
 */
async function scrubReason(manager: EntityManager, reason: string): Promise<string> {
  const masked = scrubIdentifiers(reason);
  const candidates = nameCandidates(masked);
  if (!candidates.length) return masked;
  const rows: { name_key: string }[] = await manager.query(
    'SELECT DISTINCT name_key FROM people WHERE name_key = ANY($1)',
    [candidates],
  );
  if (!rows.length) return masked;
  return scrubOnly(masked, {
    emails: new Set(),
    phones: new Set(),
    nameKeys: new Set(rows.map((r) => r.name_key)),
  }).text;
}

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
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends an entry inside the caller's transaction, so the entry exists exactly when the audited
   * change does. The reason is the actor's own words; emails and phone numbers in it are masked.
   */
  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    // Scrubbed before the chain lock, so a name lookup never holds up other writers.
    const reason = input.reason ? await scrubReason(manager, input.reason) : null;
    await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
    const [last] = await manager.query('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
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
    const prevHash: string = last?.hash ?? GENESIS_HASH;
    const hash = linkHash(prevHash, payloadOf(row));
    await manager.query(
      `INSERT INTO audit_log (at, actor_id, actor_role, action, subject_person_id, target_type, target_id, fields,
         reason, details, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        row.at,
        row.actor_id,
        row.actor_role,
        row.action,
        row.subject_person_id,
        row.target_type,
        row.target_id,
        row.fields,
        row.reason,
        row.details,
        prevHash,
        hash,
      ],
    );
  }

  /** Shorthand for an entry that is its own transaction (e.g. a read). */
  recordNow(input: AuditInput): Promise<void> {
    return this.dataSource.transaction((manager) => this.record(manager, input));
  }

  async list(query: AuditQueryDto): Promise<Page<AuditEntry>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, 1);
    const p = new SqlParams();
    const where: string[] = [];
    if (query.actorId) where.push(`actor_id = ${p.add(query.actorId)}`);
    if (query.subjectPersonId) where.push(`subject_person_id = ${p.add(query.subjectPersonId)}`);
    if (query.action) where.push(`action = ${p.add(query.action)}`);
    if (query.from) where.push(`at >= ${p.add(query.from)}`);
    if (query.to) where.push(`at < ${p.add(query.to)}`);
    if (after) where.push(`seq < ${p.add(after[0])}`);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT seq, at, actor_id, actor_role, action, subject_person_id, target_type, target_id, fields, reason,
              details, prev_hash, hash
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY seq DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
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
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const [last] = await manager.query(
        'SELECT seq, hash FROM audit_log WHERE at < $1 ORDER BY seq DESC LIMIT 1',
        [before],
      );
      if (!last) return 0;
      // Recorded first, so it chains onto the newest entry and survives the cut below.
      const [{ n: removed }] = await manager.query(
        'SELECT count(*)::int AS n FROM audit_log WHERE seq <= $1',
        [last.seq],
      );
      await this.record(manager, {
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
      // The trigger lets DELETE through only with this flag, set for this transaction alone.
      await manager.query("SELECT set_config('hushdesk.audit_expiry', 'on', true)");
      await manager.query('DELETE FROM audit_log WHERE seq <= $1', [last.seq]);
      await manager.query("SELECT set_config('hushdesk.audit_expiry', 'off', true)");
      await manager.query(
        `INSERT INTO audit_checkpoints (up_to_seq, last_hash, entries_removed, older_than, retention_days,
           policy_set_by_id, policy_set_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [last.seq, last.hash, removed, before, policy.retentionDays, policy.setById, policy.setAt],
      );
      return removed;
    });
  }

  /** Every expiry so far, oldest first, with the policy in force and who had set it. */
  async expiries(): Promise<AuditExpiry[]> {
    const rows: {
      created_at: Date;
      entries_removed: number;
      up_to_seq: string;
      older_than: Date | null;
      retention_days: number | null;
      policy_set_by_id: string | null;
      role: string | null;
      policy_set_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT c.created_at, c.entries_removed, c.up_to_seq, c.older_than, c.retention_days, c.policy_set_by_id,
              u.role, c.policy_set_at
         FROM audit_checkpoints c LEFT JOIN users u ON u.id = c.policy_set_by_id
        ORDER BY c.up_to_seq`,
    );
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
    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM audit_log WHERE at < $1', [
      before,
    ]);
    return n;
  }

  /**
   * Re-computes every link in order, in batches, from the newest checkpoint (or the start), and
   * names the first one that does not hold.
   */
  async verify(): Promise<AuditVerification> {
    const result = await this.verifyChain();
    return { ...result, expiries: await this.expiries() };
  }

  private async verifyChain(): Promise<Omit<AuditVerification, 'expiries'>> {
    const [checkpoint] = await this.dataSource.query(
      'SELECT up_to_seq, last_hash FROM audit_checkpoints ORDER BY up_to_seq DESC LIMIT 1',
    );
    let prevHash: string = checkpoint?.last_hash ?? GENESIS_HASH;
    let afterSeq: string = checkpoint ? String(checkpoint.up_to_seq) : '0';
    let checked = 0;
    for (;;) {
      const rows: AuditRow[] = await this.dataSource.query(
        `SELECT seq, at, actor_id, actor_role, action, subject_person_id, target_type, target_id, fields, reason,
                details, prev_hash, hash
           FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000`,
        [afterSeq],
      );
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
}
