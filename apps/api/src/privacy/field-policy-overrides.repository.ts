import { Injectable } from '@nestjs/common';
import type { FieldPolicyPatch } from '@hushdesk/privacy';
import { SqlRepository } from '../database/sql-repository';
import type { Tx } from '../database/tx';

/** The DPO's changes to the default field policies (`field_policy_overrides`), one patch per field. */
@Injectable()
export class FieldPolicyOverridesRepository extends SqlRepository {
  all(): Promise<{ field: string; patch: FieldPolicyPatch }[]> {
    return this.query<{ field: string; patch: FieldPolicyPatch }>(
      'SELECT field, patch FROM field_policy_overrides',
    );
  }

  /** A field's patch, locked until `tx` ends. */
  async lock(tx: Tx, field: string): Promise<FieldPolicyPatch | undefined> {
    const [existing] = await this.query<{ patch: FieldPolicyPatch }>(
      'SELECT patch FROM field_policy_overrides WHERE field = $1 FOR UPDATE',
      [field],
      tx,
    );
    return existing?.patch;
  }

  async save(tx: Tx, field: string, patch: FieldPolicyPatch, byId: string): Promise<void> {
    await this.query(
      `INSERT INTO field_policy_overrides (field, patch, updated_by_id, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (field) DO UPDATE SET patch = EXCLUDED.patch, updated_by_id = EXCLUDED.updated_by_id, updated_at = now()`,
      [field, patch, byId],
      tx,
    );
  }
}
