import type { Organisation } from '@hushdesk/api-client';
import { useMemo, useState } from 'react';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { BuildingIcon } from '../../../ui/icons';
import { Badge, Card, EmptyState, PageHeader } from '../../../ui/Layout';
import { useOrganisations } from '../hooks/use-organisations';
import { mergeRecent } from './merge-recent';
import { DeleteOrganisationDialog } from './DeleteOrganisationDialog';
import { EditOrganisationDialog } from './EditOrganisationDialog';
import { NewOrganisationForm } from './NewOrganisationForm';
import { RowActions } from './RowActions';
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
        <OrganisationTable
          recent={recent}
          onSaved={(organisation) =>
            setRecent((list) => list.map((item) => (item.id === organisation.id ? organisation : item)))
          }
          onDeleted={(organisation) =>
            setRecent((list) => list.filter((item) => item.id !== organisation.id))
          }
        />
      </div>
    </>
  );
}

function OrganisationTable({
  recent,
  onSaved,
  onDeleted,
}: {
  recent: Organisation[];
  onSaved: (organisation: Organisation) => void;
  onDeleted: (organisation: Organisation) => void;
}) {
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [deleting, setDeleting] = useState<Organisation | null>(null);
  const [status, setStatus] = useState<string | null>(null);
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
                <th scope="col">Tickets</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
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
                    {organisation.sharedTicketVisibility ? (
                      <Badge tone="accent">Shared</Badge>
                    ) : (
                      <span className="muted">Own tickets only</span>
                    )}
                  </td>
                  <td>
                    <time dateTime={organisation.createdAt} title={formatDateTime(organisation.createdAt)}>
                      {formatDate(organisation.createdAt)}
                    </time>
                  </td>
                  <td className="table__actions">
                    <RowActions
                      name={organisation.name}
                      actions={[
                        {
                          label: 'Edit',
                          onClick: () => {
                            setStatus(null);
                            setEditing(organisation);
                          },
                        },
                        {
                          label: 'Delete',
                          danger: true,
                          onClick: () => {
                            setStatus(null);
                            setDeleting(organisation);
                          },
                        },
                      ]}
                    />
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
      <div className="admin-status">
        <StatusMessage tone="success">{status}</StatusMessage>
      </div>
      {body}
      {editing ? (
        <EditOrganisationDialog
          organisation={editing}
          onSaved={(organisation) => {
            setEditing(null);
            setStatus(`Saved ${organisation.name}.`);
            onSaved(organisation);
          }}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {deleting ? (
        <DeleteOrganisationDialog
          organisation={deleting}
          onDeleted={(organisation) => {
            setDeleting(null);
            setStatus(`Deleted ${organisation.name}.`);
            onDeleted(organisation);
          }}
          onClose={() => setDeleting(null)}
        />
      ) : null}
    </Card>
  );
}
