import { useMemo, useState } from 'react';
import { formatDateTime, formatShortDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { SendIcon } from '../../../ui/icons';
import { Badge, Card, EmptyState, PageHeader } from '../../../ui/Layout';
import { TableFooter } from '../../../ui/TableFooter';
import { TableScroll } from '../../../ui/TableScroll';
import { OUTBOX_STATUSES, type OutboxItem, type OutboxStatus } from '../api/mail-api';
import { useMailStatus, useOutbox } from '../hooks/use-mail';
import { intakeSentence } from './IntakeNote';
import {
  OUTBOX_KIND_LABELS,
  OUTBOX_STATUS_FILTERS,
  OUTBOX_STATUS_TONES,
  outboxStatusLabel,
} from './mail-labels';
import { OutboxDetailDialog } from './OutboxDetailDialog';
import { Segmented } from '../../../ui/Segmented';
import './mail.css';

/** `/admin/outbox`: every mail Hushdesk sent, or would have sent without SMTP_URL. */
export function OutboxPage() {
  useDocumentTitle('Outbox');
  return (
    <>
      <PageHeader
        title="Outbox"
        description="Every mail Hushdesk sends to customers and staff: ticket received, replies, resolved, and staff notifications."
      />
      <div className="mail-stack">
        <SendingBanner />
        <OutboxTable />
      </div>
    </>
  );
}

/** Whether mail leaves at all: the first thing an admin needs to know here. */
function SendingBanner() {
  const status = useMailStatus();
  if (status.isPending) return <Spinner label="Checking how mail is sent…" />;
  if (status.error) {
    return (
      <LoadError onRetry={() => void status.refetch()}>
        Could not tell whether mail is being sent. {status.error.message}
      </LoadError>
    );
  }
  const { sending, from, intake } = status.data;
  return (
    <div
      className={`notice ${sending ? 'notice--success' : 'notice--warning'} mail-banner`}
      data-testid="mail-status"
    >
      <div className="notice__body">
        <p className="mail-banner__title">
          {sending
            ? 'Sending through your relay.'
            : 'Not sending: SMTP_URL is not set, mail is kept here so you can see what would have gone.'}
        </p>
        <p>
          {sending ? 'Mail goes out from' : 'Once it is set, mail goes out from'} <strong>{from}</strong>.{' '}
          {intakeSentence(intake)}
        </p>
      </div>
    </div>
  );
}

function Recipient({ item }: { item: OutboxItem }) {
  if (item.to) {
    // A long address breaks after its @ rather than anywhere.
    const at = item.to.lastIndexOf('@');
    return (
      <span className="outbox-table__to">
        {at > 0 ? (
          <>
            {item.to.slice(0, at + 1)}
            <wbr />
            {item.to.slice(at + 1)}
          </>
        ) : (
          item.to
        )}
      </span>
    );
  }
  return <span className="muted">{item.status === 'queued' ? 'Not rendered yet' : 'Not kept'}</span>;
}

function OutboxTable() {
  const [status, setStatus] = useState<OutboxStatus | undefined>(undefined);
  const [open, setOpen] = useState<string | null>(null);
  const outbox = useOutbox(status);
  const rows = useMemo(() => outbox.data?.pages.flatMap((page) => page.items) ?? [], [outbox.data]);

  const filters: { value: OutboxStatus | undefined; label: string }[] = [
    { value: undefined, label: 'All' },
    ...OUTBOX_STATUSES.map((value) => ({ value, label: OUTBOX_STATUS_FILTERS[value] })),
  ];

  let body;
  if (outbox.isPending) {
    body = <Spinner label="Loading the outbox…" />;
  } else if (outbox.error && rows.length === 0) {
    body = (
      <LoadError onRetry={() => void outbox.refetch()}>
        The outbox could not be loaded. {outbox.error.message}
      </LoadError>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState icon={<SendIcon size={28} />} title="No mail to show">
        <p>
          {status
            ? `No mail has the status “${OUTBOX_STATUS_FILTERS[status]}”.`
            : 'Mail appears here when a ticket is received, an engineer replies in public or a ticket is resolved.'}
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <TableScroll label="Outbox table">
          <table className="table outbox-table" aria-label="Outbox">
            <thead>
              <tr>
                <th scope="col">Subject and kind</th>
                <th scope="col">Status</th>
                <th scope="col">To</th>
                <th scope="col">When</th>
                <th scope="col">Ticket</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <tr key={item.id} data-testid="outbox-row">
                  <th scope="row" className="table__primary">
                    <button
                      type="button"
                      className="outbox-table__open"
                      onClick={() => {
                        setOpen(item.id);
                      }}
                    >
                      {item.subject ?? 'No subject kept'}
                      <span className="visually-hidden">: show this mail</span>
                    </button>
                    <span className="outbox-table__kind">{OUTBOX_KIND_LABELS[item.kind]}</span>
                  </th>
                  <td className="outbox-table__status">
                    <Badge tone={OUTBOX_STATUS_TONES[item.status]}>{outboxStatusLabel(item)}</Badge>
                  </td>
                  <td>
                    <Recipient item={item} />
                  </td>
                  <td className="outbox-table__when">
                    <time dateTime={item.createdAt} title={formatDateTime(item.createdAt)}>
                      {formatShortDateTime(item.createdAt)}
                    </time>
                  </td>
                  <td>
                    {item.ticket ? (
                      <span className="outbox-table__ticket">{item.ticket.reference}</span>
                    ) : (
                      <span className="muted">None</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <TableFooter
          shown={rows.length}
          hasMore={outbox.hasNextPage}
          loadingMore={outbox.isFetchingNextPage}
          onLoadMore={() => void outbox.fetchNextPage()}
          partial="Showing the latest"
        />
      </>
    );
  }

  return (
    <Card className="card--flush" as="div">
      <div className="table-toolbar">
        <Segmented label="Show mail" options={filters} value={status} onChange={setStatus} />
      </div>
      {body}
      {open ? (
        <OutboxDetailDialog
          id={open}
          onClose={() => {
            setOpen(null);
          }}
        />
      ) : null}
    </Card>
  );
}
