import { useState } from 'react';
import { formatDateTime, formatShortDateTime } from '../../../lib/format';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { Badge } from '../../../ui/Layout';
import { reportOf, type RetentionRun, type RunStatus } from '../api/retention-api';
import { useRetentionRuns } from '../hooks/use-retention';
import { ReportView } from './ReportView';
import { TableScroll } from '../../../ui/TableScroll';

const STATUS: Record<RunStatus, { label: string; tone: 'neutral' | 'accent' | 'success' | 'danger' }> = {
  queued: { label: 'Queued', tone: 'neutral' },
  running: { label: 'Running', tone: 'accent' },
  completed: { label: 'Completed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
};

/** "2 deleted", "None to delete": a dry run deletes nothing, so it says what a real run would. */
function deletedCell(run: RetentionRun): string {
  const report = reportOf(run);
  if (!report) return '—';
  const count = run.dryRun ? report.recordings.expired : report.recordings.deleted;
  const what = run.dryRun ? 'to delete' : 'deleted';
  return count === 0 ? `None ${what}` : `${String(count)} ${what}`;
}

/** "1 on legal hold, 2 for an open request", or "None". */
function skippedCell(run: RetentionRun): string {
  const report = reportOf(run);
  if (!report) return '—';
  const { legalHold, openDsar } = report.recordings.skipped;
  const parts = [
    legalHold > 0 ? `${String(legalHold)} on legal hold` : null,
    openDsar > 0 ? `${String(openDsar)} for ${openDsar === 1 ? 'an open request' : 'open requests'}` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'None';
}

/** The last twenty runs, dry and real, scheduled or started here; each report can be opened. */
export function RecentRuns() {
  const runs = useRetentionRuns();
  const [openId, setOpenId] = useState<string | null>(null);

  let body;
  if (runs.isPending) {
    body = <Spinner label="Loading recent runs…" />;
  } else if (runs.error) {
    body = (
      <div className="retention-card__body">
        <LoadError onRetry={() => void runs.refetch()}>
          The recent runs could not be loaded. {runs.error.message}
        </LoadError>
      </div>
    );
  } else if (runs.data.length === 0) {
    body = <p className="retention-card__empty">No runs yet. The first nightly run will appear here.</p>;
  } else {
    const open = runs.data.find((run) => run.id === openId);
    const openReport = reportOf(open);
    body = (
      <>
        <TableScroll label="Retention runs table">
          <table className="table runs-table">
            <caption className="visually-hidden">Recent retention runs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Recordings</th>
                <th scope="col">Kept past retention</th>
                <th scope="col">
                  <span className="visually-hidden">Report</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((run) => {
                const isOpen = run.id === openId;
                const started = formatShortDateTime(run.createdAt);
                return (
                  <tr key={run.id} className={isOpen ? 'runs-table__row--open' : undefined}>
                    <td>
                      <time dateTime={run.createdAt} title={formatDateTime(run.createdAt)}>
                        {started}
                      </time>
                    </td>
                    <td>{run.dryRun ? <Badge>Dry run</Badge> : <Badge tone="warning">Real run</Badge>}</td>
                    <td>
                      <Badge tone={STATUS[run.status].tone}>{STATUS[run.status].label}</Badge>
                    </td>
                    <td>{deletedCell(run)}</td>
                    <td>{skippedCell(run)}</td>
                    <td className="runs-table__action">
                      {reportOf(run) ? (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-expanded={isOpen}
                          aria-controls="run-report-viewer"
                          onClick={() => {
                            setOpenId(isOpen ? null : run.id);
                          }}
                        >
                          {isOpen ? 'Hide report' : 'View report'}
                          <span className="visually-hidden"> of the run started {started}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
        <div id="run-report-viewer">
          {open && openReport ? (
            <section
              className="run-viewer"
              aria-label={`Report of the ${open.dryRun ? 'dry run' : 'run'} started ${formatShortDateTime(open.createdAt)}`}
            >
              <div className="run-viewer__header">
                <h3 className="run-result__title">
                  {open.dryRun ? 'Dry run' : 'Real run'} started {formatShortDateTime(open.createdAt)}
                </h3>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => {
                    setOpenId(null);
                  }}
                >
                  Close report
                </button>
              </div>
              <ReportView report={openReport} />
            </section>
          ) : null}
        </div>
      </>
    );
  }

  return (
    <section className="card card--flush retention-card" aria-labelledby="recent-runs-title">
      <div className="retention-card__header">
        <h2 className="card__title" id="recent-runs-title">
          Recent runs
        </h2>
        <p className="card__description">The last 20 runs: the nightly ones and those started here.</p>
      </div>
      {body}
    </section>
  );
}
