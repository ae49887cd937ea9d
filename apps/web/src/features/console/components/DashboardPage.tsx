import { PRIORITIES, PRIORITY_LABELS } from '@hushdesk/ticketing';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { Card, PageHeader } from '../../../ui/Layout';
import { LiveIndicator, useDashboard } from '../../tickets';
import { BarChart, DonutChart, type ChartDatum } from '../../../ui/Charts';
import '../../../ui/stat-tiles.css';
import './console.css';

/** Colours with at least 3:1 contrast against the white card. */
const PRIORITY_COLORS = { P1: '#c81e1e', P2: '#c4320a', P3: '#4338ca', P4: '#64748b' } as const;
const SLA_SERIES = [
  { key: 'ok', label: 'On track', color: '#047857' },
  { key: 'at_risk', label: 'At risk', color: '#b45309' },
  { key: 'breached', label: 'Breached', color: '#c81e1e' },
  { key: 'paused', label: 'Paused', color: '#64748b' },
] as const;

export function DashboardPage() {
  useDocumentTitle('Dashboard');
  const { data, isPending, error, refetch } = useDashboard();

  let body;
  if (isPending) {
    body = <Spinner label="Loading the dashboard…" />;
  } else if (error) {
    body = (
      <LoadError onRetry={() => void refetch()}>The dashboard could not be loaded. {error.message}</LoadError>
    );
  } else {
    const byPriority: ChartDatum[] = PRIORITIES.map((priority) => ({
      key: priority,
      label: PRIORITY_LABELS[priority],
      value: data.openByPriority[priority] ?? 0,
      color: PRIORITY_COLORS[priority],
    }));
    const bySla: ChartDatum[] = SLA_SERIES.map((series) => ({
      ...series,
      value: data.openBySla[series.key] ?? 0,
    }));
    const totalOpen = byPriority.reduce((sum, datum) => sum + datum.value, 0);

    body = (
      <>
        <dl className="stat-tiles">
          <div className="stat-tile">
            <dt>Open tickets</dt>
            <dd>{totalOpen}</dd>
          </div>
          <div className="stat-tile stat-tile--danger">
            <dt>SLA breached</dt>
            <dd>{data.openBySla.breached ?? 0}</dd>
            <dd className="stat-tile__link">
              <Link to="/console?sla=breached">Show breached tickets</Link>
            </dd>
          </div>
          <div className="stat-tile stat-tile--warning">
            <dt>SLA at risk</dt>
            <dd>{data.openBySla.at_risk ?? 0}</dd>
            <dd className="stat-tile__link">
              <Link to="/console?sla=at_risk">Show at-risk tickets</Link>
            </dd>
          </div>
          <div className="stat-tile">
            <dt>Critical (P1)</dt>
            <dd>{data.openByPriority.P1 ?? 0}</dd>
            <dd className="stat-tile__link">
              <Link to="/console?priority=P1">Show P1 tickets</Link>
            </dd>
          </div>
        </dl>

        <div className="dashboard-grid">
          <Card title="Open tickets by priority" titleId="chart-priority-title">
            <BarChart title="Open tickets by priority" data={byPriority} unit="Open tickets" />
          </Card>
          <Card title="Open tickets by SLA state" titleId="chart-sla-title">
            <DonutChart
              title="Open tickets by SLA state"
              data={bySla}
              unit="Open tickets"
              centerLabel="open"
            />
          </Card>
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Dashboard"
        description="Open tickets right now, across every organisation. It updates as tickets change."
        actions={<LiveIndicator />}
      />
      {body}
    </>
  );
}
