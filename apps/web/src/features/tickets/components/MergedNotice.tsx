import type { TicketDetail } from '@hushdesk/api-client';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import './ticket-merge.css';

/**
 * The pointer a merged ticket keeps: where its conversation went. The API gives it to a customer
 * only when they may see that ticket.
 */
export function MergedNotice({ ticket, linkTo }: { ticket: TicketDetail; linkTo: (id: string) => string }) {
  if (!ticket.mergedInto) return null;
  const { id, reference, at } = ticket.mergedInto;
  return (
    <div className="notice notice--info merged-notice" role="note" aria-label="Merged ticket">
      <p className="notice__body">
        This ticket was merged into{' '}
        <Link to={linkTo(id)} className="merged-notice__link">
          {reference}
        </Link>{' '}
        on <time dateTime={at}>{formatDateTime(at)}</time>. Its conversation, files and calls are there now.
      </p>
    </div>
  );
}
