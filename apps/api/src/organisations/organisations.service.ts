import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import {
  decodeCursor,
  DEFAULT_PAGE_SIZE,
  type Page,
  PageQueryDto,
  toPage,
} from '../common/pagination/keyset';
import { Transactions } from '../database/transactions';
import { OrganisationDto } from './dto/organisation.dto';
import { OrganisationsRepository } from './organisations.repository';

const NAME_TAKEN = 'An organisation with this name already exists';

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
  ) {}

  async create(name: string): Promise<OrganisationDto> {
    if (await this.organisations.nameTaken(name)) throw DomainError.conflict(NAME_TAKEN);
    return OrganisationDto.from(await this.organisations.create(name));
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(query: PageQueryDto): Promise<Page<OrganisationDto>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.organisations.list(decodeCursor(query.cursor, 2), limit);
    return toPage(rows, limit, OrganisationDto.from, (o) => [o.createdAt.toISOString(), o.id]);
  }

  /** Rename, or turn shared visibility of tickets on or off; audited with what changed. */
  /** `actor` null: the system (test fixtures, seeds). */
  async update(
    actor: Actor | null,
    id: string,
    input: { name?: string; sharedTicketVisibility?: boolean },
  ): Promise<OrganisationDto> {
    return this.transactions.run(async (tx) => {
      const before = await this.organisations.lock(tx, id);
      if (!before) throw DomainError.notFound('Organisation');
      const after = {
        name: input.name ?? before.name,
        sharedTicketVisibility: input.sharedTicketVisibility ?? before.shared_ticket_visibility,
      };
      if (after.sharedTicketVisibility && before.holds_email_contacts) {
        // Contacts filed here by the email channel are strangers to each other.
        throw DomainError.invalidField(
          'sharedTicketVisibility',
          'cannot be turned on for the organisation that holds email contacts',
        );
      }
      if (
        after.name.toLowerCase() !== before.name.toLowerCase() &&
        (await this.organisations.nameTaken(after.name, id))
      ) {
        throw DomainError.conflict(NAME_TAKEN);
      }
      const changed = [
        ...(after.name !== before.name ? ['name'] : []),
        ...(after.sharedTicketVisibility !== before.shared_ticket_visibility
          ? ['sharedTicketVisibility']
          : []),
      ];
      if (changed.length) {
        await this.organisations.update(tx, id, after);
        await this.audit.record(tx, {
          actor,
          action: 'organisation.update',
          target: { type: 'organisation', id },
          fields: changed,
          details: changed.includes('sharedTicketVisibility')
            ? { sharedTicketVisibility: after.sharedTicketVisibility }
            : {},
        });
      }
      return OrganisationDto.from({ ...after, id, createdAt: before.created_at });
    });
  }

  /** Only an empty organisation goes: one with accounts or tickets is a 409 saying which. */
  async delete(actor: Actor, id: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      if (!(await this.organisations.lock(tx, id))) throw DomainError.notFound('Organisation');
      const { has_users, has_tickets } = await this.organisations.usage(tx, id);
      if (has_users || has_tickets) {
        const what = [has_users ? 'user accounts' : null, has_tickets ? 'tickets' : null].filter(Boolean);
        throw DomainError.conflict(
          `This organisation still has ${what.join(' and ')}; only an empty organisation can be deleted`,
        );
      }
      await this.organisations.delete(tx, id);
      await this.audit.record(tx, {
        actor,
        action: 'organisation.delete',
        target: { type: 'organisation', id },
      });
    });
  }

  exists(id: string): Promise<boolean> {
    return this.organisations.exists(id);
  }
}
