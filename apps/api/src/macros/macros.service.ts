import { Injectable } from '@nestjs/common';
import { unknownPlaceholders } from '@hushdesk/contracts';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import type { Tx } from '../database/tx';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { TicketsService } from '../tickets/tickets.service';
import { UsersRepository } from '../users/users.repository';
import type {
  AppliedMacroDto,
  CreateMacroDto,
  MacroActionsDto,
  MacroDto,
  UpdateMacroDto,
} from './dto/macro.dto';
import type { MacroActions } from './macro.entity';
import { expandPlaceholders, placeholderValues } from './macro-placeholders';
import { MacrosRepository, type MacroRow } from './macros.repository';

/** The reply box lists at most this many; typing narrows it. */
const LIST_LIMIT = 200;

/** Only the changes a macro set, in the shape `PATCH /api/tickets/:id` takes. */
function actionsOf(input: MacroActionsDto | undefined): MacroActions {
  const out: MacroActions = {};
  if (!input) return out;
  if (input.status !== undefined) out.status = input.status;
  if (input.priority !== undefined) out.priority = input.priority;
  if (input.assigneeId !== undefined) out.assigneeId = input.assigneeId;
  if (input.groupId !== undefined) out.groupId = input.groupId;
  if (input.tags !== undefined) out.tags = input.tags;
  return out;
}

/**
 * Macros (canned replies): personal ones seen by their owner alone, shared ones seen by every
 * engineer and changed by admins. Applying one fills its placeholders from what the caller's own
 * ticket page shows and makes its ticket changes through `TicketsService.update`, the path of
 * `PATCH /api/tickets/:id` (one transaction, history, live event, mail).
 */
@Injectable()
export class MacrosService {
  constructor(
    private readonly macros: MacrosRepository,
    private readonly transactions: Transactions,
    private readonly tickets: TicketsService,
    private readonly users: UsersRepository,
    private readonly policies: FieldPoliciesService,
  ) {}

  async list(actor: Actor, q?: string): Promise<MacroDto[]> {
    const rows = await this.macros.visible(actor.userId, q?.trim() || undefined, LIST_LIMIT);
    return rows.map((r) => this.toDto(actor, r));
  }

  async create(actor: Actor, input: CreateMacroDto): Promise<MacroDto> {
    const shared = input.shared ?? false;
    if (shared && actor.role !== 'admin') {
      throw new DomainError(DomainErrorCode.Forbidden, 'Only admins create shared macros');
    }
    this.assertPlaceholders(input.body);
    const row = await this.transactions.run((tx) =>
      this.macros.insert(tx, {
        ownerId: shared ? null : actor.userId,
        title: input.title,
        body: input.body,
        actions: actionsOf(input.actions),
      }),
    );
    return this.toDto(actor, row);
  }

  async update(actor: Actor, id: string, input: UpdateMacroDto): Promise<MacroDto> {
    if (input.body !== undefined) this.assertPlaceholders(input.body);
    const row = await this.transactions.run(async (tx) => {
      const before = await this.editable(actor, id, tx);
      return this.macros.update(tx, id, {
        title: input.title ?? before.title,
        body: input.body ?? before.body,
        actions: input.actions !== undefined ? actionsOf(input.actions) : before.actions,
      });
    });
    return this.toDto(actor, row);
  }

  async delete(actor: Actor, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.editable(actor, id, tx);
      await this.macros.delete(tx, id);
    });
  }

  /**
   * The macro's text for this ticket, with its ticket changes made. The placeholders are filled
   * from the caller's view of the ticket after the change (`GET /api/tickets/:id` for them), so
   * a field their policy masks stays masked and a hidden one is never read.
   */
  async apply(actor: Actor, id: string, ticketId: string): Promise<AppliedMacroDto> {
    const macro = await this.macros.findVisible(actor.userId, id);
    if (!macro) throw DomainError.notFound('Macro');
    const changes = macro.actions as MacroActionsDto;
    const ticket = Object.keys(changes).length
      ? await this.tickets.update(actor, ticketId, changes)
      : await this.tickets.get(actor, ticketId);
    const [me, names] = await Promise.all([this.users.findById(actor.userId), this.policies.names(actor)]);
    const values = placeholderValues(ticket, names.of(me?.full_name ?? null, actor.userId));
    const { text, withheld } = expandPlaceholders(macro.body, values);
    return { body: text, withheld, ticket };
  }

  /** The macro locked for a change, if the caller may change it; otherwise 404 or 403. */
  private async editable(actor: Actor, id: string, tx: Tx): Promise<MacroRow> {
    const row = await this.macros.findVisible(actor.userId, id, tx);
    // Someone else's personal macro is not found, exactly like a missing id.
    if (!row) throw DomainError.notFound('Macro');
    if (!this.mayEdit(actor, row)) {
      throw new DomainError(DomainErrorCode.Forbidden, 'Only admins change shared macros');
    }
    return row;
  }

  private mayEdit(actor: Actor, row: MacroRow): boolean {
    return row.owner_id === null ? actor.role === 'admin' : row.owner_id === actor.userId;
  }

  private assertPlaceholders(body: string): void {
    const unknown = unknownPlaceholders(body);
    if (unknown.length) {
      throw DomainError.invalidField(
        'body',
        `has unknown placeholders: ${unknown.map((u) => `{{${u}}}`).join(', ')}`,
      );
    }
  }

  private toDto(actor: Actor, r: MacroRow): MacroDto {
    return {
      id: r.id,
      title: r.title,
      body: r.body,
      shared: r.owner_id === null,
      editable: this.mayEdit(actor, r),
      actions: r.actions as MacroActionsDto,
      updatedAt: r.updated_at.toISOString(),
    };
  }
}
