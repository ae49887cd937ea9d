import { apiPaths, type Role } from '@hushdesk/contracts';
import { apiClient } from '../../../lib/api-client';

/** API paths of the retention engine, from the shared contract. */
export const retentionPaths = {
  runs: apiPaths.retentionRuns,
  run: apiPaths.retentionRun,
  policies: apiPaths.retentionPolicies,
  policy: apiPaths.retentionPolicy,
  forecast: apiPaths.retentionForecast,
  holds: apiPaths.retentionHolds,
} as const;

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed';

export type SkipReason = 'legal_hold' | 'open_dsar';

/** What one field's sweep cleared (or, in a dry run, would clear). */
export interface FieldSweep {
  field: string;
  /** e.g. "90 days from ticket_closed". */
  retention: string;
  values: number;
}

/** What a run deleted, or for a dry run what it would delete. */
export interface RetentionReport {
  dryRun: boolean;
  startedAt: string;
  finishedAt?: string;
  recordings: {
    /** Past their retention and free to go (deleted, or would be). */
    expired: number;
    deleted: number;
    /** At most 1000; the counts are always complete. */
    ids: string[];
    skipped: { legalHold: number; openDsar: number };
    skippedIds: { id: string; why: SkipReason }[];
  };
  fields?: { dryRun?: boolean; at?: string; fields: FieldSweep[] };
  /** Closed tickets past their period: anonymised (or, in a dry run, that would be). */
  closedTickets?: { closedBefore: string; anonymised: number; ids: string[] };
  /** Audit entries past their period: removed (or, in a dry run, that would be). */
  audit?: { olderThan: string; entries: number };
  blobs: { deleted: number; failed: number };
  /** Categories with a retention period this engine does not enforce yet. */
  notYetSwept: string[];
}

export interface RetentionRun {
  id: string;
  status: RunStatus;
  dryRun: boolean;
  /** Empty (`{}`) until the run has started; partial while it is running. */
  report: unknown;
  createdAt: string;
  finishedAt: string | null;
}

export interface RetentionPolicy {
  category: string;
  days: number;
  updatedAt: string;
  /** The shortest period the API accepts (the audit trail: one year). */
  minDays: number;
  /** Who may change it (the audit trail: the DPO only). */
  editableBy: Role[];
}

export interface ForecastWeek {
  /** The Monday, as YYYY-MM-DD. The first week also counts anything already overdue. */
  weekStart: string;
  recordings: number;
}

export interface HeldRecording {
  id: string;
  startedAt: string;
  expiresAt: string;
  reason: string;
  heldAt: string;
}

export const retentionApi = {
  start: (dryRun: boolean) => apiClient.post<RetentionRun>(retentionPaths.runs, { dryRun }),

  runs: (signal?: AbortSignal) => apiClient.get<RetentionRun[]>(retentionPaths.runs, { signal }),

  run: (id: string, signal?: AbortSignal) => apiClient.get<RetentionRun>(retentionPaths.run(id), { signal }),

  policies: (signal?: AbortSignal) => apiClient.get<RetentionPolicy[]>(retentionPaths.policies, { signal }),

  updatePolicy: (category: string, days: number) =>
    apiClient.patch<RetentionPolicy>(retentionPaths.policy(category), { days }),

  forecast: (signal?: AbortSignal) => apiClient.get<ForecastWeek[]>(retentionPaths.forecast, { signal }),

  holds: (signal?: AbortSignal) => apiClient.get<HeldRecording[]>(retentionPaths.holds, { signal }),
};

/** The run's report when it has one (a queued run's is empty). */
export function reportOf(run: Pick<RetentionRun, 'report'> | undefined): RetentionReport | null {
  const report = run?.report;
  if (!report || typeof report !== 'object' || !('recordings' in report)) return null;
  return report as RetentionReport;
}

export const isFinished = (status: RunStatus | undefined) => status === 'completed' || status === 'failed';
