import type { TicketView } from '@hushdesk/api-client';
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { useCurrentUser } from '../../auth';
import {
  type TicketFilters,
  useCreateView,
  useDeleteView,
  useStaffTicketPaths,
  useViews,
  viewCountLabel,
  viewCountNoun,
} from '../../tickets';

type ViewFilters = TicketView['filters'];

/** The queue's URL for a view's filters (the queue reads its filters from the query string). */
export function viewSearch(filters: ViewFilters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.assigneeId) params.set('assignee', filters.assigneeId);
  if (filters.groupId) params.set('group', filters.groupId);
  if (filters.sla) params.set('sla', filters.sla);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The filters a view can keep (no search text: it may name a person). */
function savable(filters: TicketFilters): ViewFilters {
  const out: ViewFilters = {};
  if (filters.status) out.status = filters.status;
  if (filters.priority) out.priority = filters.priority;
  if (filters.assigneeId) out.assigneeId = filters.assigneeId;
  if (filters.groupId) out.groupId = filters.groupId;
  if (filters.sla) out.sla = filters.sla;
  return out;
}

const sameFilters = (a: ViewFilters, b: ViewFilters) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * The queue's left column: shared views (an admin's), then the engineer's own, each a link to the
 * queue with its filters and the number of tickets in it, kept live. Under them, the current
 * filters can be saved as a new view.
 */
export function ViewsColumn({ filters }: { filters: TicketFilters }) {
  const views = useViews();
  const role = useCurrentUser().data?.role;
  const current = savable(filters);
  const shared = views.data?.filter((v) => v.shared) ?? [];
  const own = views.data?.filter((v) => !v.shared) ?? [];

  return (
    <nav className="views-column" aria-label="Views">
      <h2 className="views-column__title">Views</h2>
      {views.error ? <ErrorMessage>Views could not be loaded. {views.error.message}</ErrorMessage> : null}
      <ViewList label="Shared views" views={shared} current={current} canDelete={role === 'admin'} />
      <ViewList label="My views" views={own} current={current} canDelete empty="No views of your own yet." />
      <SaveViewForm filters={current} searching={!!filters.q} canShare={role === 'admin'} />
    </nav>
  );
}

function ViewList({
  label,
  views,
  current,
  canDelete,
  empty,
}: {
  label: string;
  views: TicketView[];
  current: ViewFilters;
  canDelete: boolean;
  empty?: string;
}) {
  const remove = useDeleteView();
  const paths = useStaffTicketPaths();
  if (!views.length && !empty) return null;
  const headingId = `views-${label.replace(/\s+/g, '-').toLowerCase()}`;
  return (
    <section className="views-column__group" aria-labelledby={headingId}>
      <h3 id={headingId} className="views-column__heading">
        {label}
      </h3>
      {views.length ? (
        <ul className="views-column__list">
          {views.map((view) => {
            const active = sameFilters(view.filters, current);
            return (
              <li key={view.id} className={active ? 'views-column__item is-active' : 'views-column__item'}>
                <Link
                  to={`${paths.queue}${viewSearch(view.filters)}`}
                  className="views-column__link"
                  aria-current={active ? 'page' : undefined}
                >
                  <span className="views-column__name">{view.name}</span>
                  <span className="views-column__count" data-testid="view-count">
                    {viewCountLabel(view)}
                    <span className="visually-hidden"> {viewCountNoun(view)}</span>
                  </span>
                </Link>
                {canDelete ? (
                  <button
                    type="button"
                    className="views-column__delete"
                    disabled={remove.isPending}
                    onClick={() => {
                      remove.mutate(view.id);
                    }}
                  >
                    <span aria-hidden="true">×</span>
                    <span className="visually-hidden">Delete the view {view.name}</span>
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="views-column__empty">{empty}</p>
      )}
      {remove.error ? <ErrorMessage>{remove.error.message}</ErrorMessage> : null}
    </section>
  );
}

function SaveViewForm({
  filters,
  searching,
  canShare,
}: {
  filters: ViewFilters;
  searching: boolean;
  canShare: boolean;
}) {
  const create = useCreateView();
  const [name, setName] = useState('');
  const [share, setShare] = useState(false);
  const [saved, setSaved] = useState('');

  const save = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(
      { name: name.trim(), filters, ...(canShare && share ? { shared: true } : {}) },
      {
        onSuccess: (view) => {
          setSaved(`Saved the view “${view.name}”.`);
          setName('');
          setShare(false);
        },
      },
    );
  };

  return (
    <form className="views-column__save" onSubmit={save}>
      <TextField
        id="view-name"
        label="Save these filters as a view"
        hint={searching ? 'Search text is not saved in a view.' : undefined}
        placeholder="View name"
        value={name}
        maxLength={60}
        onChange={(event) => {
          setName(event.target.value);
          setSaved('');
        }}
      />
      {canShare ? (
        <label className="checkbox views-column__share">
          <input
            type="checkbox"
            checked={share}
            onChange={(event) => {
              setShare(event.target.checked);
            }}
          />
          Share with all staff
        </label>
      ) : null}
      <BusyButton
        type="submit"
        className="button button--secondary button--small"
        busy={create.isPending}
        disabled={!name.trim()}
      >
        Save view
      </BusyButton>
      <div role="status" aria-live="polite" className="visually-hidden">
        {saved}
      </div>
      {create.error ? <ErrorMessage>{create.error.message}</ErrorMessage> : null}
    </form>
  );
}
