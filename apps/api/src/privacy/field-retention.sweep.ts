import { Injectable, OnModuleInit } from '@nestjs/common';
import type { PersonalField } from '@hushdesk/privacy';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { JobScheduler } from '../jobs/job-scheduler';
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
 * at the event its policy names.
 */
@Injectable()
export class FieldRetentionSweep implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: FieldPoliciesService,
    private readonly audit: AuditService,
    private readonly jobs: JobScheduler,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'privacy-field-retention', cron: '23 2 * * *', run: () => this.run(false) });
  }

  /** The rows of a field whose retention has passed, as a SQL condition on its table (alias r). */
  private expiredWhere(field: PersonalField, from: string): string | null {
    const table = FIELD_COLUMNS[field].table;
    if (table === 'people') {
      switch (from) {
        case 'collected':
          return 'r.created_at < $1';
        case 'account_closed':
          return 'EXISTS (SELECT 1 FROM users u WHERE u.person_id = r.id AND u.disabled_at < $1)';
        case 'last_ticket_closed':
          // Only once every ticket of theirs is closed, and the last closed long enough ago.
          return `EXISTS (SELECT 1 FROM users u JOIN tickets t ON t.requester_id = u.id WHERE u.person_id = r.id)
                  AND NOT EXISTS (SELECT 1 FROM users u JOIN tickets t ON t.requester_id = u.id
                                   WHERE u.person_id = r.id AND (t.closed_at IS NULL OR t.closed_at >= $1))`;
        default:
          return null;
      }
    }
    if (table === 'tickets') {
      if (from === 'ticket_closed') return 'r.closed_at < $1';
      if (from === 'collected') return 'r.created_at < $1';
    }
    return null;
  }

  async run(dryRun: boolean, now = new Date()): Promise<FieldRetentionReport> {
    const policies = await this.policies.all();
    const report: FieldRetentionReport = { dryRun, at: now.toISOString(), fields: [] };
    await this.dataSource.transaction(async (manager) => {
      for (const policy of Object.values(policies)) {
        const storage = FIELD_COLUMNS[policy.field];
        // Caller numbers and file names go with their record (recording retention, ticket anonymisation).
        if (
          !storage.purgeable ||
          !policy.retention ||
          (storage.column === 'email' && policy.collection === 'required')
        )
          continue;
        const expired = this.expiredWhere(policy.field, policy.retention.from);
        if (!expired) continue;
        const cutoff = new Date(now.getTime() - policy.retention.days * 86_400_000);
        // Nothing of a person with an open data-subject request is touched until it is answered.
        const frozen =
          storage.table === 'people'
            ? 'EXISTS (SELECT 1 FROM dsar_requests d WHERE d.subject_person_id = r.id AND d.closed_at IS NULL)'
            : `EXISTS (SELECT 1 FROM users u JOIN dsar_requests d ON d.subject_person_id = u.person_id
                        WHERE u.id = r.requester_id AND d.closed_at IS NULL)`;
        const where = `r.${storage.column} IS NOT NULL AND ${expired} AND NOT ${frozen}`;
        let values: number;
        if (dryRun) {
          [{ n: values }] = await manager.query(
            `SELECT count(*)::int AS n FROM ${storage.table} r WHERE ${where}`,
            [cutoff],
          );
        } else {
          [, values] = await manager.query(
            `UPDATE ${storage.table} r SET ${storage.column} = NULL WHERE ${where}`,
            [cutoff],
          );
        }
        report.fields.push({
          field: policy.field,
          retention: `${policy.retention.days} days from ${policy.retention.from}`,
          values,
        });
      }
      if (!dryRun) {
        await this.audit.record(manager, {
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
