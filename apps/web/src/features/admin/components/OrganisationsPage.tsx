import type { Organisation } from '@hushdesk/api-client';
import { useMemo, useState } from 'react';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { BuildingIcon } from '../../../ui/icons';
import { Badge, Card, EmptyState, PageHeader } from '../../../ui/Layout';
import { useOrganisations } from '../hooks/use-organisations';
import { mergeRecent } from './merge-recent';
import { NewOrganisationForm } from './NewOrganisationForm';
import './admin.css';
import { TableFooter } from '../../../ui/TableFooter';
import { TableScroll } from '../../../ui/TableScroll';

export function OrganisationsPage() {
  useDocumentTitle('Organisations');
  const [recent, setRecent] = useState<Organisation[]>([]);

  return (
    <>
      <PageHeader
        title="Organisations"
        description="The companies you support. Every customer account belongs to one organisation."
      />
      <div className="admin-stack">
        <NewOrganisationForm
          onCreated={(organisation) => {
            setRecent((list) => [organisation, ...list]);
          }}
        />
        <OrganisationTable recent={recent} />
      </div>
    </>
  );
}

function OrganisationTable({ recent }: { recent: Organisation[] }) {
  const { data, isPending, error, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } =
    useOrganisations();
  const loaded = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  const rows = useMemo(() => mergeRecent(recent, loaded), [recent, loaded]);
  const recentIds = useMemo(() => new Set(recent.map((organisation) => organisation.id)), [recent]);

  let body;
  if (isPending) {
    body = <Spinner label="Loading organisations…" />;
  } else if (error && rows.length === 0) {
    body = (
      <LoadError onRetry={() => void refetch()}>The list could not be loaded. {error.message}</LoadError>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState icon={<BuildingIcon size={28} />} title="No organisations yet">
        <p>Create the first one with the form above, then add its people on the Users page.</p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <TableScroll label="Organisation table">
          <table className="table" aria-label="Organisation list">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((organisation) => (
                <tr
                  key={organisation.id}
                  className={recentIds.has(organisation.id) ? 'table__row--new' : undefined}
                >
                  <th scope="row" className="table__primary">
                    {organisation.name}
                    {recentIds.has(organisation.id) ? <Badge tone="accent">New</Badge> : null}
                  </th>
                  <td>
                    <time dateTime={organisation.createdAt} title={formatDateTime(organisation.createdAt)}>
                      {formatDate(organisation.createdAt)}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <TableFooter
          shown={rows.length}
          hasMore={hasNextPage}
          loadingMore={isFetchingNextPage}
          onLoadMore={() => void fetchNextPage()}
        />
      </>
    );
  }

  return (
    <Card className="card--flush" as="div">
      {body}
    </Card>
  );
}
