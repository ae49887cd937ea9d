import { Injectable } from '@nestjs/common';
import type { SlaClockName, SlaWarningKind } from '@hushdesk/contracts';
import { SqlRepository } from '../database/sql-repository';
import { ACTIVE_MEMBERS } from '../groups/groups.repository';

/** One warning as stored, with its ticket's reference (ids and times only). */
export interface SlaWarningRow {
  id: string;
  ticketId: string;
  reference: string;
  clock: SlaClockName;
  kind: SlaWarningKind;
  dueAt: Date;
  assigneeId: string | null;
  groupId: string | null;
  toAllEngineers: boolean;
  createdAt: Date;
}

/** A warning as its reader sees it: with whether they have read it. */
export interface ReadSlaWarningRow extends SlaWarningRow {
  read: boolean;
}

/** A warning just recorded, with the members of its group it goes to (read in the same statement). */
export interface NewSlaWarningRow extends SlaWarningRow {
  memberIds: string[];
}

/** The user ids (or group ids) of the group members that count, where `where` holds. */
const members = (column: 'user_id' | 'group_id', where: string) =>
  `SELECT m.${column} FROM ${ACTIVE_MEMBERS} WHERE ${where}`;

/** A crossing older than this is not warned about any more (a job stopped for days, a first run). */
const LOOKBACK = '1 day';

const COLUMNS = `w.id, w.ticket_id AS "ticketId", t.reference, w.clock, w.kind, w.due_at AS "dueAt",
  w.assignee_id AS "assigneeId", w.group_id AS "groupId", w.to_all_engineers AS "toAllEngineers",
  w.created_at AS "createdAt"`;

/** The warnings the caller (`$1`, and `$2`: whether they are an engineer) gets, as `w`. */
const VISIBLE_TO_CALLER = `(w.assignee_id = $1
  OR ($2::boolean AND w.to_all_engineers)
  OR w.group_id IN (${members('group_id', 'm.user_id = $1')}))`;

/** Every statement on `sla_warnings` and `sla_warning_reads`. */
@Injectable()
export class SlaWarningsRepository extends SqlRepository {
  /**
   * Records a warning for each running clock that crossed its at-risk point (still before its
   * deadline) or its deadline, and returns only the rows this call inserted: a crossing already
   * recorded, by an earlier run or by another host at the same time, comes back from nobody twice.
   * Each row keeps the ticket's assignee and group, and whether it had neither (then every engineer
   * is warned); its group's members are read in the same statement, so the job sends each warning
   * to exactly the people the listing later shows it to.
   */
  recordCrossings(): Promise<NewSlaWarningRow[]> {
    return this.query<NewSlaWarningRow>(
      `WITH crossed AS (
         SELECT t.id, t.first_responded_at, t.next_due_at, t.assignee_id, t.group_id, 'atRisk' AS kind
           FROM tickets t
          WHERE t.next_at_risk_at IS NOT NULL
            AND t.next_at_risk_at <= now() AND t.next_at_risk_at > now() - interval '${LOOKBACK}'
            AND t.next_due_at > now()
         UNION ALL
         SELECT t.id, t.first_responded_at, t.next_due_at, t.assignee_id, t.group_id, 'breached'
           FROM tickets t
          WHERE COALESCE(t.next_due_at, 'infinity'::timestamptz) <= now()
            AND COALESCE(t.next_due_at, 'infinity'::timestamptz) > now() - interval '${LOOKBACK}'
       ), w AS (
         INSERT INTO sla_warnings (ticket_id, clock, kind, due_at, assignee_id, group_id, to_all_engineers)
         SELECT c.id, CASE WHEN c.first_responded_at IS NULL THEN 'firstResponse' ELSE 'resolution' END,
                c.kind, c.next_due_at, c.assignee_id, c.group_id,
                c.assignee_id IS NULL AND NOT EXISTS (${members('user_id', 'm.group_id = c.group_id')})
           FROM crossed c
         ON CONFLICT (ticket_id, clock, kind, due_at) DO NOTHING
         RETURNING *
       )
       SELECT ${COLUMNS},
              ARRAY(${members('user_id', 'm.group_id = w.group_id')} ORDER BY m.user_id) AS "memberIds"
         FROM w JOIN tickets t ON t.id = w.ticket_id
        ORDER BY w.due_at, w.id`,
    );
  }

  /**
   * The caller's recent warnings, newest first, each with whether they have read it: those about
   * tickets assigned to them, those that went to a group they are a member of and, for an
   * engineer, those that went to every engineer.
   */
  recentFor(userId: string, includeEveryEngineer: boolean, limit: number): Promise<ReadSlaWarningRow[]> {
    return this.query<ReadSlaWarningRow>(
      `SELECT ${COLUMNS},
              EXISTS (SELECT 1 FROM sla_warning_reads r WHERE r.warning_id = w.id AND r.user_id = $1) AS read
         FROM sla_warnings w JOIN tickets t ON t.id = w.ticket_id
        WHERE ${VISIBLE_TO_CALLER}
        ORDER BY w.created_at DESC, w.id DESC
        LIMIT $3`,
      [userId, includeEveryEngineer, limit],
    );
  }

  /** How many of the caller's warnings (all of them, not only the recent ones) they have not read. */
  async unreadCountFor(userId: string, includeEveryEngineer: boolean): Promise<number> {
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sla_warnings w
        WHERE ${VISIBLE_TO_CALLER}
          AND NOT EXISTS (SELECT 1 FROM sla_warning_reads r WHERE r.warning_id = w.id AND r.user_id = $1)`,
      [userId, includeEveryEngineer],
    );
    return row.n;
  }

  /**
   * Marks the caller's warnings read: those named, or all when `ids` is null. An id of a warning
   * the caller does not get is skipped like an unknown one, so the answer says nothing about it.
   */
  async markRead(userId: string, includeEveryEngineer: boolean, ids: string[] | null): Promise<number> {
    const rows = await this.query<{ n: number }>(
      `WITH marked AS (
         INSERT INTO sla_warning_reads (warning_id, user_id)
         SELECT w.id, $1 FROM sla_warnings w
          WHERE ${VISIBLE_TO_CALLER} AND ($3::uuid[] IS NULL OR w.id = ANY($3::uuid[]))
         ON CONFLICT (warning_id, user_id) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM marked`,
      [userId, includeEveryEngineer, ids],
    );
    return rows[0].n;
  }
}
