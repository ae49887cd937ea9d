import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { TicketHistoryRepository } from '../tickets/ticket-history.repository';
import type { GroupMembersDto, TicketGroupDto } from './dto/ticket-group.dto';
import { GroupsRepository } from './groups.repository';

const nameTaken = () =>
  new DomainError(DomainErrorCode.Conflict, 'name: a group with this name already exists', {
    fields: { name: ['a group with this name already exists'] },
  });

/**
 * The queues tickets can be routed to, and who works each: an admin creates, renames and deletes
 * them and sets their members, who are warned about the SLA clocks of the group's tickets.
 */
@Injectable()
export class GroupsService {
  constructor(
    private readonly groups: GroupsRepository,
    private readonly ticketHistory: TicketHistoryRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  /** Admins also see how many members each has; everyone else only what tickets can be routed to. */
  list(actor: Actor): Promise<TicketGroupDto[]> {
    return actor.role === 'admin' ? this.groups.listWithMemberCounts() : this.groups.list();
  }

  create(actor: Actor, name: string): Promise<TicketGroupDto> {
    return this.transactions.run(async (tx) => {
      if (await this.groups.nameTaken(tx, name)) throw nameTaken();
      const group = await this.groups.create(tx, name);
      if (!group) throw nameTaken();
      await this.audit.record(tx, {
        actor,
        action: 'group.create',
        target: { type: 'ticket_group', id: group.id },
        fields: ['name'],
      });
      return { ...group, memberCount: 0 };
    });
  }

  rename(actor: Actor, id: string, name: string): Promise<TicketGroupDto> {
    return this.transactions.run(async (tx) => {
      const before = await this.lockOr404(tx, id);
      if (name !== before.name) {
        if (await this.groups.nameTaken(tx, name, id)) throw nameTaken();
        await this.groups.rename(tx, id, name);
        await this.audit.record(tx, {
          actor,
          action: 'group.update',
          target: { type: 'ticket_group', id },
          fields: ['name'],
        });
      }
      return { id, name, memberCount: (await this.groups.activeMemberIds(id, tx)).length };
    });
  }

  /**
   * Only a group without open tickets goes (409 otherwise): deleting it would drop them out of the
   * queue its members watch, with nobody told. Its closed tickets lose the group in the same
   * transaction, each with a history entry, as a PATCH of the group records it.
   */
  async delete(actor: Actor, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.lockOr404(tx, id);
      const open = await this.groups.openTickets(tx, id);
      if (open > 0) {
        const them = open === 1 ? 'it' : 'them';
        throw DomainError.conflict(
          `This group still holds ${open} open ticket${open === 1 ? '' : 's'}; move ${them} to another group first.`,
        );
      }
      const now = new Date();
      const ticketIds = await this.groups.clearFromTickets(tx, id, now);
      await this.ticketHistory.recordMany(
        tx,
        actor.userId,
        ticketIds.map((ticketId) => ({ ticketId, change: ['group', id, null] })),
        now,
      );
      await this.groups.delete(tx, id);
      await this.audit.record(tx, {
        actor,
        action: 'group.delete',
        target: { type: 'ticket_group', id },
        details: { tickets: ticketIds.length },
      });
    });
  }

  async members(id: string): Promise<GroupMembersDto> {
    if (!(await this.groups.exists(id))) throw DomainError.notFound('Group');
    return { userIds: await this.groups.activeMemberIds(id) };
  }

  /** Replaces the members; only active engineers and admins may be one (400 naming `userIds`). */
  setMembers(actor: Actor, id: string, userIds: string[]): Promise<GroupMembersDto> {
    const wanted = [...new Set(userIds.map((u) => u.toLowerCase()))].sort();
    return this.transactions.run(async (tx) => {
      await this.lockOr404(tx, id);
      const refused = await this.groups.notMemberCapable(tx, wanted);
      if (refused.length) {
        throw DomainError.invalidField(
          'userIds',
          `must be active engineers or admins; these are not: ${refused.join(', ')}`,
        );
      }
      const before = await this.groups.memberIds(id, tx);
      const added = wanted.filter((u) => !before.includes(u));
      const removed = before.filter((u) => !wanted.includes(u));
      if (added.length || removed.length) {
        await this.groups.replaceMembers(tx, id, wanted);
        await this.audit.record(tx, {
          actor,
          action: 'group.members',
          target: { type: 'ticket_group', id },
          fields: ['members'],
          details: { added, removed },
        });
      }
      return { userIds: wanted };
    });
  }

  private async lockOr404(tx: Tx, id: string): Promise<TicketGroupDto> {
    const group = await this.groups.lock(tx, id);
    if (!group) throw DomainError.notFound('Group');
    return group;
  }
}
