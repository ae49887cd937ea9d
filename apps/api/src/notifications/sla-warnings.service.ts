import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { TicketEvents } from '../realtime/ticket-events.service';
import { formatReference } from '../tickets/ticket-rows';
import type {
  ListedSlaWarningDto,
  SlaWarningDto,
  SlaWarningListDto,
  SlaWarningsReadDto,
} from './dto/sla-warning.dto';
import { SlaWarningsRepository, type ReadSlaWarningRow, type SlaWarningRow } from './sla-warnings.repository';

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

function toListedDto(row: ReadSlaWarningRow): ListedSlaWarningDto {
  return { ...toDto(row), read: row.read };
}

/** Only engineers get the warnings that went to every engineer (an admin is not on the queue). */
const everyEngineer = (actor: Actor) => actor.role === 'engineer';

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
    const [rows, unread] = await Promise.all([
      this.warnings.recentFor(actor.userId, everyEngineer(actor), SLA_WARNINGS_LIMIT),
      this.warnings.unreadCountFor(actor.userId, everyEngineer(actor)),
    ]);
    return { items: rows.map(toListedDto), unread };
  }

  /** Marks the named warnings (or all) of the caller's read; others' ids change nothing. */
  async markRead(actor: Actor, ids: string[] | undefined): Promise<SlaWarningsReadDto> {
    await this.warnings.markRead(actor.userId, everyEngineer(actor), ids ? [...new Set(ids)] : null);
    return { unread: await this.warnings.unreadCountFor(actor.userId, everyEngineer(actor)) };
  }
}
