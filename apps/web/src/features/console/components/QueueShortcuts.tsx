import { useEffect, useMemo, useRef } from 'react';
import { useLocation } from 'react-router';
import type { Shortcut } from '../../../lib/use-shortcuts';
import { KeyboardShortcuts } from '../../../ui/KeyboardShortcuts';

/** Where the ticket page's `/` asks the queue to put the cursor in its search box. */
export interface QueueFocusState {
  focusSearch?: boolean;
}

const rowLinks = () => [...document.querySelectorAll<HTMLAnchorElement>('.queue-table .ticket-table__link')];
const focusSearch = () => {
  const box = document.getElementById('queue-search');
  if (box instanceof HTMLInputElement) {
    box.focus();
    box.select();
  }
};

/** The queue's keys: j and k move from ticket to ticket, Enter opens it, / searches. */
export function QueueShortcuts() {
  const selected = useRef(-1);
  const location = useLocation();
  const wantsSearch = (location.state as QueueFocusState | null)?.focusSearch === true;
  useEffect(() => {
    if (wantsSearch) focusSearch();
  }, [wantsSearch]);

  const shortcuts = useMemo((): Shortcut[] => {
    const move = (by: number) => {
      const links = rowLinks();
      if (!links.length) return;
      const at = links.indexOf(document.activeElement as HTMLAnchorElement);
      const from = at >= 0 ? at : Math.min(selected.current, links.length - 1);
      const next = from < 0 ? 0 : Math.max(0, Math.min(links.length - 1, from + by));
      selected.current = next;
      links[next].focus();
      links[next].scrollIntoView({ block: 'nearest' });
    };
    return [
      { key: 'j', label: 'Next ticket', run: () => move(1) },
      { key: 'k', label: 'Previous ticket', run: () => move(-1) },
      {
        key: 'Enter',
        label: 'Open the chosen ticket',
        run: () => {
          if (selected.current >= 0) rowLinks()[selected.current]?.click();
        },
      },
      { key: '/', label: 'Search tickets', run: focusSearch },
    ];
  }, []);

  return <KeyboardShortcuts shortcuts={shortcuts} />;
}
