import type { DsarDashboard } from '@hushdesk/api-client';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { useDsarDashboard } from '../hooks/use-dsar';
import '../../../ui/charts.css';
import '../../../ui/stat-tiles.css';
import './dsar.css';

const weekFormatter = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** The Monday of this week, as YYYY-MM-DD in the browser's calendar. */
function thisMonday(now: Date = new Date()): string {
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(monday.getFullYear())}-${pad(monday.getMonth() + 1)}-${pad(monday.getDate())}`;
}

function weekLabel(weekStart: string, current: string): string {
  if (weekStart === current) return 'This week';
  const date = new Date(`${weekStart}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? weekStart : `w/c ${weekFormatter.format(date)}`;
}

/** Open, due soon, overdue and paused, as tiles over the list. */
export function DsarCounters({ dashboard }: { dashboard: DsarDashboard }) {
  return (
    <dl className="stat-tiles dsar-counters" data-testid="dsar-counters">
      <div className="stat-tile">
        <dt>Open</dt>
        <dd>{dashboard.open}</dd>
      </div>
      <div className="stat-tile stat-tile--warning">
        <dt>Due soon</dt>
        <dd>{dashboard.dueSoon}</dd>
      </div>
      <div className="stat-tile stat-tile--danger">
        <dt>Overdue</dt>
        <dd>{dashboard.overdue}</dd>
      </div>
      <div className="stat-tile stat-tile--paused">
        <dt>Paused</dt>
        <dd>{dashboard.paused}</dd>
      </div>
    </dl>
  );
}

/**
 * Open requests by the week they are due, as CSS bars: each row is readable text (week and
 * count), and weeks already past are marked overdue in words as well as in red.
 */
export function DsarWeekChart({ weeks }: { weeks: DsarDashboard['byWeek'] }) {
  const current = thisMonday();
  const max = Math.max(1, ...weeks.map((week) => week.count));

  if (weeks.length === 0) {
    return <p className="dsar-weeks__empty">No requests are open.</p>;
  }
  return (
    <figure className="dsar-weeks" data-testid="dsar-week-chart">
      <figcaption className="visually-hidden">
        Open requests by the week they are due, earliest first
      </figcaption>
      <ol className="dsar-weeks__list">
        {weeks.map((week) => {
          const overdue = week.weekStart < current;
          return (
            <li
              key={week.weekStart}
              className={overdue ? 'dsar-weeks__row dsar-weeks__row--overdue' : 'dsar-weeks__row'}
            >
              <span className="dsar-weeks__label">
                {weekLabel(week.weekStart, current)}
                {overdue ? <span className="visually-hidden"> (overdue)</span> : null}
              </span>
              <span className="dsar-weeks__track" aria-hidden="true">
                <span
                  className="dsar-weeks__bar"
                  style={{ width: week.count > 0 ? `${String(Math.max(4, (week.count / max) * 100))}%` : 0 }}
                />
              </span>
              <span className="dsar-weeks__value">
                {week.count}
                <span className="visually-hidden">{week.count === 1 ? ' request' : ' requests'}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

/** The dashboard's counters, or their loading and error states. */
export function DsarDashboardCounters() {
  const dashboard = useDsarDashboard();
  if (dashboard.isPending) return <Spinner label="Loading the request counts…" />;
  if (dashboard.error) {
    return (
      <LoadError onRetry={() => void dashboard.refetch()}>
        The request counts could not be loaded. {dashboard.error.message}
      </LoadError>
    );
  }
  return <DsarCounters dashboard={dashboard.data} />;
}

/** The weekly chart in its card. */
export function DsarWeekChartCard() {
  const dashboard = useDsarDashboard();
  let body;
  if (dashboard.isPending) body = <Spinner label="Loading the chart…" />;
  else if (dashboard.error) {
    body = (
      <LoadError onRetry={() => void dashboard.refetch()}>
        The chart could not be loaded. {dashboard.error.message}
      </LoadError>
    );
  } else body = <DsarWeekChart weeks={dashboard.data.byWeek} />;

  return (
    <section className="card dsar-weeks-card" aria-labelledby="dsar-weeks-title">
      <div className="card__header">
        <h2 className="card__title" id="dsar-weeks-title">
          Open requests by week due
        </h2>
      </div>
      {body}
    </section>
  );
}
