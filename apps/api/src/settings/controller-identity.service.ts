import { Injectable } from '@nestjs/common';
import type { ControllerIdentity, ControllerSettings } from '@hushdesk/contracts';
import { normalisePhone } from '@hushdesk/privacy';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import type { UpdateControllerSettingsDto } from './dto/controller-settings.dto';

interface IdentityRow {
  name: string;
  address: string;
  dpo_name: string | null;
  dpo_email: string;
  dpo_phone: string | null;
  updated_at: Date;
}

const FIELDS = ['name', 'address', 'dpoName', 'dpoEmail', 'dpoPhone'] as const;

/** Said wherever the controller must be named but no admin has named it yet. */
export const CONTROLLER_NOT_SET =
  'Not set yet: an administrator enters the controller’s name, address and DPO contact under Admin → Controller';

const toIdentity = (r: IdentityRow): ControllerIdentity => ({
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
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The published identity, or null while no admin has set it. */
  async identity(): Promise<ControllerIdentity | null> {
    const row = await this.row();
    return row ? toIdentity(row) : null;
  }

  async settings(): Promise<ControllerSettings> {
    const row = await this.row();
    if (!row) {
      return { name: null, address: null, dpoName: null, dpoEmail: null, dpoPhone: null, updatedAt: null };
    }
    return { ...toIdentity(row), updatedAt: row.updated_at.toISOString() };
  }

  async update(actor: Actor, input: UpdateControllerSettingsDto): Promise<ControllerSettings> {
    if (input.dpoPhone && !normalisePhone(input.dpoPhone)) {
      throw DomainError.invalidField('dpoPhone', 'is not a recognisable phone number');
    }
    const next: ControllerIdentity = {
      name: input.name,
      address: input.address,
      dpoName: input.dpoName || null,
      dpoEmail: input.dpoEmail,
      dpoPhone: input.dpoPhone || null,
    };
    await this.dataSource.transaction(async (manager) => {
      const [before]: IdentityRow[] = await manager.query(
        'SELECT name, address, dpo_name, dpo_email, dpo_phone, updated_at FROM controller_identity WHERE id = 1 FOR UPDATE',
      );
      const previous = before ? toIdentity(before) : null;
      const changed = FIELDS.filter((f) => previous?.[f] !== next[f]);
      if (!changed.length) return;
      await manager.query(
        `INSERT INTO controller_identity (id, name, address, dpo_name, dpo_email, dpo_phone, updated_at, updated_by_id)
         VALUES (1, $1, $2, $3, $4, $5, now(), $6)
         ON CONFLICT (id) DO UPDATE SET name = $1, address = $2, dpo_name = $3, dpo_email = $4, dpo_phone = $5,
           updated_at = now(), updated_by_id = $6`,
        [next.name, next.address, next.dpoName, next.dpoEmail, next.dpoPhone, actor.userId],
      );
      await this.audit.record(manager, { actor, action: 'settings.controller', fields: [...changed] });
    });
    return this.settings();
  }

  private async row(): Promise<IdentityRow | undefined> {
    const [row]: IdentityRow[] = await this.dataSource.query(
      'SELECT name, address, dpo_name, dpo_email, dpo_phone, updated_at FROM controller_identity WHERE id = 1',
    );
    return row;
  }
}
