import type { TicketSummary } from '@hushdesk/api-client';
import { displayName, type TicketStatus } from '@hushdesk/contracts';
import {
  isPriority,
  isTicketStatus,
  PRIORITIES,
  PRIORITY_LABELS,
  STATUS_LABELS,
  TICKET_STATUSES,
} from '@hushdesk/ticketing';
import { useEffect, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { engineerLabel } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useNow } from '../../../lib/use-now';
import { SelectField } from '../../../ui/Field';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { QueueIcon, SearchIcon } from '../../../ui/icons';
import { Card, EmptyState, PageHeader } from '../../../ui/Layout';
import {
  LiveIndicator,
  SlaTimer,
  PriorityBadge,
  StatusBadge,
  typeAndCategory,
  type TicketFilters,
  useTicketEvent,
  useEngineers,
  useTicketGroups,
  useStaffTicketPaths,
  useTicketList,
} from '../../tickets';
import { TableFooter } from '../../../ui/TableFooter';
import { TableScroll } from '../../../ui/TableScroll';
import '../../../ui/filter-bar.css';
import '../../../ui/tables.css';
import { BulkActionBar } from './BulkActionBar';
import { useQueueSelection } from './use-queue-selection';
import { ViewsColumn } from './ViewsColumn';
import './console.css';
import './queue.css';
import { QueueShortcuts } from './QueueShortcuts';

const SEARCH_DELAY_MS = 350;

/** The URL's query string is the source of truth for the filters, so they survive reloads and Back. */
const PARAM = {
  status: 'status',
  priority: 'priority',
  assignee: 'assignee',
  group: 'group',
  sla: 'sla',
  q: 'q',
} as const;
type Param = keyof typeof PARAM;

function readFilters(params: URLSearchParams): TicketFilters {
  const status = params.get(PARAM.status);
  const priority = params.get(PARAM.priority);
  const sla = params.get(PARAM.sla);
  const filters: TicketFilters = {};
  if (isTicketStatus(status)) filters.status = status;
  if (isPriority(priority)) filters.priority = priority;
  const assignee = params.get(PARAM.assignee);
  if (assignee) filters.assigneeId = assignee;
  const group = params.get(PARAM.group);
  if (group) filters.groupId = group;
  if (sla === 'at_risk' || sla === 'breached') filters.sla = sla;
  const q = params.get(PARAM.q)?.trim();
  if (q) filters.q = q;
  return filters;
}

export function ConsoleHomePage() {
  useDocumentTitle('Queue');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);

  const setFilter = (name: Param, value: string | undefined) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(PARAM[name], value);
        else next.delete(PARAM[name]);
        return next;
      },
      { replace: true },
    );
  };

  return (
    <>
      <PageHeader
        title="Queue"
        description="Requests from every organisation you support, the soonest SLA deadline first."
        actions={<LiveIndicator />}
      />
      <div className="queue-layout">
        <ViewsColumn filters={filters} />
        <QueueTable
          filters={filters}
          setFilter={setFilter}
          clearFilters={() => setParams({}, { replace: true })}
        />
      </div>
      <QueueShortcuts />
    </>
  );
}

function QueueTable({
  filters,
  setFilter,
  clearFilters,
}: {
  filters: TicketFilters;
  setFilter: (name: Param, value: string | undefined) => void;
  clearFilters: () => void;
}) {
  const now = useNow(30_000);
  const paths = useStaffTicketPaths();
  const list = useTicketList(filters);
  const {
    data,
    isPending,
    error,
    refetch,
    hasNextPage,
    fetchNextPage,
    isFetchingNextPage,
    isPlaceholderData,
  } = list;
  const rows = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  const counts = data?.pages[0]
    ? {
        byStatus: data.pages[0].counts,
        limit: data.pages[0].countsLimit,
        partial: data.pages[0].countsPartial,
        exact: data.pages[0].countsExact,
      }
    : undefined;
  const filtered = Object.keys(filters).length > 0;
  const rowIds = useMemo(() => rows.map((row) => row.id), [rows]);
  // Tickets the filters match (the chip that is on), as far as the counts go.
  const matching = counts
    ? filters.status
      ? counts.byStatus[filters.status]
      : TICKET_STATUSES.reduce((sum, status) => sum + counts.byStatus[status], 0)
    : rows.length;
  const matchingAtLeast = counts
    ? !counts.exact &&
      (counts.partial ||
        (filters.status
          ? counts.byStatus[filters.status] >= counts.limit
          : TICKET_STATUSES.some((status) => counts.byStatus[status] >= counts.limit)))
    : false;
  const selection = useQueueSelection(rowIds, JSON.stringify(filters), matching);
  const allLoadedPicked = rows.length > 0 && rows.every((row) => selection.isSelected(row.id));

  // Tickets that arrived while the queue was open: highlighted, and announced.
  const [arrived, setArrived] = useState<ReadonlySet<string>>(() => new Set());
  const [announcement, setAnnouncement] = useState('');
  useTicketEvent('ticket.created', (ticket: TicketSummary) => {
    setArrived((current) => new Set(current).add(ticket.id));
    setAnnouncement(
      `New ticket ${ticket.reference} from ${ticket.organisation.name}: ${ticket.subject}, ${PRIORITY_LABELS[ticket.priority]}.`,
    );
  });

  let body;
  if (isPending) {
    body = <Spinner label="Loading the queue…" />;
  } else if (error && rows.length === 0) {
    body = (
      <LoadError onRetry={() => void refetch()}>The queue could not be loaded. {error.message}</LoadError>
    );
  } else if (rows.length === 0) {
    body = filtered ? (
      <EmptyState
        icon={<SearchIcon size={28} />}
        title="No tickets match"
        action={
          <button type="button" className="button button--secondary" onClick={clearFilters}>
            Clear filters
          </button>
        }
      >
        <p>Nothing in the queue matches these filters{filters.q ? ` and “${filters.q}”` : ''}.</p>
      </EmptyState>
    ) : (
      <EmptyState icon={<QueueIcon size={28} />} title="Nothing is waiting">
        <p>
          New requests land here as soon as a customer logs them. Pick one up to see the details you need to
          fix the fault.
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <TableScroll label="Ticket queue table">
          <table
            className={`table ticket-table queue-table${isPlaceholderData ? ' is-updating' : ''}`}
            aria-busy={isPlaceholderData}
          >
            <caption className="visually-hidden">Tickets, soonest SLA deadline first</caption>
            <thead>
              <tr>
                <th scope="col" className="queue-table__select">
                  <input
                    type="checkbox"
                    aria-label="Select every loaded ticket"
                    checked={allLoadedPicked}
                    ref={(box) => {
                      if (box) box.indeterminate = !allLoadedPicked && selection.count > 0;
                    }}
                    onChange={selection.toggleLoaded}
                  />
                </th>
                <th scope="col">Ticket</th>
                <th scope="col">Requester</th>
                <th scope="col">Priority</th>
                <th scope="col">Status</th>
                <th scope="col">Assignee</th>
                <th scope="col">SLA</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((ticket, index) => (
                <tr
                  key={ticket.id}
                  className={[
                    'queue-row',
                    arrived.has(ticket.id) ? 'table__row--new' : '',
                    selection.isSelected(ticket.id) ? 'is-selected' : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  data-queue-row={index}
                  data-ticket-id={ticket.id}
                  tabIndex={-1}
                >
                  <td className="queue-table__select">
                    <input
                      type="checkbox"
                      aria-label={`Select ${ticket.reference}`}
                      checked={selection.isSelected(ticket.id)}
                      // A click with Shift picks the range from the last row picked; onChange has no modifier keys.
                      onClick={(event) => {
                        selection.toggle(index, { range: event.shiftKey });
                      }}
                      onChange={() => undefined}
                    />
                  </td>
                  <th scope="row" className="table__primary ticket-table__subject">
                    <span className="ticket-table__reference ticket-table__reference--inline">
                      {ticket.reference}
                    </span>
                    <Link to={paths.ticket(ticket.id)} className="ticket-table__link">
                      {ticket.subject}
                    </Link>
                    <span className="ticket-table__secondary">{typeAndCategory(ticket)}</span>
                  </th>
                  <td>
                    <span className="ticket-table__person">
                      {displayName(ticket.requester.name, 'customer')}
                    </span>
                    <span className="ticket-table__secondary">{ticket.organisation.name}</span>
                  </td>
                  <td>
                    <PriorityBadge priority={ticket.priority} />
                  </td>
                  <td>
                    <StatusBadge status={ticket.status} />
                  </td>
                  <td>
                    {ticket.assignee ? (
                      engineerLabel(ticket.assignee)
                    ) : (
                      <span className="muted">Unassigned</span>
                    )}
                  </td>
                  <td>
                    <SlaTimer ticket={ticket} now={now} />
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
    <Card className="card--flush queue-card" as="div">
      <FilterBar filters={filters} setFilter={setFilter} counts={counts} />
      <BulkActionBar
        selection={selection}
        filters={filters}
        loaded={rows.length}
        matching={matching}
        matchingLabel={formatCount(matching, matchingAtLeast)}
      />
      {body}
      <div role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
    </Card>
  );
}

function FilterBar({
  filters,
  setFilter,
  counts,
}: {
  filters: TicketFilters;
  setFilter: (name: Param, value: string | undefined) => void;
  counts:
    { byStatus: Record<TicketStatus, number>; limit: number; partial: boolean; exact: boolean } | undefined;
}) {
  const engineers = useEngineers();
  const groups = useTicketGroups();

  // The search box types freely; the queue follows once typing pauses (or on Enter).
  const appliedQuery = filters.q ?? '';
  const [query, setQuery] = useState(appliedQuery);
  // What this box last sent: a different value in the URL came from elsewhere (Back, a chip).
  const sentRef = useRef(appliedQuery);
  useEffect(() => {
    if (appliedQuery === sentRef.current) return;
    sentRef.current = appliedQuery;
    setQuery(appliedQuery);
  }, [appliedQuery]);
  useEffect(() => {
    const text = query.trim();
    if (text === appliedQuery) return undefined;
    const timer = window.setTimeout(() => {
      sentRef.current = text;
      setFilter('q', text || undefined);
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
    };
    // setFilter is recreated every render; the query text is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, appliedQuery]);

  const handleSearch = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    sentRef.current = query.trim();
    setFilter('q', query.trim() || undefined);
  };

  const total = counts
    ? formatCount(
        TICKET_STATUSES.reduce((sum, status) => sum + (counts.byStatus[status] ?? 0), 0),
        !counts.exact &&
          (counts.partial || TICKET_STATUSES.some((status) => counts.byStatus[status] >= counts.limit)),
      )
    : undefined;
  const statusCount = (status: TicketStatus) =>
    counts
      ? formatCount(
          counts.byStatus[status] ?? 0,
          !counts.exact && (counts.partial || counts.byStatus[status] >= counts.limit),
        )
      : '';

  return (
    <div className="filter-bar">
      <div className="filter-bar__top">
        <form role="search" className="search-box" onSubmit={handleSearch}>
          <label htmlFor="queue-search" className="field__label">
            Search tickets
          </label>
          <div className="search-box__control">
            <SearchIcon size={18} />
            <input
              id="queue-search"
              type="search"
              className="input search-box__input"
              placeholder="Subjects, messages, equipment, names"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
              }}
            />
          </div>
        </form>

        {counts ? (
          <div className="status-chips" role="group" aria-label="Ticket counts">
            <button
              type="button"
              className="status-chip"
              aria-pressed={!filters.status}
              onClick={() => {
                setFilter('status', undefined);
              }}
            >
              All <span className="status-chip__count">{total}</span>
            </button>
            {TICKET_STATUSES.map((status) => (
              <button
                key={status}
                type="button"
                className={`status-chip status-chip--${status}`}
                aria-pressed={filters.status === status}
                onClick={() => {
                  setFilter('status', filters.status === status ? undefined : status);
                }}
              >
                {STATUS_LABELS[status]} <span className="status-chip__count">{statusCount(status)}</span>
              </button>
            ))}
          </div>
        ) : null}
      </div>

      <div className="filter-bar__selects">
        <SelectField
          id="filter-status"
          label="Status"
          value={filters.status ?? ''}
          onChange={(event) => {
            setFilter('status', event.target.value || undefined);
          }}
        >
          <option value="">Any</option>
          {TICKET_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="filter-priority"
          label="Priority"
          value={filters.priority ?? ''}
          onChange={(event) => {
            setFilter('priority', event.target.value || undefined);
          }}
        >
          <option value="">Any</option>
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {PRIORITY_LABELS[priority]}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="filter-assignee"
          label="Assignee"
          value={filters.assigneeId ?? ''}
          onChange={(event) => {
            setFilter('assignee', event.target.value || undefined);
          }}
        >
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="unassigned">Unassigned</option>
          {engineers.data?.map((engineer) => (
            <option key={engineer.id} value={engineer.id}>
              {engineerLabel(engineer)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="filter-group"
          label="Group"
          value={filters.groupId ?? ''}
          onChange={(event) => {
            setFilter('group', event.target.value || undefined);
          }}
        >
          <option value="">Any</option>
          {groups.data?.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="filter-sla"
          label="SLA"
          value={filters.sla ?? ''}
          onChange={(event) => {
            setFilter('sla', event.target.value || undefined);
          }}
        >
          <option value="">Any</option>
          <option value="at_risk">At risk</option>
          <option value="breached">Breached</option>
        </SelectField>
      </div>
    </div>
  );
}

/**
 * A narrowed queue's counts stop at a limit (the API counts up to it): "1,000+" rather than a slow
 * exact figure. The whole queue's counts are exact (`countsExact`).
 */
function formatCount(n: number, atLeast: boolean): string {
  return `${n.toLocaleString('en-GB')}${atLeast ? '+' : ''}`;
}
