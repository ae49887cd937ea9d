import { useCallback, useEffect, useState } from 'react';
import { formatShortDateTime } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import { isFinished, reportOf, type RetentionRun } from '../api/retention-api';
import {
  useRefreshAfterRun,
  useRetentionProgress,
  useRetentionRun,
  useStartRetentionRun,
} from '../hooks/use-retention';
import { ReportView } from './ReportView';

const plural = (n: number, one: string, many: string) => `${String(n)} ${n === 1 ? one : many}`;

/** What a real run will do, from the dry run before it. */
function consequences(dryRun: RetentionRun): string {
  const report = reportOf(dryRun);
  if (!report) return 'This deletes everything past its retention.';
  const recordings = report.recordings.expired;
  const values = (report.fields?.fields ?? []).reduce((sum, field) => sum + field.values, 0);
  const parts = [
    recordings > 0
      ? `${plural(recordings, 'recording', 'recordings')} and ${recordings === 1 ? 'its' : 'their'} audio`
      : null,
    values > 0 ? `${plural(values, 'stored field value', 'stored field values')}` : null,
  ].filter(Boolean);
  if (parts.length === 0) return 'The dry run found nothing to delete, so this should change nothing.';
  return `This permanently deletes ${parts.join(' and clears ')}, and anything else that has expired since the dry run. It cannot be undone, and it is recorded in the audit trail.`;
}

/**
 * "Run retention": a dry run first, to see what would go; then, after a confirmation, the real
 * run, followed live (socket events, with polling as the fallback) until its final report.
 */
export function RunRetentionPanel() {
  const startDry = useStartRetentionRun();
  const startReal = useStartRetentionRun();
  const refreshAfterRun = useRefreshAfterRun();
  const [dryRun, setDryRun] = useState<RetentionRun | null>(null);
  const [realRunId, setRealRunId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [liveDeleted, setLiveDeleted] = useState<number | null>(null);

  const realRun = useRetentionRun(realRunId);
  const onProgress = useCallback((progress: { deleted: number }) => {
    setLiveDeleted((current) => Math.max(current ?? 0, progress.deleted));
  }, []);
  useRetentionProgress(realRunId, onProgress);

  const realStatus = realRun.data?.status;
  const realFinished = isFinished(realStatus);
  useEffect(() => {
    if (realFinished) refreshAfterRun();
  }, [realFinished, refreshAfterRun]);

  const runDry = () => {
    setConfirming(false);
    setDryRun(null);
    setRealRunId(null);
    setLiveDeleted(null);
    startReal.reset();
    startDry.mutate(true, {
      onSuccess: (run) => {
        setDryRun(run);
      },
    });
  };

  const runForReal = () => {
    setLiveDeleted(null);
    startReal.mutate(false, {
      onSuccess: (run) => {
        setConfirming(false);
        setRealRunId(run.id);
      },
    });
  };

  const dryReport = reportOf(dryRun ?? undefined);
  const estimate = dryReport?.recordings.expired ?? 0;

  let body;
  if (realRunId) {
    const run = realRun.data;
    const report = reportOf(run);
    const deleted = Math.max(liveDeleted ?? 0, report?.recordings.deleted ?? 0);
    body = (
      <section className="run-result" aria-label="Retention report">
        {realRun.error && !run ? (
          <ErrorMessage>The run’s progress could not be loaded. {realRun.error.message}</ErrorMessage>
        ) : null}
        {!run || !realFinished ? (
          <div className="run-progress">
            <h3 className="run-result__title">
              <span className="spinner" aria-hidden="true" /> Retention is running…
            </h3>
            <p role="status" className="run-progress__text">
              {plural(deleted, 'recording', 'recordings')} deleted so far
              {estimate > 0 ? ` of about ${String(estimate)}` : ''}.
            </p>
            {estimate > 0 ? (
              <progress
                className="run-progress__bar"
                max={estimate}
                value={Math.min(deleted, estimate)}
                aria-label="Recordings deleted so far"
              />
            ) : null}
          </div>
        ) : (
          <>
            <h3 className={`run-result__title run-result__title--${run.status}`} data-testid="run-status">
              {run.status === 'completed' ? 'Retention run completed' : 'The retention run failed'}
            </h3>
            {run.status === 'failed' ? (
              <ErrorMessage>
                The run stopped part-way. What it deleted stays deleted; the next run picks up where it
                stopped.
              </ErrorMessage>
            ) : null}
            {report ? <ReportView report={report} /> : null}
            <div className="run-panel__actions">
              <button type="button" className="button button--secondary" onClick={runDry}>
                Start a new dry run
              </button>
            </div>
          </>
        )}
      </section>
    );
  } else if (dryRun && dryReport) {
    body = (
      <>
        <section className="run-result" aria-label="Retention report">
          <h3 className="run-result__title">
            Dry run at {formatShortDateTime(dryRun.createdAt)}: nothing has been deleted
          </h3>
          <ReportView report={dryReport} />
        </section>

        {startReal.error ? (
          <ErrorMessage>The run could not be started. {startReal.error.message}</ErrorMessage>
        ) : null}
        {confirming ? (
          <div className="run-confirm" role="group" aria-label="Confirm the retention run">
            <p className="run-confirm__warning">{consequences(dryRun)}</p>
            <div className="run-panel__actions">
              <BusyButton
                type="button"
                className="button button--danger"
                onClick={runForReal}
                busy={startReal.isPending}
              >
                Yes, run retention now
              </BusyButton>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setConfirming(false);
                }}
                disabled={startReal.isPending}
              >
                Cancel
              </button>
            </div>
          </div>
        ) : (
          <div className="run-panel__actions">
            <button
              type="button"
              className="button button--danger"
              onClick={() => {
                setConfirming(true);
              }}
            >
              Run for real
            </button>
            <button type="button" className="button button--secondary" onClick={runDry}>
              Dry run again
            </button>
          </div>
        )}
      </>
    );
  } else {
    body = (
      <div className="run-panel__actions">
        <BusyButton
          type="button"
          className="button button--primary"
          onClick={runDry}
          busy={startDry.isPending}
        >
          Dry run
        </BusyButton>
        <span className="run-panel__hint">Shows what would be deleted, and changes nothing.</span>
      </div>
    );
  }

  return (
    <section className="card run-panel" aria-labelledby="run-retention-title">
      <div className="card__header">
        <h2 className="card__title" id="run-retention-title">
          Run retention
        </h2>
        <p className="card__description">
          Deletes call recordings past their retention, with their audio, and clears personal-data fields past
          theirs. Recordings on legal hold, and those of anyone with an open data-subject request, are kept.
          Hushdesk also runs this every night.
        </p>
      </div>
      {startDry.error ? (
        <ErrorMessage>The dry run could not be started. {startDry.error.message}</ErrorMessage>
      ) : null}
      {body}
      <StatusMessage>
        {realRunId && realFinished
          ? realStatus === 'completed'
            ? 'The retention run has completed.'
            : 'The retention run failed.'
          : null}
      </StatusMessage>
    </section>
  );
}
