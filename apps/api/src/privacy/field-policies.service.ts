import { Injectable } from '@nestjs/common';
import {
  applyPatch,
  DEFAULT_FIELD_POLICIES,
  isPersonalField,
  PERSONAL_FIELDS,
  validatePolicyPatch,
  type FieldPolicy,
  type FieldPolicyPatch,
  type PersonalField,
} from '@hushdesk/privacy';
import { AttachmentRedactionRepository } from '../attachments/attachment-redaction.repository';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import { PersonPrivacyRepository } from '../people/person-privacy.repository';
import { RecordingsRepository } from '../recordings/recordings.repository';
import { TicketRetentionRepository } from '../tickets/ticket-retention.repository';
import { FieldPolicyOverridesRepository } from './field-policy-overrides.repository';
import { FIELD_COLUMNS, shortName } from './field-storage';
import { NameView, type NameViewer } from './name-view';

export type Policies = Record<PersonalField, FieldPolicy>;

// Policies change rarely and are read on most writes: a short cache keeps reads cheap, and other
// instances see a change within this many milliseconds.
const CACHE_MS = 5_000;

/**
 * The field-policy registry as it applies now: the defaults from libs/privacy with the DPO's
 * changes on top. It decides what may be written, how values are shown, and what may be purged.
 */
@Injectable()
export class FieldPoliciesService {
  private cache?: { at: number; policies: Policies };

  constructor(
    private readonly transactions: Transactions,
    private readonly overrides: FieldPolicyOverridesRepository,
    private readonly people: PersonPrivacyRepository,
    private readonly tickets: TicketRetentionRepository,
    private readonly recordings: RecordingsRepository,
    private readonly attachments: AttachmentRedactionRepository,
    private readonly audit: AuditService,
  ) {}

  /** The repository of the table a field is stored in (see FIELD_COLUMNS). */
  private storeOf(table: string) {
    switch (table) {
      case 'people':
        return this.people;
      case 'tickets':
        return this.tickets;
      case 'recordings':
        return this.recordings;
      default:
        return this.attachments;
    }
  }

  async all(): Promise<Policies> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.policies;
    const rows = await this.overrides.all();
    const policies = { ...DEFAULT_FIELD_POLICIES } as Policies;
    for (const row of rows) {
      if (isPersonalField(row.field)) policies[row.field] = applyPatch(policies[row.field], row.patch);
    }
    this.cache = { at: Date.now(), policies };
    return policies;
  }

  async get(field: PersonalField): Promise<FieldPolicy> {
    return (await this.all())[field];
  }

  /** People's names as this viewer may see them (`person.fullName`), from the cached policy. */
  async names(viewer: NameViewer): Promise<NameView> {
    return new NameView(await this.get('person.fullName'), viewer);
  }

  async update(actor: Actor, field: string, patch: unknown): Promise<FieldPolicy> {
    if (!isPersonalField(field)) {
      throw DomainError.invalidField(
        'field',
        `is not a personal-data field; known: ${PERSONAL_FIELDS.join(', ')}`,
      );
    }
    // Checked against the policy as it stands, so the result as a whole must be valid.
    const checked = validatePolicyPatch(field, patch, await this.get(field));
    if (!checked.ok) {
      // Sentences stand alone; short problems ("must be at least 1") are named by their property.
      throw new DomainError(
        DomainErrorCode.InvalidField,
        Object.entries(checked.errors)
          .flatMap(([k, v]) => v.map((m) => (/^[A-Z]/.test(m) ? m : `${k} ${m}`)))
          .join(' '),
        { fields: checked.errors },
      );
    }
    await this.transactions.run(async (tx) => {
      const existing = await this.overrides.lock(tx, field);
      const merged: FieldPolicyPatch = { ...(existing ?? {}), ...checked.patch };
      await this.overrides.save(tx, field, merged, actor.userId);
      await this.audit.record(tx, {
        actor,
        action: 'policy.update',
        target: { type: 'field_policy', id: field },
        fields: [field],
        details: { changed: Object.keys(checked.patch).sort(), collection: checked.patch.collection ?? null },
      });
    });
    this.cache = undefined;
    return this.get(field);
  }

  /**
   * Refuses a write that carries a field the registry switched off, naming the field as the
   * caller sent it (`jobTitle is not collected`). `paths` maps each field to its request path.
   */
  async assertCollected(
    values: Partial<Record<PersonalField, unknown>>,
    paths: Partial<Record<PersonalField, string>> = {},
  ): Promise<void> {
    const policies = await this.all();
    const refused: Record<string, string[]> = {};
    for (const [field, value] of Object.entries(values) as [PersonalField, unknown][]) {
      if (value === undefined || value === null || value === '') continue;
      if (policies[field].collection === 'off')
        refused[paths[field] ?? shortName(field)] = ['is not collected'];
    }
    const names = Object.keys(refused);
    if (names.length) {
      throw new DomainError(
        DomainErrorCode.InvalidField,
        names.map((n) => `${n} is not collected`).join('; '),
        {
          fields: refused,
        },
      );
    }
  }

  /** How many stored values a field has: shown to the DPO when a field is switched off. */
  async storedCount(field: PersonalField): Promise<number> {
    const where = FIELD_COLUMNS[field];
    return this.storeOf(where.table).countStored(where.column);
  }

  /** Deletes every stored value of a field that is switched off. A dry run only counts. */
  async purge(
    actor: Actor,
    field: string,
    dryRun: boolean,
  ): Promise<{ field: string; dryRun: boolean; values: number }> {
    if (!isPersonalField(field)) throw DomainError.notFound('Field');
    const where = FIELD_COLUMNS[field];
    if (!where.purgeable) throw DomainError.invalidField('field', 'has no stored values that can be purged');
    if ((await this.get(field)).collection !== 'off') {
      throw new DomainError(
        DomainErrorCode.InvalidState,
        `${shortName(field)} is still collected; switch it off first`,
      );
    }
    if (dryRun) return { field, dryRun, values: await this.storedCount(field) };
    const store = where.table === 'people' ? this.people : this.tickets;
    const values = await this.transactions.run(async (tx) => {
      const count = await store.purge(tx, where.column);
      await this.audit.record(tx, {
        actor,
        action: 'policy.purge',
        target: { type: 'field_policy', id: field },
        fields: [field],
        details: { values: count },
      });
      return count;
    });
    return { field, dryRun, values };
  }
}
