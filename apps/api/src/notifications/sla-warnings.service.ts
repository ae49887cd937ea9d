import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { TicketEvents } from '../realtime/ticket-events.service';
import { formatReference } from '../tickets/ticket-rows';
import type { SlaWarningDto, SlaWarningListDto } from './dto/sla-warning.dto';
import { SlaWarningsRepository, type SlaWarningRow } from './sla-warnings.repository';

export const SLA_WARNINGS_LIMIT = 50;

function toDto(row: SlaWarningRow): SlaWarningDto {
  return {
    id: row.id,
    ticketId: row.ticketId,
    reference: formatReference(row.reference),
    clock: row.clock,
    kind: row.kind,
    dueAt: new Date(row.dueAt).toISOString(),
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/**
 * Warns in the app before an SLA breach (at the ticket's at-risk point) and when it happens: the
 * assignee and the members of the ticket's group; every engineer when it has neither.
 */
@Injectable()
export class SlaWarningsService {
  constructor(
    private readonly warnings: SlaWarningsRepository,
    private readonly events: TicketEvents,
  ) {}

  /** One pass of the job: records the new crossings, then announces each, once. */
  async warnNewCrossings(): Promise<{ warned: number }> {
    const rows = await this.warnings.recordCrossings();
    for (const row of rows) {
      this.events.slaWarning(toDto(row), {
        userIds: [...new Set([...(row.assigneeId ? [row.assigneeId] : []), ...row.memberIds])],
        everyEngineer: row.toAllEngineers,
      });
    }
    return { warned: rows.length };
  }

  async recent(actor: Actor): Promise<SlaWarningListDto> {
    const rows = await this.warnings.recentFor(actor.userId, actor.role === 'engineer', SLA_WARNINGS_LIMIT);
    return { items: rows.map(toDto) };
  }
}
