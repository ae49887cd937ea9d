import type { TicketDetail } from '@hushdesk/api-client';
import { useState } from 'react';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import { useSolveTicket } from '../../tickets';
import '../../../ui/ticket-page.css';

/**
 * "Is this sorted?": the customer marks their request solved. It stays open to replies: replying
 * reopens it, so the card says so rather than asking to confirm.
 */
export function SolveRequestCard({ ticket }: { ticket: TicketDetail }) {
  const solve = useSolveTicket(ticket.id);
  const [done, setDone] = useState<string | null>(null);
  const open = ticket.status !== 'resolved' && ticket.status !== 'closed';
  if (!open && !done) return null;
  if (ticket.processingRestricted) return null;

  return (
    <section className="card side-card" aria-labelledby="solve-title">
      <h2 className="card__title side-card__title" id="solve-title">
        Is this sorted?
      </h2>
      {open ? (
        <>
          <p className="side-card__text">
            If the problem is fixed, or you no longer need this, mark it solved. You can reopen it by
            replying.
          </p>
          <BusyButton
            type="button"
            className="button button--secondary"
            busy={solve.isPending}
            onClick={() => {
              setDone(null);
              solve.mutate(undefined, {
                onSuccess: () => {
                  setDone('Marked as solved. Reply below if you need us again.');
                },
              });
            }}
          >
            Mark as solved
          </BusyButton>
          {solve.error ? <ErrorMessage>{solve.error.message}</ErrorMessage> : null}
        </>
      ) : null}
      <StatusMessage tone="success">{open ? null : done}</StatusMessage>
    </section>
  );
}
