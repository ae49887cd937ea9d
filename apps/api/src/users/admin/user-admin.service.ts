import { Injectable } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import { AuditService } from '../../audit/audit.service';
import { PasswordHasher } from '../../auth/password-hasher.service';
import { assertPasswordFor } from '../../auth/password-policy';
import { SessionService } from '../../auth/session.service';
import type { Actor } from '../../common/auth/actor';
import { DomainError } from '../../common/errors/domain-error';
import { Transactions } from '../../database/transactions';
import type { Tx } from '../../database/tx';
import { OrganisationsRepository } from '../../organisations/organisations.repository';
import { TicketEvents } from '../../realtime/ticket-events.service';
import type { UpdateUserDto, UserDto } from '../dto/user.dto';
import { UsersRepository, type AccessFactsRow } from '../users.repository';
import { UsersService } from '../users.service';

export const LAST_ADMIN_MESSAGE = 'At least one enabled administrator must remain: make another one first';

interface Access {
  role: Role;
  organisationId: string | null;
  disabled: boolean;
}

/**
 * An admin's changes to other accounts (and their own): role, organisation, disabling, and a
 * password reset. Whatever changes what an account may see ends its sessions in the same
 * transaction and closes its live sockets once that commits, on every instance.
 */
@Injectable()
export class UserAdminService {
  constructor(
    private readonly users: UsersRepository,
    private readonly accounts: UsersService,
    private readonly organisations: OrganisationsRepository,
    private readonly sessions: SessionService,
    private readonly passwords: PasswordHasher,
    private readonly audit: AuditService,
    private readonly events: TicketEvents,
    private readonly transactions: Transactions,
  ) {}

  async update(actor: Actor, id: string, input: UpdateUserDto): Promise<UserDto> {
    const ended = await this.transactions.run(async (tx) => {
      const before = await this.users.lockForAccessChange(tx, id);
      if (!before) throw DomainError.notFound('User');
      const after = await this.next(tx, before, input);
      const changed = (Object.keys(after) as (keyof Access)[]).filter((k) => after[k] !== current(before)[k]);
      if (!changed.length) return false;
      if (isEnabledAdmin(current(before)) && !isEnabledAdmin(after)) {
        if ((await this.users.otherEnabledAdmins(tx, id)) === 0)
          throw DomainError.conflict(LAST_ADMIN_MESSAGE);
      }
      await this.users.setAccess(tx, id, after);
      await this.sessions.revokeAllForUser(id, tx);
      await this.audit.record(tx, {
        actor,
        action: 'user.update',
        subjectPersonId: before.person_id,
        target: { type: 'user', id },
        fields: changed,
        details: Object.fromEntries(changed.map((k) => [k, { from: current(before)[k], to: after[k] }])),
      });
      return true;
    });
    if (ended) this.events.disconnectUsers([id]);
    return (await this.accounts.findById(id)) as UserDto;
  }

  /**
   * Sets a temporary password the admin hands over; the account must replace it (the ordinary
   * password change, proving the temporary one) before any other route answers it.
   */
  async resetPassword(actor: Actor, id: string, temporaryPassword: string): Promise<UserDto> {
    const user = await this.accounts.findById(id);
    if (!user) throw DomainError.notFound('User');
    assertPasswordFor('temporaryPassword', temporaryPassword, user, 'admin');
    const hash = await this.passwords.hash(temporaryPassword);
    await this.transactions.run(async (tx) => {
      if (!(await this.users.lockForAccessChange(tx, id))) throw DomainError.notFound('User');
      await this.users.setTemporaryPassword(tx, id, hash);
      await this.sessions.revokeAllForUser(id, tx);
      await this.audit.record(tx, {
        actor,
        action: 'user.password_reset',
        subjectPersonId: user.personId,
        target: { type: 'user', id },
      });
    });
    this.events.disconnectUsers([id]);
    return (await this.accounts.findById(id)) as UserDto;
  }

  /** The account's access after the change, checked: a customer belongs to an organisation, staff to none. */
  private async next(tx: Tx, before: AccessFactsRow, input: UpdateUserDto): Promise<Access> {
    const role = input.role ?? before.role;
    let organisationId = input.organisationId !== undefined ? input.organisationId : before.organisation_id;
    if (role !== 'customer') {
      if (input.organisationId) throw DomainError.invalidField('organisationId', 'is only for customers');
      organisationId = null;
    } else if (!organisationId) {
      throw DomainError.invalidField('organisationId', 'is required for customers');
    } else if (
      organisationId !== before.organisation_id &&
      !(await this.organisations.exists(organisationId, tx))
    ) {
      throw DomainError.invalidField('organisationId', 'does not match an organisation');
    }
    return { role, organisationId, disabled: input.disabled ?? before.disabled };
  }
}

const current = (row: AccessFactsRow): Access => ({
  role: row.role,
  organisationId: row.organisation_id,
  disabled: row.disabled,
});

const isEnabledAdmin = (access: Access) => access.role === 'admin' && !access.disabled;
