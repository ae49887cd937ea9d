import type { TicketStatus } from '@hushdesk/ticketing';
import type { SlaClockService } from '../sla/sla-clock.service';
import { slaColumns } from '../sla/sla-clock.service';
import type { UpdateTicketDto } from './dto/ticket.dto';
import type { HistoryChange } from './ticket-history.repository';
import { slaFieldsOf, type TicketRow } from './ticket-rows';

/** What a change does to one ticket: its columns to write (SLA clocks included) and its history. */
export interface PlannedChange {
  columns: Record<string, unknown>;
  history: HistoryChange[];
  /** The status it moves to, when it moves. */
  status?: TicketStatus;
}

/**
 * The columns and history of applying `input` to the ticket as it is (`before`), or null when it
 * changes nothing. One ticket's PATCH, its undo and every ticket of a bulk change are planned here,
 * so they write the same columns and the same history. `checkTransition` throws when the workflow
 * refuses the status change (an undo passes a check that allows everything).
 */
export function planChange(
  before: TicketRow,
  input: UpdateTicketDto,
  now: Date,
  sla: SlaClockService,
  checkTransition: (from: TicketStatus, to: TicketStatus) => void,
): PlannedChange | null {
  const changes: Record<string, unknown> = {};
  const history: HistoryChange[] = [];

  if (input.status !== undefined && input.status !== before.status) {
    checkTransition(before.status, input.status);
    changes.status = input.status;
    history.push(['status', before.status, input.status]);
    if (input.status === 'resolved') changes.resolved_at = now;
    else if (before.status === 'resolved') changes.resolved_at = null;
    if (input.status === 'closed') changes.closed_at = now;
    else if (before.status === 'closed') changes.closed_at = null;
  }
  if (input.priority !== undefined && input.priority !== before.priority) {
    changes.priority = input.priority;
    history.push(['priority', before.priority, input.priority]);
  }
  if (input.assigneeId !== undefined && input.assigneeId !== before.assignee_id) {
    changes.assignee_id = input.assigneeId;
    history.push(['assignee', before.assignee_id, input.assigneeId]);
  }
  if (input.groupId !== undefined && input.groupId !== before.group_id) {
    changes.group_id = input.groupId;
    history.push(['group', before.group_id, input.groupId]);
  }
  if (input.tags !== undefined && JSON.stringify(input.tags) !== JSON.stringify(before.tags)) {
    changes.tags = input.tags;
    history.push(['tags', before.tags.join(', ') || null, input.tags.join(', ') || null]);
  }
  if (!history.length) return null;

  const clocks = sla.apply(
    slaFieldsOf(before),
    {
      ...(changes.status ? { status: changes.status as TicketStatus } : {}),
      ...(changes.priority ? { priority: input.priority } : {}),
    },
    now,
  );
  return {
    columns: { ...changes, ...slaColumns(clocks) },
    history,
    ...(changes.status ? { status: changes.status as TicketStatus } : {}),
  };
}
