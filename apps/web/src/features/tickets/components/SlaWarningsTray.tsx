import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { formatShortDateTime } from '../../../lib/format';
import { ClockIcon } from '../../../ui/icons';
import { useMarkSlaWarningsRead, useSlaWarnings, type ListedSlaWarning } from '../hooks/use-sla-warnings';
import { staffTicketPaths } from '../staff-paths';
import './sla-warnings-tray.css';

const CLOCK_LABELS = { firstResponse: 'First response', resolution: 'Resolution' } as const;
const KIND_LABELS = { atRisk: 'at risk', breached: 'breached' } as const;

/** Staff who are warned: engineers, and admins who are members of a ticket group. */
const WARNED_ROLES = ['engineer', 'admin'];

const plural = (n: number) => `${n} unread SLA warning${n === 1 ? '' : 's'}`;

/** The tray's first line: what is unread, or that the new ones shown are now marked read. */
function summary(unread: number, shownAsNew: number): string {
  if (unread > 0) return plural(unread);
  return shownAsNew > 0 ? `${shownAsNew} new, now marked read` : 'All read';
}

/**
 * A bell in the sidebar: how many SLA warnings the signed-in person has not read (on any device),
 * and a list of them. Opening it marks the listed ones read on the server; those stay marked as new
 * until it closes, so the reader still sees which they are.
 */
export function SlaWarningsTray({ role }: { role: string }) {
  const enabled = WARNED_ROLES.includes(role);
  const { items, unread } = useSlaWarnings(enabled);
  const markRead = useMarkSlaWarningsRead();
  const [open, setOpen] = useState(false);
  /** The ones unread when the tray was opened: still shown as new while it stays open. */
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  if (!enabled) return null;
  const ticketPage = staffTicketPaths(role)?.ticket;
  const toggle = () => {
    if (!open) {
      const unreadIds = items.filter((w) => !w.read).map((w) => w.id);
      setFresh(new Set(unreadIds));
      if (unreadIds.length) markRead.mutate(unreadIds);
    }
    setOpen(!open);
  };
  const isNew = (w: ListedSlaWarning) => !w.read || fresh.has(w.id);

  return (
    <div className="sla-tray" ref={root}>
      <button
        ref={button}
        type="button"
        className="sla-tray__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
        data-testid="sla-warnings-button"
      >
        <ClockIcon size={16} />
        <span className="sla-tray__label">SLA warnings</span>
        {unread > 0 ? (
          <span className="sla-tray__count" data-testid="sla-warnings-count">
            {unread}
            <span className="visually-hidden"> unread</span>
          </span>
        ) : null}
      </button>
      <div className="sla-tray__live" aria-live="polite">
        {unread > 0 && !open ? plural(unread) : ''}
      </div>
      {open ? (
        <section id={panelId} className="sla-tray__panel" aria-label="SLA warnings">
          <div className="sla-tray__head">
            <p className="sla-tray__summary">{summary(unread, fresh.size)}</p>
            {unread > 0 ? (
              <button
                type="button"
                className="sla-tray__mark"
                onClick={() => markRead.mutate(undefined)}
                disabled={markRead.isPending}
              >
                Mark all read
              </button>
            ) : null}
          </div>
          {markRead.isError ? (
            <p className="sla-tray__error" role="alert">
              Could not mark them read. {markRead.error.message}
            </p>
          ) : null}
          {items.length === 0 ? (
            <p className="sla-tray__empty">No SLA warnings.</p>
          ) : (
            <ul className="sla-tray__list">
              {items.map((w) => {
                const text = (
                  <>
                    <strong>{w.reference}</strong> {CLOCK_LABELS[w.clock]} {KIND_LABELS[w.kind]}
                  </>
                );
                return (
                  <li
                    key={w.id}
                    className={`sla-tray__item sla-tray__item--${w.kind}${isNew(w) ? ' sla-tray__item--new' : ''}`}
                    data-testid="sla-warning"
                    data-new={isNew(w) ? 'true' : undefined}
                  >
                    <span className="sla-tray__title">
                      {isNew(w) ? <span className="sla-tray__new">New</span> : null}
                      {ticketPage ? (
                        <Link to={ticketPage(w.ticketId)} onClick={() => setOpen(false)}>
                          {text}
                        </Link>
                      ) : (
                        <span>{text}</span>
                      )}
                    </span>
                    <span className="sla-tray__due">
                      {w.kind === 'breached' ? 'Was due' : 'Due'} {formatShortDateTime(w.dueAt)}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
