import type { TicketView } from '@hushdesk/api-client';
import { useState } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { ViewsIcon } from '../../../ui/icons';
import { Card, EmptyState, PageHeader } from '../../../ui/Layout';
import { TableScroll } from '../../../ui/TableScroll';
import { useCreateView, useEngineers, useTicketGroups, useViews, viewCountLabel } from '../../tickets';
import { describeFilters } from './view-filters';
import { RowActions } from './RowActions';
import { DeleteViewDialog, EditViewDialog } from './ViewDialogs';
import { ViewForm } from './ViewForm';
import './admin.css';

type Action = { kind: 'edit' | 'delete'; view: TicketView };

/**
 * `/admin/views`: the views every engineer sees at the top of the queue's views column, each with
 * the number of tickets in it now (counted for the admin; an engineer's count is of what they may
 * see). Personal views are their owners' and are not listed here.
 */
export function SharedViewsPage() {
  useDocumentTitle('Shared views');
  const views = useViews();
  const engineers = useEngineers();
  const groups = useTicketGroups();
  const create = useCreateView();
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const shared = views.data?.filter((v) => v.shared) ?? [];
  const open = (kind: Action['kind'], view: TicketView) => {
    setDone(null);
    setAction({ kind, view });
  };
  const finish = (message: string) => {
    setAction(null);
    setDone(message);
  };

  let body;
  if (views.isPending) {
    body = <Spinner label="Loading shared views…" />;
  } else if (views.error) {
    body = (
      <LoadError onRetry={() => void views.refetch()}>
        The shared views could not be loaded. {views.error.message}
      </LoadError>
    );
  } else if (shared.length === 0) {
    body = (
      <EmptyState icon={<ViewsIcon size={28} />} title="No shared views yet">
        <p>Create one with the form above; every engineer then sees it in the queue’s views column.</p>
      </EmptyState>
    );
  } else {
    body = (
      <TableScroll label="Shared view table">
        <table className="table view-table" aria-label="Shared views">
          <thead>
            <tr>
              <th scope="col">View</th>
              <th scope="col">Filters</th>
              <th scope="col" className="table__number">
                Tickets
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shared.map((view) => (
              <tr key={view.id}>
                <th scope="row" className="table__primary">
                  {view.name}
                </th>
                <td>{describeFilters(view.filters, engineers.data, groups.data)}</td>
                <td className="table__number" data-testid="shared-view-count">
                  {viewCountLabel(view)}
                </td>
                <td className="table__actions">
                  <RowActions
                    name={view.name}
                    actions={[
                      { label: 'Edit', onClick: () => open('edit', view) },
                      { label: 'Delete', onClick: () => open('delete', view), danger: true },
                    ]}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    );
  }

  return (
    <>
      <PageHeader
        title="Shared views"
        description={
          <>
            Saved queue filters every engineer sees above their own views in the{' '}
            <Link to="/console">queue</Link>’s views column. Each engineer’s count is of the tickets they may
            see.
          </>
        }
      />
      <div className="admin-stack">
        <Card title="New shared view" titleId="new-view-title">
          <ViewForm
            busy={create.isPending}
            submitLabel="Create shared view"
            onSubmit={(draft, { onError, reset }) => {
              setDone(null);
              create.mutate(
                { ...draft, shared: true },
                {
                  onSuccess: (view) => {
                    reset();
                    setDone(`Created “${view.name}”. Every engineer now sees it.`);
                  },
                  onError,
                },
              );
            }}
          />
        </Card>
        <Card className="card--flush" as="div">
          <div className="admin-status">
            <StatusMessage tone="success">{done}</StatusMessage>
          </div>
          {body}
        </Card>
      </div>
      {action?.kind === 'edit' ? (
        <EditViewDialog
          view={action.view}
          onSaved={(name) => finish(`Saved “${name}”.`)}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action?.kind === 'delete' ? (
        <DeleteViewDialog
          view={action.view}
          onDeleted={() => finish(`Deleted “${action.view.name}”.`)}
          onClose={() => setAction(null)}
        />
      ) : null}
    </>
  );
}
