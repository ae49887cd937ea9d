import { Link } from 'react-router';
import { InboxIcon } from '../../../ui/icons';
import { Card, EmptyState, PageHeader } from '../../../ui/Layout';

/** A ticket that does not exist, or that the signed-in account may not see (the API says 404 for both). */
export function TicketNotFound({ backTo, backLabel }: { backTo: string; backLabel: string }) {
  return (
    <>
      <PageHeader title="Request not found" />
      <Card as="div">
        <EmptyState
          icon={<InboxIcon size={28} />}
          title="We could not find that request"
          action={
            <Link to={backTo} className="button button--primary">
              {backLabel}
            </Link>
          }
        >
          <p>The link may be mistyped, or the request belongs to someone who has not shared it with you.</p>
        </EmptyState>
      </Card>
    </>
  );
}
