import { Injectable, OnModuleInit } from '@nestjs/common';
import type { PersonalField } from '@hushdesk/privacy';
import { AuditService } from '../audit/audit.service';
import { Transactions } from '../database/transactions';
import { JobScheduler } from '../jobs/job-scheduler.service';
import { PersonPrivacyRepository } from '../people/person-privacy.repository';
import { TicketRetentionRepository } from '../tickets/ticket-retention.repository';
import { FieldPoliciesService } from './field-policies.service';
import { FIELD_COLUMNS } from './field-storage';

export interface FieldRetentionReport {
  dryRun: boolean;
  at: string;
  fields: { field: PersonalField; retention: string; values: number }[];
}

/**
 * Field-level retention: a value whose retention period has passed is nulled, while the record it
 * belongs to stays (a ticket keeps its history, a person their account). Each field's clock starts
 * at the event its policy names; the repositories of people and tickets know what each event means.
 */
@Injectable()
export class FieldRetentionJob implements OnModuleInit {
  constructor(
    private readonly transactions: Transactions,
    private readonly people: PersonPrivacyRepository,
    private readonly tickets: TicketRetentionRepository,
    private readonly policies: FieldPoliciesService,
    private readonly audit: AuditService,
    private readonly jobs: JobScheduler,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'privacy-field-retention', cron: '23 2 * * *', run: () => this.run(false) });
  }

  async run(dryRun: boolean, now = new Date()): Promise<FieldRetentionReport> {
    const policies = await this.policies.all();
    const report: FieldRetentionReport = { dryRun, at: now.toISOString(), fields: [] };
    await this.transactions.run(async (tx) => {
      for (const policy of Object.values(policies)) {
        const storage = FIELD_COLUMNS[policy.field];
        // Caller numbers and file names go with their record (recording retention, ticket anonymisation).
        if (
          !storage.purgeable ||
          !policy.retention ||
          (storage.column === 'email' && policy.collection === 'required')
        )
          continue;
        const store =
          storage.table === 'people' ? this.people : storage.table === 'tickets' ? this.tickets : null;
        if (!store) continue;
        const cutoff = new Date(now.getTime() - policy.retention.days * 86_400_000);
        const values = await store.expire(tx, storage.column, policy.retention.from, cutoff, dryRun);
        // A retention event that does not apply to this table: nothing expires by it.
        if (values === null) continue;
        report.fields.push({
          field: policy.field,
          retention: `${policy.retention.days} days from ${policy.retention.from}`,
          values,
        });
      }
      if (!dryRun) {
        await this.audit.record(tx, {
          actor: null,
          action: 'retention.fields',
          fields: report.fields.filter((f) => f.values > 0).map((f) => f.field),
          details: { values: Object.fromEntries(report.fields.map((f) => [f.field, f.values])) },
        });
      }
    });
    return report;
  }
}
