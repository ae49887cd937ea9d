import type {
  FieldSweep,
  ForecastWeek,
  HeldRecording,
  RetentionPolicy,
  RetentionReport,
  RetentionRun,
  SkipReason,
} from '@hushdesk/api-client';
import { client, dataOf } from '../../../lib/api-client';

export type {
  FieldSweep,
  ForecastWeek,
  HeldRecording,
  RetentionPolicy,
  RetentionReport,
  RetentionRun,
  SkipReason,
};
export type RunStatus = RetentionRun['status'];

export const retentionApi = {
  start: (dryRun: boolean) => dataOf(client.POST('/api/retention/runs', { body: { dryRun } })),

  runs: (signal?: AbortSignal) => dataOf(client.GET('/api/retention/runs', { signal })),

  run: (id: string, signal?: AbortSignal) =>
    dataOf(client.GET('/api/retention/runs/{id}', { params: { path: { id } }, signal })),

  policies: (signal?: AbortSignal) => dataOf(client.GET('/api/retention/policies', { signal })),

  updatePolicy: (category: string, days: number) =>
    dataOf(
      client.PATCH('/api/retention/policies/{category}', { params: { path: { category } }, body: { days } }),
    ),

  forecast: (signal?: AbortSignal) => dataOf(client.GET('/api/retention/forecast', { signal })),

  holds: (signal?: AbortSignal) => dataOf(client.GET('/api/retention/holds', { signal })),
};

/** The run's report when it has one (a queued run's is empty). */
export function reportOf(run: Pick<RetentionRun, 'report'> | undefined): RetentionReport | null {
  const report = run?.report;
  if (!report || typeof report !== 'object' || !('recordings' in report)) return null;
  return report as RetentionReport;
}

export const isFinished = (status: RunStatus | undefined) => status === 'completed' || status === 'failed';
