import type { SlaWarningEvent } from '@hushdesk/contracts';
import { SOCKET_EVENTS } from '@hushdesk/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { client, dataOf } from '../../../lib/api-client';
import { formatShortDateTime } from '../../../lib/format';
import { useSocket } from '../../../lib/socket';
import { ClockIcon } from '../../../ui/icons';
import './sla-warnings-tray.css';

const warningKeys = { sla: ['notifications', 'sla'] as const };

const CLOCK_LABELS = { firstResponse: 'First response', resolution: 'Resolution' } as const;
const KIND_LABELS = { atRisk: 'at risk', breached: 'breached' } as const;

/** The engineer's SLA warnings: the stored ones on load, then each new one as the socket brings it. */
function useSlaWarnings(enabled: boolean) {
  const socket = useSocket();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: warningKeys.sla,
    queryFn: ({ signal }) => dataOf(client.GET('/api/notifications/sla', { signal })),
    enabled,
  });
  useEffect(() => {
    if (!socket || !enabled) return undefined;
    const onWarning = (warning: SlaWarningEvent) => {
      queryClient.setQueryData<{ items: SlaWarningEvent[] }>(warningKeys.sla, (old) => ({
        items: [warning, ...(old?.items ?? []).filter((w) => w.id !== warning.id)].slice(0, 50),
      }));
    };
    socket.on(SOCKET_EVENTS.slaWarning, onWarning);
    return () => {
      socket.off(SOCKET_EVENTS.slaWarning, onWarning);
    };
  }, [socket, enabled, queryClient]);
  return query.data?.items ?? [];
}

/**
 * A bell in the console's header: how many SLA warnings arrived since it was last opened, and a
 * list of them linking to their tickets. Engineers only (the console is theirs).
 */
export function SlaWarningsTray({ role }: { role: string }) {
  const enabled = role === 'engineer';
  const warnings = useSlaWarnings(enabled);
  const [open, setOpen] = useState(false);
  const [seenAt, setSeenAt] = useState<string | null>(null);
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
  const unseen = warnings.filter((w) => seenAt === null || w.createdAt > seenAt).length;
  const toggle = () => {
    if (!open && warnings[0]) setSeenAt(warnings[0].createdAt);
    setOpen(!open);
  };

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
        {unseen > 0 ? (
          <span className="sla-tray__count" data-testid="sla-warnings-count">
            {unseen}
            <span className="visually-hidden"> new</span>
          </span>
        ) : null}
      </button>
      <div className="sla-tray__live" aria-live="polite">
        {unseen > 0 && !open ? `${unseen} new SLA warning${unseen === 1 ? '' : 's'}` : ''}
      </div>
      {open ? (
        <section id={panelId} className="sla-tray__panel" aria-label="SLA warnings">
          {warnings.length === 0 ? (
            <p className="sla-tray__empty">No SLA warnings.</p>
          ) : (
            <ul className="sla-tray__list">
              {warnings.map((w) => (
                <li key={w.id} className={`sla-tray__item sla-tray__item--${w.kind}`}>
                  <Link to={`/console/tickets/${w.ticketId}`} onClick={() => setOpen(false)}>
                    <strong>{w.reference}</strong> {CLOCK_LABELS[w.clock]} {KIND_LABELS[w.kind]}
                  </Link>
                  <span className="sla-tray__due">
                    {w.kind === 'breached' ? 'Was due' : 'Due'} {formatShortDateTime(w.dueAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
