/** The dsar feature as other features and the app shell see it. */
export { releaseDownloadUrl } from './api/dsar-api';
export { DsarStatusBadge } from './components/DsarBadges';
export { DsarDashboardCounters, DsarWeekChartCard } from './components/DsarDashboardPanels';
export { DsarDownloadPage } from './components/DsarDownloadPage';
export { DsarListCard } from './components/DsarListCard';
export { DsarRequestPage } from './components/DsarRequestPage';
export { NewDsarForm } from './components/NewDsarForm';
export { KIND_PORTAL_LABELS } from './components/dsar-labels';
export { dsarKeys, useCreateDsar, useDsar, useDsarList } from './hooks/use-dsar';
