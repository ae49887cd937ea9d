import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import { GroupsRepository } from '../groups/groups.repository';
import { COUNTS_LIMIT, TicketsRepository } from '../tickets/tickets.repository';
import type { CreateViewDto, UpdateViewDto, ViewDto, ViewFiltersDto } from './dto/view.dto';
import type { ViewFilters } from './ticket-view.entity';
import { ViewsRepository, type ViewRow } from './views.repository';

/** Views one person may keep, and shared views in all: a left column, not a report builder. */
export const MAX_VIEWS = 30;

/** Only the filters a view knows, in a fixed order (the JSON stored holds nothing else). */
function filtersOf(f: ViewFiltersDto): ViewFilters {
  const out: ViewFilters = {};
  if (f.status) out.status = f.status;
  if (f.priority) out.priority = f.priority;
  if (f.assigneeId) out.assigneeId = f.assigneeId.toLowerCase();
  if (f.groupId) out.groupId = f.groupId;
  if (f.sla) out.sla = f.sla;
  return out;
}

function nameOf(input: string): string {
  const name = input.trim();
  if (!name) throw DomainError.invalidField('name', 'must not be blank');
  return name;
}

/**
 * Saved queue filters, personal or shared (admins share), each with the number of tickets the
 * caller may see that match: counted for the caller, so a view never shows more than its
 * viewer's own scope.
 */
@Injectable()
export class ViewsService {
  constructor(
    private readonly views: ViewsRepository,
    private readonly tickets: TicketsRepository,
    private readonly groups: GroupsRepository,
    private readonly transactions: Transactions,
  ) {}

  async list(actor: Actor): Promise<ViewDto[]> {
    const rows = await this.views.listFor(actor.userId);
    const counts = await this.tickets.countMatching(
      actor,
      rows.map((r) => r.filters),
      COUNTS_LIMIT,
    );
    return rows.map((r, i) => this.toDto(r, counts[i]));
  }

  async create(actor: Actor, input: CreateViewDto): Promise<ViewDto> {
    const shared = input.shared ?? false;
    if (shared && actor.role !== 'admin') {
      throw new DomainError(DomainErrorCode.Forbidden, 'Only an administrator can share a view.');
    }
    const filters = await this.checkedFilters(input.filters);
    const name = nameOf(input.name);
    const row = await this.transactions.run(async (tx) => {
      const [{ n }] = await this.views.countOwned(shared ? null : actor.userId, tx);
      if (n >= MAX_VIEWS) {
        throw new DomainError(
          DomainErrorCode.InvalidState,
          `There are already ${MAX_VIEWS} views; delete one first.`,
        );
      }
      return this.views.create(tx, shared ? null : actor.userId, name, filters);
    });
    const [count] = await this.tickets.countMatching(actor, [row.filters], COUNTS_LIMIT);
    return this.toDto(row, count);
  }

  /** A rename or new filters; who may is as for `delete`. */
  async update(actor: Actor, id: string, input: UpdateViewDto): Promise<ViewDto> {
    const before = await this.changeable(actor, id, 'change');
    const name = input.name !== undefined ? nameOf(input.name) : before.name;
    const filters = input.filters ? await this.checkedFilters(input.filters) : before.filters;
    const row = await this.views.update(id, before.owner_id, name, filters);
    // Deleted in the meantime.
    if (!row) throw DomainError.notFound('View');
    const [count] = await this.tickets.countMatching(actor, [row.filters], COUNTS_LIMIT);
    return this.toDto(row, count);
  }

  /** The owner deletes a personal view; an admin a shared one. Another's view is not found. */
  async delete(actor: Actor, id: string): Promise<void> {
    await this.changeable(actor, id, 'delete');
    await this.views.delete(id);
  }

  private async changeable(actor: Actor, id: string, verb: 'change' | 'delete'): Promise<ViewRow> {
    const row = await this.views.findFor(actor.userId, id);
    if (!row) throw DomainError.notFound('View');
    if (row.owner_id === null && actor.role !== 'admin') {
      throw new DomainError(DomainErrorCode.Forbidden, `Only an administrator can ${verb} a shared view.`);
    }
    return row;
  }

  private async checkedFilters(input: ViewFiltersDto): Promise<ViewFilters> {
    const filters = filtersOf(input);
    if (filters.groupId && !(await this.groups.exists(filters.groupId))) {
      throw DomainError.invalidField('filters.groupId', 'does not match a group');
    }
    return filters;
  }

  private toDto(r: ViewRow, count: number): ViewDto {
    return {
      id: r.id,
      name: r.name,
      shared: r.owner_id === null,
      filters: filtersOf(r.filters),
      count: Math.min(count, COUNTS_LIMIT),
      countAtLeast: count > COUNTS_LIMIT,
    };
  }
}
