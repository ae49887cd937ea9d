import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { Transactions } from '../database/transactions';
import { ReplyDraftPrivacyRepository } from '../drafts/reply-draft-privacy.repository';
import { DsarRetentionRepository } from '../dsar/shared/dsar-retention.repository';
import { JobScheduler } from '../jobs/job-scheduler.service';
import { EmailRetentionRepository } from '../mail/shared/email-retention.repository';
import { OutboxRetentionRepository } from '../mail/shared/outbox-retention.repository';
import { SlaWarningRetentionRepository } from '../notifications/sla-warning-retention.repository';
import { FieldRetentionJob } from '../privacy/field-retention.job';
import { TicketEvents } from '../realtime/ticket-events.service';
import { RecordingRetentionRepository } from '../recordings/recording-retention.repository';
import { RecordingsRepository } from '../recordings/recordings.repository';
import { BlobOutbox } from './blob-outbox.service';
import { ClosedTicketAnonymiser } from './closed-ticket-anonymiser.service';
import { AUDIT_RETENTION_FLOOR_DAYS, RETENTION_CATEGORIES } from './retention-policy.entity';
import { RetentionRepository } from './retention.repository';
import type { RetentionHoldDto, RetentionReportDto, RetentionRunDto } from './dto/retention-responses.dto';

/** Unsent replies are working copies: kept a few days to weeks, never longer than 90 days. */
export const REPLY_DRAFTS_MAX_DAYS = 90;

/**
 * SLA warnings are a console's notifications: a week at least (the job never warns about a
 * crossing more than a day old, so none is sent twice), a year at most.
 */
export const SLA_WARNINGS_DAYS = { min: 7, max: 365 } as const;

/** The longest period any category may have (100 years), as the request body allows. */
const MAX_DAYS = 36_500;

/**
 * Raw email copies exist to look into a mail that was imported wrongly; a year is the most that
 * purpose can justify (the parsed mail stays with its ticket regardless).
 */
export const RAW_EMAILS_MAX_DAYS = 365;

/**
 * Who may change a category's period, its shortest and its longest. The audit trail is the DPO's
 * proof of accountability: only they change its period, never under a year.
 */
function limitsOf(category: string): { minDays: number; maxDays: number; editableBy: Role[] } {
  if (category === 'audit') {
    return { minDays: AUDIT_RETENTION_FLOOR_DAYS, maxDays: MAX_DAYS, editableBy: ['dpo'] };
  }
  if (category === 'raw_emails')
    return { minDays: 1, maxDays: RAW_EMAILS_MAX_DAYS, editableBy: ['dpo', 'admin'] };
  if (category === 'reply_drafts')
    return { minDays: 1, maxDays: REPLY_DRAFTS_MAX_DAYS, editableBy: ['dpo', 'admin'] };
  if (category === 'sla_warnings')
    return { minDays: SLA_WARNINGS_DAYS.min, maxDays: SLA_WARNINGS_DAYS.max, editableBy: ['dpo', 'admin'] };
  return { minDays: 1, maxDays: MAX_DAYS, editableBy: ['dpo', 'admin'] };
}

/** At most this many ids per category are listed in a report; the counts are always complete. */
const REPORT_IDS = 1000;

/** What a run deleted, or for a dry run would delete (stored as the run's `report`). */
export type RetentionReport = RetentionReportDto;

/**
 * The one retention engine. Each run works in small batches, each its own transaction, so it is
 * idempotent and a killed run leaves nothing half-done: the next run continues where it stopped.
 * Records under legal hold, and every record of a person with an open DSAR, are frozen.
 */
@Injectable()
export class RetentionService implements OnModuleInit {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly retention: RetentionRepository,
    private readonly recordings: RecordingsRepository,
    private readonly expiredRecordings: RecordingRetentionRepository,
    private readonly dsarPackages: DsarRetentionRepository,
    private readonly audit: AuditService,
    private readonly jobs: JobScheduler,
    private readonly outbox: BlobOutbox,
    private readonly fields: FieldRetentionJob,
    private readonly events: TicketEvents,
    private readonly anonymiser: ClosedTicketAnonymiser,
    private readonly rawEmails: EmailRetentionRepository,
    private readonly sentMail: OutboxRetentionRepository,
    private readonly drafts: ReplyDraftPrivacyRepository,
    private readonly slaWarnings: SlaWarningRetentionRepository,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'retention-daily',
      cron: '41 2 * * *',
      run: async () => this.runNow(null, false),
    });
    this.jobs.register({ name: 'retention-run', run: async (data) => this.execute(String(data.runId)) });
  }

  async policies(): Promise<
    {
      category: string;
      days: number;
      updatedAt: string;
      minDays: number;
      maxDays: number;
      editableBy: Role[];
    }[]
  > {
    const rows = await this.retention.policies();
    return rows.map((r) => ({
      category: r.category,
      days: r.days,
      updatedAt: r.updated_at.toISOString(),
      ...limitsOf(r.category),
    }));
  }

  async updatePolicy(actor: Actor, category: string, days: number) {
    if (!(RETENTION_CATEGORIES as readonly string[]).includes(category)) {
      throw DomainError.invalidField('category', `must be one of: ${RETENTION_CATEGORIES.join(', ')}`);
    }
    const limits = limitsOf(category);
    if (!limits.editableBy.includes(actor.role)) {
      throw new DomainError(
        DomainErrorCode.Forbidden,
        'Only the Data Protection Officer may change how long the audit trail is kept',
      );
    }
    if (days < limits.minDays) {
      throw DomainError.invalidField(
        'days',
        category === 'audit'
          ? `must be at least ${limits.minDays} days (one year): the audit trail is the proof of what was done`
          : `must be at least ${limits.minDays} days`,
      );
    }
    if (days > limits.maxDays) {
      throw DomainError.invalidField(
        'days',
        category === 'raw_emails'
          ? `must be at most ${limits.maxDays} days: raw copies are kept only to look into an import`
          : `must be at most ${limits.maxDays} days`,
      );
    }
    await this.transactions.run(async (tx) => {
      const before = await this.retention.lockPolicy(tx, category);
      await this.retention.savePolicy(tx, category, days, actor.userId);
      if (category === 'recordings' && before !== undefined && before !== days) {
        // Recordings carry their expiry; a new period applies to every one of them.
        await this.recordings.resetExpiry(tx, days);
      }
      if (category === 'raw_emails' && before !== undefined && before !== days) {
        // So do raw email copies, counted from when each mail arrived.
        await this.rawEmails.resetExpiry(tx, days);
      }
      await this.audit.record(tx, {
        actor,
        action: 'retention.policy',
        target: { type: 'retention_policy', id: category },
        details: { from: before ?? null, to: days },
      });
    });
    return (await this.policies()).find((p) => p.category === category);
  }

  /** Starts a run. A dry run is answered at once; a real run is queued and reports progress over socket.io. */
  async start(actor: Actor, dryRun: boolean): Promise<{ id: string; status: string; report: unknown }> {
    const id = await this.retention.queueRun(dryRun, actor.userId);
    if (dryRun) {
      await this.execute(id);
    } else if (this.jobs.running) {
      // A pg-boss job: it survives a restart of this instance, and any instance may run it.
      await this.jobs.send('retention-run', { runId: id });
    } else {
      // Jobs are off in this process: run beside the request. A crash leaves the run 'running',
      // and the next run finishes the work.
      setImmediate(
        () =>
          void this.execute(id).catch((e: unknown) =>
            this.logger.error(`retention run failed: ${String(e)}`),
          ),
      );
    }
    return this.get(id);
  }

  async runNow(actor: Actor | null, dryRun: boolean): Promise<RetentionReport> {
    const id = await this.retention.queueRun(dryRun, actor?.userId ?? null);
    return this.execute(id);
  }

  async get(id: string): Promise<RetentionRunDto> {
    const row = await this.retention.run(id);
    if (!row) throw DomainError.notFound('Retention run');
    return {
      id: row.id,
      status: row.status,
      dryRun: row.dry_run,
      // The engine wrote it: empty until the run started, then a (growing) report.
      report: row.report as RetentionRunDto['report'],
      createdAt: row.created_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
    };
  }

  async recent(limit = 20) {
    const ids = await this.retention.recentIds(limit);
    return Promise.all(ids.map((id) => this.get(id)));
  }

  /** Expiries due per ISO week for the next `weeks` weeks, for the DPO's chart. */
  async forecast(weeks = 10): Promise<{ weekStart: string; recordings: number }[]> {
    const rows = await this.recordings.expiriesByWeek(weeks);
    const start = new Date();
    start.setUTCHours(0, 0, 0, 0);
    start.setUTCDate(start.getUTCDate() - ((start.getUTCDay() + 6) % 7));
    return Array.from({ length: weeks }, (_, i) => {
      const week = new Date(start.getTime() + i * 7 * 86_400_000);
      const n = rows
        .filter((r) => (i === 0 ? r.week.getTime() <= week.getTime() : r.week.getTime() === week.getTime()))
        .reduce((a, r) => a + r.n, 0);
      return { weekStart: week.toISOString().slice(0, 10), recordings: n };
    });
  }

  async holds(): Promise<RetentionHoldDto[]> {
    return (await this.recordings.holds()).map((h) => ({
      ...h,
      startedAt: h.startedAt.toISOString(),
      expiresAt: h.expiresAt.toISOString(),
      heldAt: h.heldAt.toISOString(),
    }));
  }

  async execute(runId: string, batchSize = 2000): Promise<RetentionReport> {
    const dryRun = await this.retention.isDryRun(runId);
    const report: RetentionReport = {
      dryRun,
      startedAt: new Date().toISOString(),
      recordings: { expired: 0, deleted: 0, ids: [], skipped: { legalHold: 0, openDsar: 0 }, skippedIds: [] },
      blobs: { deleted: 0, failed: 0 },
      notYetSwept: [],
    };
    await this.retention.markRunning(runId);
    try {
      // Finish deletions a crashed run left in the outbox before making new ones.
      if (!dryRun) report.blobs = await this.outbox.drain();
      await this.sweepRecordings(runId, report, dryRun, batchSize);
      report.rawEmails = await this.sweepMail(runId, report, dryRun, batchSize);
      report.fields = await this.fields.run(dryRun);
      const ticketDays = await this.retention.daysOf('closed_tickets');
      const ticketCutoff = new Date(Date.now() - (ticketDays ?? 2190) * 86_400_000);
      report.closedTickets = dryRun
        ? {
            closedBefore: ticketCutoff.toISOString(),
            anonymised: await this.anonymiser.count(ticketCutoff),
            ids: [],
          }
        : { closedBefore: ticketCutoff.toISOString(), ...(await this.anonymiser.run(ticketCutoff)) };
      report.dsarPackages = await this.sweepDsarPackages(dryRun);
      report.replyDrafts = await this.sweepReplyDrafts(dryRun);
      report.slaWarnings = await this.sweepSlaWarnings(dryRun, batchSize);
      const auditPolicy = await this.retention.auditPolicy();
      // The floor holds here too, whatever the row says (the database refuses less anyway).
      const retentionDays = Math.max(auditPolicy?.days ?? 2190, AUDIT_RETENTION_FLOOR_DAYS);
      const auditCutoff = new Date(Date.now() - retentionDays * 86_400_000);
      report.audit = {
        olderThan: auditCutoff.toISOString(),
        retentionDays,
        entries: dryRun
          ? await this.audit.countOlderThan(auditCutoff)
          : await this.audit.expire(auditCutoff, {
              retentionDays,
              setById: auditPolicy?.updated_by_id ?? null,
              setAt: auditPolicy?.updated_at ?? null,
            }),
      };
      if (!dryRun) {
        const more = await this.outbox.drain();
        report.blobs = {
          deleted: report.blobs.deleted + more.deleted,
          failed: report.blobs.failed + more.failed,
        };
      }
      report.finishedAt = new Date().toISOString();
      await this.transactions.run(async (tx) => {
        await this.retention.complete(tx, runId, report);
        if (!dryRun) {
          await this.audit.record(tx, {
            actor: null,
            action: 'retention.run',
            target: { type: 'retention_run', id: runId },
            details: {
              recordings: report.recordings.deleted,
              rawEmails: report.rawEmails?.deleted ?? 0,
              sentMailScrubbed: report.rawEmails?.sentMail.scrubbed ?? 0,
              skipped: report.recordings.skipped,
              blobs: report.blobs.deleted,
            },
          });
        }
      });
      this.events.retentionProgress({ runId, status: 'completed', deleted: report.recordings.deleted });
      return report;
    } catch (e) {
      await this.retention.fail(runId, report);
      throw e;
    }
  }

  /**
   * Raw email copies past their period are retired (blob queued for deletion with the row's change,
   * then drained); the rendered content of mail sent or kept longer ago than the same period is
   * emptied. Mail about a person with an open data-subject request is frozen.
   */
  private async sweepMail(
    runId: string,
    report: RetentionReport,
    dryRun: boolean,
    batchSize: number,
  ): Promise<NonNullable<RetentionReport['rawEmails']>> {
    const days = (await this.retention.daysOf('raw_emails')) ?? 30;
    const cutoff = new Date(Date.now() - days * 86_400_000);
    const raw = await this.rawEmails.counts();
    const sent = await this.sentMail.counts(cutoff);
    const out: NonNullable<RetentionReport['rawEmails']> = {
      retentionDays: days,
      expired: raw.expired,
      deleted: 0,
      ids: [],
      skipped: { openDsar: raw.openDsar },
      sentMail: {
        renderedBefore: cutoff.toISOString(),
        due: sent.due,
        scrubbed: 0,
        skipped: { openDsar: sent.openDsar },
      },
    };
    if (dryRun) return out;
    report.rawEmails = out;
    for (;;) {
      const ids = await this.rawEmails.retireBatch(batchSize);
      out.deleted += ids.length;
      if (out.ids.length < REPORT_IDS) out.ids.push(...ids.slice(0, REPORT_IDS - out.ids.length));
      if (ids.length) await this.retention.saveProgress(runId, report);
      if (ids.length < batchSize) break;
    }
    for (;;) {
      const n = await this.sentMail.scrubBatch(cutoff, batchSize);
      out.sentMail.scrubbed += n;
      if (n < batchSize) break;
    }
    return out;
  }

  /** Unsent replies go the period (30 days by default) after they were last saved. */
  private async sweepReplyDrafts(dryRun: boolean): Promise<{ savedBefore: string; deleted: number }> {
    const days = (await this.retention.daysOf('reply_drafts')) ?? 30;
    const cutoff = new Date(Date.now() - days * 86_400_000);
    return {
      savedBefore: cutoff.toISOString(),
      deleted: dryRun
        ? await this.drafts.countSavedBefore(cutoff)
        : await this.drafts.deleteSavedBefore(cutoff),
    };
  }

  /** SLA warnings go the period (90 days by default) after they were sent, with their read marks. */
  private async sweepSlaWarnings(
    dryRun: boolean,
    batchSize: number,
  ): Promise<{ sentBefore: string; deleted: number }> {
    const days = (await this.retention.daysOf('sla_warnings')) ?? 90;
    const cutoff = new Date(Date.now() - days * 86_400_000);
    if (dryRun)
      return { sentBefore: cutoff.toISOString(), deleted: await this.slaWarnings.countSentBefore(cutoff) };
    let deleted = 0;
    for (;;) {
      const n = await this.slaWarnings.deleteSentBefore(cutoff, batchSize);
      deleted += n;
      if (n < batchSize) break;
    }
    return { sentBefore: cutoff.toISOString(), deleted };
  }

  /** Answer packages sent to requesters go 30 days (by policy) after they were built. */
  private async sweepDsarPackages(dryRun: boolean): Promise<{ createdBefore: string; deleted: number }> {
    const days = await this.retention.daysOf('dsar_packages');
    const cutoff = new Date(Date.now() - (days ?? 30) * 86_400_000);
    if (dryRun) {
      return {
        createdBefore: cutoff.toISOString(),
        deleted: await this.dsarPackages.countPackagesBefore(cutoff),
      };
    }
    return {
      createdBefore: cutoff.toISOString(),
      deleted: await this.dsarPackages.releasePackagesBefore(cutoff),
    };
  }

  private async sweepRecordings(
    runId: string,
    report: RetentionReport,
    dryRun: boolean,
    batchSize: number,
  ): Promise<void> {
    const r = report.recordings;
    const frozen = await this.expiredRecordings.frozenCounts();
    r.skipped = { legalHold: frozen.hold, openDsar: frozen.dsar };
    r.skippedIds = await this.expiredRecordings.frozenIds(REPORT_IDS);
    if (dryRun) {
      r.expired = await this.expiredRecordings.countEligible();
      r.ids = await this.expiredRecordings.eligibleIds(REPORT_IDS);
      return;
    }
    const sweep = await this.expiredRecordings.openSweep();
    try {
      for (;;) {
        const ids = await sweep.deleteBatch(batchSize);
        if (!ids.length) break;
        r.deleted += ids.length;
        r.expired += ids.length;
        if (r.ids.length < REPORT_IDS) r.ids.push(...ids.slice(0, REPORT_IDS - r.ids.length));
        await this.retention.saveProgress(runId, report);
        this.events.retentionProgress({ runId, status: 'running', deleted: r.deleted });
        if (ids.length < batchSize) break;
      }
    } finally {
      await sweep.end();
    }
  }
}
