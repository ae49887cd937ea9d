import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { PageHeader } from '../../../ui/Layout';
import { useCurrentUser } from '../../auth';
import { reportOf } from '../api/retention-api';
import { useRetentionForecast, useRetentionRuns } from '../hooks/use-retention';
import { ForecastChart } from './ForecastChart';
import { LegalHolds } from './LegalHolds';
import { RecentRuns } from './RecentRuns';
import { RetentionPeriods } from './RetentionPeriods';
import './retention.css';
import { RunRetentionPanel } from './RunRetentionPanel';

const FORECAST_TITLE = 'Recordings due to expire, next 10 weeks';

/**
 * The retention screen (DPO, and administrators in their own area): what is due to expire, the
 * run that deletes it (dry run first), recent runs, legal holds and the retention periods.
 */
export function RetentionPage() {
  useDocumentTitle('Retention');
  const { data: user } = useCurrentUser();
  const runs = useRetentionRuns();
  // The categories the engine does not sweep yet, as the latest report says.
  const latest = runs.data?.map((run) => reportOf(run)).find((report) => report !== null);

  return (
    <>
      <PageHeader
        title="Retention"
        description="How long Hushdesk keeps call recordings and other records, and the run that deletes what has expired."
      />
      <div className="retention-layout">
        <div className="retention-layout__top">
          <ForecastCard />
          <RetentionPeriods notYetSwept={latest?.notYetSwept ?? []} />
        </div>
        <RunRetentionPanel />
        <RecentRuns />
        <LegalHolds canManage={user?.role === 'dpo'} />
      </div>
    </>
  );
}

function ForecastCard() {
  const forecast = useRetentionForecast();

  let body;
  if (forecast.isPending) {
    body = <Spinner label="Loading the forecast…" />;
  } else if (forecast.error) {
    body = (
      <LoadError onRetry={() => void forecast.refetch()}>
        The forecast could not be loaded. {forecast.error.message}
      </LoadError>
    );
  } else {
    const total = forecast.data.reduce((sum, week) => sum + week.recordings, 0);
    body = (
      <>
        <p className="forecast__summary">
          <strong>{total}</strong> {total === 1 ? 'recording is' : 'recordings are'} due to be deleted in the
          next 10 weeks. This week includes any already past their retention; recordings on legal hold are not
          counted.
        </p>
        <ForecastChart title={FORECAST_TITLE} weeks={forecast.data} />
      </>
    );
  }

  return (
    <section className="card forecast-card" aria-labelledby="forecast-title">
      <h2 className="card__title" id="forecast-title">
        {FORECAST_TITLE}
      </h2>
      {body}
    </section>
  );
}
