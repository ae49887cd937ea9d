import type { TicketDetail, TicketMerge, TicketSummary } from '@hushdesk/api-client';
import { STATUS_LABELS } from '@hushdesk/ticketing';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage, Spinner, StatusMessage } from '../../../ui/Feedback';
import { useMergeCandidates, useMergePreview, useMergeTicket } from '../hooks/use-ticket-merge';
import '../../../ui/ticket-page.css';
import './ticket-merge.css';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What will move (or moved), in words. */
function MovedList({ merge }: { merge: TicketMerge }) {
  return (
    <ul className="merge-card__moved">
      <li>{count(merge.messages, 'message (replies and notes)', 'messages (replies and notes)')}</li>
      <li>{count(merge.attachments, 'attachment', 'attachments')}</li>
      <li>{count(merge.calls, 'call', 'calls')}</li>
      <li>{count(merge.historyEntries, 'history entry', 'history entries')}</li>
    </ul>
  );
}

/**
 * "Merge into…": find the ticket this one duplicates, see what will move, confirm. The API
 * refuses tickets whose requesters may not see each other's, and this shows its reason.
 */
export function MergeTicketCard({
  ticket,
  linkTo,
}: {
  ticket: TicketDetail;
  linkTo: (id: string) => string;
}) {
  const [open, setOpen] = useState(false);
  const [words, setWords] = useState('');
  const [chosen, setChosen] = useState<TicketSummary | null>(null);
  const [done, setDone] = useState<TicketMerge | null>(null);
  const candidates = useMergeCandidates(ticket.id, open && !chosen ? words : '');
  const preview = useMergePreview(ticket.id, chosen?.id ?? null);
  const merge = useMergeTicket(ticket.id);
  const searchRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const ids = { title: useId(), search: useId(), hint: useId(), results: useId() };

  useEffect(() => {
    if (open && !chosen) searchRef.current?.focus();
  }, [open, chosen]);
  useEffect(() => {
    if (preview.data) confirmRef.current?.focus();
  }, [preview.data]);

  if (!done && (ticket.mergedInto || ticket.status === 'closed' || ticket.processingRestricted)) return null;

  const close = () => {
    setOpen(false);
    setChosen(null);
    setWords('');
    merge.reset();
  };

  let body;
  if (done) {
    body = (
      <StatusMessage tone="success">
        <div>
          <p>
            Merged into{' '}
            <Link to={linkTo(done.intoTicketId)} className="merged-notice__link">
              {done.intoReference}
            </Link>
            . Moved there:
          </p>
          <MovedList merge={done} />
        </div>
      </StatusMessage>
    );
  } else if (!open) {
    body = (
      <>
        <p className="merge-card__intro">
          A duplicate of another ticket? Move its conversation there and close it.
        </p>
        <button
          type="button"
          className="button button--secondary button--small"
          aria-expanded={false}
          onClick={() => setOpen(true)}
        >
          Merge into…
        </button>
      </>
    );
  } else if (!chosen) {
    const found = candidates.data ?? [];
    body = (
      <div className="merge-card__search">
        <div className="field">
          <label className="field__label" htmlFor={ids.search}>
            Ticket to merge into
          </label>
          <input
            ref={searchRef}
            id={ids.search}
            className="input"
            type="search"
            value={words}
            aria-describedby={ids.hint}
            aria-controls={ids.results}
            onChange={(event) => setWords(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape') close();
            }}
          />
          <p className="field__hint" id={ids.hint}>
            A reference (HD-000123), words of the subject, or the requester’s name.
          </p>
        </div>
        <div id={ids.results} aria-live="polite">
          {candidates.isFetching && !candidates.data ? <Spinner label="Searching…" /> : null}
          {candidates.error ? (
            <ErrorMessage>The search failed. {candidates.error.message}</ErrorMessage>
          ) : null}
          {words.trim().length >= 2 && candidates.data && found.length === 0 ? (
            <p className="side-card__empty">No open ticket matches.</p>
          ) : null}
          {found.length ? (
            <ul className="merge-card__results" aria-label="Matching tickets">
              {found.map((t) => (
                <li key={t.id}>
                  <button type="button" className="merge-card__result" onClick={() => setChosen(t)}>
                    <span className="ticket-ref">{t.reference}</span> <span>{t.subject}</span>
                    <span className="merge-card__result-meta">
                      {t.requester.name ?? 'A customer'} · {STATUS_LABELS[t.status]}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <button type="button" className="button button--secondary button--small" onClick={close}>
          Cancel
        </button>
      </div>
    );
  } else {
    body = (
      <div className="merge-card__confirm">
        {preview.isPending ? <Spinner label="Checking what would move…" /> : null}
        {preview.error ? <ErrorMessage>{preview.error.message}</ErrorMessage> : null}
        {preview.data ? (
          <>
            <h3 className="merge-card__question" ref={confirmRef} tabIndex={-1}>
              Merge {preview.data.reference} into {preview.data.intoReference}?
            </h3>
            <p className="merge-card__target">“{preview.data.intoSubject}”</p>
            <p>These move to {preview.data.intoReference}:</p>
            <MovedList merge={preview.data} />
            <p className="merge-card__warning">
              {preview.data.reference} will close and point to {preview.data.intoReference}. A merge cannot be
              undone.
            </p>
          </>
        ) : null}
        {merge.error ? <ErrorMessage>{merge.error.message}</ErrorMessage> : null}
        <div className="merge-card__actions">
          {preview.data ? (
            <BusyButton
              type="button"
              className="button button--danger button--small"
              busy={merge.isPending}
              onClick={() => merge.mutate(chosen.id, { onSuccess: (result) => setDone(result) })}
            >
              Merge into {preview.data.intoReference}
            </BusyButton>
          ) : null}
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => setChosen(null)}
          >
            Choose another
          </button>
          <button type="button" className="button button--secondary button--small" onClick={close}>
            Cancel
          </button>
        </div>
      </div>
    );
  }

  return (
    <section className="card side-card merge-card" aria-labelledby={ids.title}>
      <h2 className="card__title side-card__title" id={ids.title}>
        Merge
      </h2>
      {body}
    </section>
  );
}
