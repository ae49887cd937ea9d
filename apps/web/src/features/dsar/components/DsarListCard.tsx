import { DSAR_KINDS, type DsarKind } from '@hushdesk/contracts';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatDateTime } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { SelectField } from '../../../ui/Field';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { SearchIcon, ShieldIcon } from '../../../ui/icons';
import { Card, EmptyState } from '../../../ui/Layout';
import { TableFooter } from '../../../ui/TableFooter';
import type { DsarListFilters } from '../api/dsar-api';
import { useDsarList } from '../hooks/use-dsar';
import { daysLeftText, DeadlineBadge, DsarStatusBadge } from './DsarBadges';
import { KIND_SHORT_LABELS } from './dsar-labels';
import { TableScroll } from '../../../ui/TableScroll';
import { Segmented } from '../../../ui/Segmented';
import '../../../ui/tables.css';
import './dsar.css';

type ListState = NonNullable<DsarListFilters['state']>;

const STATES: { value: ListState; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
  { value: 'all', label: 'All' },
];

const isState = (value: string | null): value is ListState =>
  value === 'open' || value === 'closed' || value === 'all';
const isKind = (value: string | null): value is DsarKind =>
  value !== null && (DSAR_KINDS as readonly string[]).includes(value);

/** The DPO's requests, open ones soonest due first; the filters live in the query string. */
export function DsarListCard({ highlightId }: { highlightId?: string | null }) {
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state');
  const kindParam = params.get('kind');
  const filters = useMemo<DsarListFilters>(() => {
    const next: DsarListFilters = { state: isState(stateParam) ? stateParam : 'open' };
    if (isKind(kindParam)) next.kind = kindParam;
    return next;
  }, [stateParam, kindParam]);
  const now = useNow(60_000);
  const { data, isPending, error, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } =
    useDsarList(filters);
  const rows = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);

  const setParam = (name: 'state' | 'kind', value: string | undefined) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value && !(name === 'state' && value === 'open')) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  };

  let body;
  if (isPending) {
    body = <Spinner label="Loading requests…" />;
  } else if (error && rows.length === 0) {
    body = (
      <div className="dsar-card__body">
        <LoadError onRetry={() => void refetch()}>
          The requests could not be loaded. {error.message}
        </LoadError>
      </div>
    );
  } else if (rows.length === 0) {
    body = filters.kind ? (
      <EmptyState
        icon={<SearchIcon size={28} />}
        title="No requests match"
        action={
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setParam('kind', undefined)}
          >
            Show every kind
          </button>
        }
      >
        <p>There are no {filters.state === 'all' ? '' : `${String(filters.state)} `}requests of this kind.</p>
      </EmptyState>
    ) : filters.state === 'open' ? (
      <EmptyState icon={<ShieldIcon size={28} />} title="No requests are open">
        <p>
          When someone asks to see, correct or erase their personal data, the request appears here with the
          date it must be answered by.
        </p>
      </EmptyState>
    ) : (
      <EmptyState
        icon={<ShieldIcon size={28} />}
        title={filters.state === 'closed' ? 'No closed requests' : 'No requests yet'}
      >
        <p>Answered and rejected requests are kept here as proof of what was done.</p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <TableScroll label="Requests table">
          <table className="table ticket-table dsar-table">
            <caption className="visually-hidden">
              Data-subject requests{filters.state === 'open' ? ', soonest due first' : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Kind</th>
                <th scope="col">Subject</th>
                <th scope="col">Received</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((request) => {
                const left = daysLeftText(request, now);
                return (
                  <tr
                    key={request.id}
                    data-testid="dsar-row"
                    data-id={request.id}
                    className={request.id === highlightId ? 'table__row--new' : undefined}
                  >
                    <th scope="row" className="table__primary">
                      <Link
                        to={`/dpo/requests/${request.id}`}
                        className="ticket-table__link dsar-table__reference"
                      >
                        {request.reference}
                      </Link>
                    </th>
                    <td>{KIND_SHORT_LABELS[request.kind]}</td>
                    <td>
                      <span className="dsar-table__subject">{request.subjectLabel}</span>
                      {request.requesterRelation === 'third_party' ? (
                        <span className="ticket-table__secondary">Asked by a third party</span>
                      ) : null}
                    </td>
                    <td className="ticket-table__time">
                      <time dateTime={request.receivedAt} title={formatDateTime(request.receivedAt)}>
                        {formatDate(request.receivedAt)}
                      </time>
                    </td>
                    <td className="dsar-table__due">
                      <time dateTime={request.dueAt} title={formatDateTime(request.dueAt)}>
                        {formatDate(request.dueAt)}
                      </time>
                      <span className="dsar-table__due-line">
                        <DeadlineBadge state={request.deadlineState} />
                        {left ? <span className="dsar-table__left">{left}</span> : null}
                      </span>
                    </td>
                    <td>
                      <DsarStatusBadge status={request.status} />
                    </td>
                  </tr>
                );
              })}
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
    <Card className="home-grid__main card--flush" as="div">
      <div className="table-toolbar dsar-toolbar">
        <h2 className="table-toolbar__title" id="dsar-list-title">
          Requests
        </h2>
        <div className="dsar-toolbar__filters">
          <Segmented
            label="Show requests"
            options={STATES}
            value={filters.state}
            onChange={(state) => setParam('state', state)}
          />
          <SelectField
            id="dsar-filter-kind"
            label="Kind"
            className="dsar-toolbar__kind"
            value={filters.kind ?? ''}
            onChange={(event) => setParam('kind', event.target.value || undefined)}
          >
            <option value="">Every kind</option>
            {DSAR_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_SHORT_LABELS[kind]}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      {body}
    </Card>
  );
}
