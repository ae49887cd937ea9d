import { Injectable } from '@nestjs/common';
import type { SlaClockName, SlaWarningKind } from '@hushdesk/contracts';
import { SqlRepository } from '../database/sql-repository';

/** One warning as stored, with its ticket's reference (ids and times only). */
export interface SlaWarningRow {
  id: string;
  ticketId: string;
  reference: string;
  clock: SlaClockName;
  kind: SlaWarningKind;
  dueAt: Date;
  assigneeId: string | null;
  createdAt: Date;
}

/** A crossing older than this is not warned about any more (a job stopped for days, a first run). */
const LOOKBACK = '1 day';

const COLUMNS = `w.id, w.ticket_id AS "ticketId", t.reference, w.clock, w.kind, w.due_at AS "dueAt",
  w.assignee_id AS "assigneeId", w.created_at AS "createdAt"`;

/** Every statement on `sla_warnings`. */
@Injectable()
export class SlaWarningsRepository extends SqlRepository {
  /**
   * Records a warning for each running clock that crossed its at-risk point (still before its
   * deadline) or its deadline, and returns only the rows this call inserted: a crossing already
   * recorded, by an earlier run or by another host at the same time, comes back from nobody twice.
   */
  recordCrossings(): Promise<SlaWarningRow[]> {
    return this.query<SlaWarningRow>(
      `WITH crossed AS (
         SELECT t.id, t.first_responded_at, t.next_due_at, t.assignee_id, 'atRisk' AS kind
           FROM tickets t
          WHERE t.next_at_risk_at IS NOT NULL
            AND t.next_at_risk_at <= now() AND t.next_at_risk_at > now() - interval '${LOOKBACK}'
            AND t.next_due_at > now()
         UNION ALL
         SELECT t.id, t.first_responded_at, t.next_due_at, t.assignee_id, 'breached'
           FROM tickets t
          WHERE COALESCE(t.next_due_at, 'infinity'::timestamptz) <= now()
            AND COALESCE(t.next_due_at, 'infinity'::timestamptz) > now() - interval '${LOOKBACK}'
       ), w AS (
         INSERT INTO sla_warnings (ticket_id, clock, kind, due_at, assignee_id)
         SELECT c.id, CASE WHEN c.first_responded_at IS NULL THEN 'firstResponse' ELSE 'resolution' END,
                c.kind, c.next_due_at, c.assignee_id
           FROM crossed c
         ON CONFLICT (ticket_id, clock, kind, due_at) DO NOTHING
         RETURNING *
       )
       SELECT ${COLUMNS} FROM w JOIN tickets t ON t.id = w.ticket_id
        ORDER BY w.due_at, w.id`,
    );
  }

  /**
   * The caller's recent warnings, newest first: those about tickets assigned to them and, for an
   * engineer, those about unassigned tickets, which went to every engineer.
   */
  recentFor(userId: string, includeUnassigned: boolean, limit: number): Promise<SlaWarningRow[]> {
    return this.query<SlaWarningRow>(
      `SELECT ${COLUMNS}
         FROM sla_warnings w JOIN tickets t ON t.id = w.ticket_id
        WHERE w.assignee_id = $1 OR ($2::boolean AND w.assignee_id IS NULL)
        ORDER BY w.created_at DESC, w.id DESC
        LIMIT $3`,
      [userId, includeUnassigned, limit],
    );
  }
}
