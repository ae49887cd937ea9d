import type { MessageVisibility } from '@hushdesk/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ticketsApi } from '../api/tickets-api';

/** How long typing must pause before the draft is saved. */
const SAVE_AFTER_MS = 800;

type DraftState = 'idle' | 'saving' | 'saved' | 'failed';

/**
 * Saves the reply box's text as the engineer's draft on the server a moment after typing stops,
 * and at once when they leave the ticket (the component unmounts) or the page goes away (a closed
 * tab, a reload, a phone switching apps), so it follows them between pages and devices. `ready` is false until the stored draft was loaded, so an empty box never
 * overwrites it. While a send is under way, `hold()` keeps a pending save back (it must not land after the send and bring the draft
 * back); `sent()` then drops it, the server having dropped the draft with the send.
 */
export function useDraftAutosave(
  ticketId: string,
  body: string,
  visibility: MessageVisibility,
  ready: boolean,
  initial: string,
): { state: DraftState; hold: () => void; sent: () => void } {
  const [state, setState] = useState<DraftState>('idle');
  const saved = useRef(initial);
  const pending = useRef<{ body: string; visibility: MessageVisibility } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    saved.current = initial;
  }, [initial]);

  const flush = useCallback(
    (keepalive = false) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
      const next = pending.current;
      pending.current = null;
      if (!next) return;
      setState('saving');
      ticketsApi
        .saveDraft(ticketId, next, keepalive)
        .then(() => {
          saved.current = next.body;
          setState('saved');
        })
        .catch(() => {
          setState('failed');
        });
    },
    [ticketId],
  );

  useEffect(() => {
    if (!ready || body === saved.current) return;
    pending.current = { body, visibility };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(flush, SAVE_AFTER_MS);
  }, [body, visibility, ready, flush]);

  // Leaving the ticket saves what was typed since the last save.
  useEffect(
    () => () => {
      flush();
    },
    [flush],
  );

  // So does the page going away, where React unmounts nothing: a request that outlives the page.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush(true);
    };
    const onPageHide = () => {
      flush(true);
    };
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [flush]);

  const hold = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const sent = useCallback(() => {
    hold();
    pending.current = null;
    saved.current = '';
    setState('idle');
  }, [hold]);
  return { state, hold, sent };
}
