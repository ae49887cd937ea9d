import { Injectable } from '@nestjs/common';
import { normalisePhone } from '@hushdesk/privacy';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import { ControllerIdentityRepository, type IdentityRow } from './controller-identity.repository';
import type {
  ControllerIdentityDto,
  ControllerSettingsDto,
  UpdateControllerSettingsDto,
} from './dto/controller-settings.dto';

const FIELDS = ['name', 'address', 'dpoName', 'dpoEmail', 'dpoPhone'] as const;

/** Said wherever the controller must be named but no admin has named it yet. */
export const CONTROLLER_NOT_SET =
  'Not set yet: an administrator enters the controller’s name, address and DPO contact under Admin → Controller';

const toIdentity = (r: IdentityRow): ControllerIdentityDto => ({
  name: r.name,
  address: r.address,
  dpoName: r.dpo_name,
  dpoEmail: r.dpo_email,
  dpoPhone: r.dpo_phone,
});

/**
 * The controller's identity and DPO contact. Admins set it (it is the controller's statement, and
 * publishing the DPO's contact is the controller's duty under Art. 37(7)); the DPO reads it.
 * Every change is audited with the names of the fields that changed.
 */
@Injectable()
export class ControllerIdentityService {
  constructor(
    private readonly transactions: Transactions,
    private readonly identities: ControllerIdentityRepository,
    private readonly audit: AuditService,
  ) {}

  /** The published identity, or null while no admin has set it. */
  async identity(): Promise<ControllerIdentityDto | null> {
    const row = await this.identities.get();
    return row ? toIdentity(row) : null;
  }

  async settings(): Promise<ControllerSettingsDto> {
    const row = await this.identities.get();
    if (!row) {
      return { name: null, address: null, dpoName: null, dpoEmail: null, dpoPhone: null, updatedAt: null };
    }
    return { ...toIdentity(row), updatedAt: row.updated_at.toISOString() };
  }

  async update(actor: Actor, input: UpdateControllerSettingsDto): Promise<ControllerSettingsDto> {
    if (input.dpoPhone && !normalisePhone(input.dpoPhone)) {
      throw DomainError.invalidField('dpoPhone', 'is not a recognisable phone number');
    }
    const next: ControllerIdentityDto = {
      name: input.name,
      address: input.address,
      dpoName: input.dpoName || null,
      dpoEmail: input.dpoEmail,
      dpoPhone: input.dpoPhone || null,
    };
    await this.transactions.run(async (tx) => {
      const before = await this.identities.lock(tx);
      const previous = before ? toIdentity(before) : null;
      const changed = FIELDS.filter((f) => previous?.[f] !== next[f]);
      if (!changed.length) return;
      await this.identities.save(tx, next, actor.userId);
      await this.audit.record(tx, { actor, action: 'settings.controller', fields: [...changed] });
    });
    return this.settings();
  }
}
