import type { TicketSummary } from '@hushdesk/api-client';
import { CUSTOMER_STATUS_LABELS } from '@hushdesk/ticketing';
import { useCallback, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { formatDateTime, formatRelative } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { useNow } from '../../../lib/use-now';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { InboxIcon, LockIcon, PlusIcon, SearchIcon } from '../../../ui/icons';
import { Card, EmptyState, PageHeader } from '../../../ui/Layout';
import { useCurrentUser } from '../../auth';
import { LiveIndicator, StatusBadge, useTicketEvent, useTicketList } from '../../tickets';
import { TableFooter } from '../../../ui/TableFooter';
import { TableScroll } from '../../../ui/TableScroll';
import '../../../ui/tables.css';
import { RequestSearch } from './RequestSearch';
import './portal.css';

export function PortalHomePage() {
  useDocumentTitle('Your requests');
  const { data: user } = useCurrentUser();
  const firstName = user?.fullName?.trim().split(/\s+/)[0];

  return (
    <>
      <PageHeader
        title="Your requests"
        description={
          firstName
            ? `Welcome back, ${firstName}. Faults and requests you raise with your service provider appear here.`
            : 'Faults and requests you raise with your service provider appear here.'
        }
        actions={
          <Link to="/portal/new" className="button button--primary button--large">
            <PlusIcon size={18} />
            Log a fault or request
          </Link>
        }
      />

      <div className="home-grid">
        <MyTickets />

        <Card title="How we handle your details" titleId="portal-privacy-title" className="home-grid__aside">
          <ul className="checklist">
            <li>
              <LockIcon size={18} />
              <span>Engineers see your contact details only while they work on your request.</span>
            </li>
            <li>
              <LockIcon size={18} />
              <span>Every time someone opens your personal details, it is recorded.</span>
            </li>
            <li>
              <LockIcon size={18} />
              <span>You can ask for a copy of your data, or for it to be erased, at any time.</span>
            </li>
          </ul>
        </Card>
      </div>
    </>
  );
}

function MyTickets() {
  const now = useNow(60_000);
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const filters = useMemo(() => (q ? { q } : {}), [q]);
  const search = useCallback(
    (text: string) => {
      setParams(text ? { q: text } : {}, { replace: true });
    },
    [setParams],
  );
  const { data, isPending, error, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } =
    useTicketList(filters);
  const rows = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  const [announcement, setAnnouncement] = useState('');

  useTicketEvent('ticket.updated', (ticket: TicketSummary) => {
    setAnnouncement(`${ticket.reference} ${ticket.subject}: now ${CUSTOMER_STATUS_LABELS[ticket.status]}.`);
  });

  let body;
  if (isPending) {
    body = <Spinner label="Loading your requests…" />;
  } else if (error && rows.length === 0) {
    body = (
      <LoadError onRetry={() => void refetch()}>Your requests could not be loaded. {error.message}</LoadError>
    );
  } else if (rows.length === 0 && q) {
    body = (
      <EmptyState icon={<SearchIcon size={28} />} title="No requests match">
        <p>None of your requests matches “{q}”.</p>
      </EmptyState>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState icon={<InboxIcon size={28} />} title="You have no requests yet">
        <p>
          When you report a fault or ask for something, you can follow its progress here and reply to the
          engineer working on it. Requests from colleagues at your organisation appear here too when they
          share them.
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <TableScroll label="Your requests table">
          <table className="table ticket-table portal-table">
            <caption className="visually-hidden">Your requests, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Status</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((ticket) => (
                <tr key={ticket.id}>
                  <th scope="row" className="table__primary">
                    <span className="ticket-table__reference ticket-table__reference--inline">
                      {ticket.reference}
                    </span>
                    <Link to={`/portal/tickets/${ticket.id}`} className="ticket-table__link">
                      {ticket.subject}
                    </Link>
                  </th>
                  <td>
                    <StatusBadge status={ticket.status} audience="customer" />
                  </td>
                  <td className="ticket-table__time">
                    <time dateTime={ticket.updatedAt} title={formatDateTime(ticket.updatedAt)}>
                      {formatRelative(ticket.updatedAt, now)}
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
          partial="Showing the latest"
        />
      </>
    );
  }

  return (
    <Card className="home-grid__main card--flush" as="div">
      <div className="table-toolbar table-toolbar--split">
        <h2 className="table-toolbar__title">Requests</h2>
        <LiveIndicator />
      </div>
      <RequestSearch applied={q} onSearch={search} />
      {body}
      <div role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </div>
    </Card>
  );
}
