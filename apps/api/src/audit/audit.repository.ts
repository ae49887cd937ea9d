import { Injectable } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import { SqlParams } from '../database/sql-params';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** An entry of `audit_log` as stored. */
export interface AuditRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_role: Role | null;
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

/** An expiry checkpoint, with the role of whoever had set the retention in force. */
export interface CheckpointRow {
  created_at: Date;
  entries_removed: number;
  up_to_seq: string;
  older_than: Date | null;
  retention_days: number | null;
  policy_set_by_id: string | null;
  role: Role | null;
  policy_set_at: Date | null;
}

export interface AuditFilter {
  actorId?: string;
  subjectPersonId?: string;
  action?: string;
  from?: string;
  to?: string;
  /** Keyset: entries before this sequence number. */
  beforeSeq?: string | number;
  limit: number;
}

// Serialises appends across every instance, so each entry chains onto exactly one predecessor.
const CHAIN_LOCK = 74_198_303;

/** The hash-chained audit trail (`audit_log`) and its expiry checkpoints (`audit_checkpoints`). */
@Injectable()
export class AuditRepository extends SqlRepository {
  /** Holds the chain until `tx` ends: appends and expiries take turns. */
  async lockChain(tx: Tx): Promise<void> {
    await this.query('SELECT pg_advisory_xact_lock($1)', [CHAIN_LOCK], tx);
  }

  async lastHash(tx: Tx): Promise<string | undefined> {
    const [last] = await this.query<{ hash: string }>(
      'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1',
      [],
      tx,
    );
    return last?.hash;
  }

  async append(tx: Tx, row: Omit<AuditRow, 'seq'>): Promise<void> {
    await this.query(
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
        row.prev_hash,
        row.hash,
      ],
      tx,
    );
  }

  /** Newest first, one more than `limit` (to tell whether there is a next page). */
  list(filter: AuditFilter): Promise<AuditRow[]> {
    const p = new SqlParams();
    const where: string[] = [];
    if (filter.actorId) where.push(`actor_id = ${p.add(filter.actorId)}`);
    if (filter.subjectPersonId) where.push(`subject_person_id = ${p.add(filter.subjectPersonId)}`);
    if (filter.action) where.push(`action = ${p.add(filter.action)}`);
    if (filter.from) where.push(`at >= ${p.add(filter.from)}`);
    if (filter.to) where.push(`at < ${p.add(filter.to)}`);
    if (filter.beforeSeq) where.push(`seq < ${p.add(filter.beforeSeq)}`);
    return this.query<AuditRow>(
      `SELECT seq, at, actor_id, actor_role, action, subject_person_id, target_type, target_id, fields, reason,
              details, prev_hash, hash
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY seq DESC LIMIT ${p.add(filter.limit + 1)}`,
      p.values,
    );
  }

  /** The newest entry written before `before`: the last one an expiry removes. */
  async lastOlderThan(tx: Tx, before: Date): Promise<{ seq: string; hash: string } | undefined> {
    const [last] = await this.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM audit_log WHERE at < $1 ORDER BY seq DESC LIMIT 1',
      [before],
      tx,
    );
    return last;
  }

  async countUpTo(tx: Tx, seq: string): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE seq <= $1',
      [seq],
      tx,
    );
    return n;
  }

  /** Removes the chain's prefix up to `seq`. */
  async removeUpTo(tx: Tx, seq: string): Promise<void> {
    // The trigger lets DELETE through only with this flag, set for this transaction alone.
    await this.query("SELECT set_config('hushdesk.audit_expiry', 'on', true)", [], tx);
    await this.query('DELETE FROM audit_log WHERE seq <= $1', [seq], tx);
    await this.query("SELECT set_config('hushdesk.audit_expiry', 'off', true)", [], tx);
  }

  async addCheckpoint(
    tx: Tx,
    c: {
      upToSeq: string;
      lastHash: string;
      removed: number;
      olderThan: Date;
      retentionDays: number | null;
      setById: string | null;
      setAt: Date | null;
    },
  ): Promise<void> {
    await this.query(
      `INSERT INTO audit_checkpoints (up_to_seq, last_hash, entries_removed, older_than, retention_days,
           policy_set_by_id, policy_set_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [c.upToSeq, c.lastHash, c.removed, c.olderThan, c.retentionDays, c.setById, c.setAt],
      tx,
    );
  }

  /** Every checkpoint, oldest first. */
  checkpoints(): Promise<CheckpointRow[]> {
    return this.query<CheckpointRow>(
      `SELECT c.created_at, c.entries_removed, c.up_to_seq, c.older_than, c.retention_days, c.policy_set_by_id,
              u.role, c.policy_set_at
         FROM audit_checkpoints c LEFT JOIN users u ON u.id = c.policy_set_by_id
        ORDER BY c.up_to_seq`,
    );
  }

  async latestCheckpoint(): Promise<{ up_to_seq: string; last_hash: string } | undefined> {
    const [checkpoint] = await this.query<{ up_to_seq: string; last_hash: string }>(
      'SELECT up_to_seq, last_hash FROM audit_checkpoints ORDER BY up_to_seq DESC LIMIT 1',
    );
    return checkpoint;
  }

  /** The next batch of the chain after `afterSeq`, in order. */
  chainAfter(afterSeq: string): Promise<AuditRow[]> {
    return this.query<AuditRow>(
      `SELECT seq, at, actor_id, actor_role, action, subject_person_id, target_type, target_id, fields, reason,
                details, prev_hash, hash
           FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000`,
      [afterSeq],
    );
  }

  async countOlderThan(before: Date): Promise<number> {
    const [{ n }] = await this.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE at < $1',
      [before],
    );
    return n;
  }

  /** An account's call-log imports in the last hour, and when the oldest of them was. */
  async importsInLastHour(tx: Tx, actorId: string): Promise<{ n: number; oldest: Date | null }> {
    const [row] = await this.query<{ n: number; oldest: Date | null }>(
      `SELECT count(*)::int AS n, min(at) AS oldest FROM audit_log
          WHERE actor_id = $1 AND action = 'recording.import' AND at > now() - interval '1 hour'`,
      [actorId],
      tx,
    );
    return row;
  }
}
