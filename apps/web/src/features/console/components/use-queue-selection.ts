import { useCallback, useMemo, useState } from 'react';

/**
 * The queue's selection, for bulk changes. Rows are picked by index in the loaded list, so a
 * shift-click (or shift+Space, or `toggle(index, { range: true })` from a keyboard shortcut)
 * picks every row between the last one picked and this one. "Select all matching" stands for
 * every ticket the filters match, resolved by the API with the caller's own scope, not only the
 * loaded rows. The selection is cleared whenever the filters change (`key`).
 */
export interface QueueSelection {
  /** Ids picked by hand (empty when `allMatching`). */
  ids: ReadonlySet<string>;
  /** Every ticket matching the current filters. */
  allMatching: boolean;
  count: number;
  isSelected: (id: string) => boolean;
  /** Picks or drops the row at `index`; with `range`, every row from the last one picked to it. */
  toggle: (index: number, options?: { range?: boolean }) => void;
  /** Picks every loaded row, or drops them all when all are picked. */
  toggleLoaded: () => void;
  selectAllMatching: () => void;
  clear: () => void;
}

interface State {
  key: string;
  ids: ReadonlySet<string>;
  anchor: number | null;
  allMatching: boolean;
}

const EMPTY = (key: string): State => ({ key, ids: new Set(), anchor: null, allMatching: false });

export function useQueueSelection(rowIds: readonly string[], key: string, matching: number): QueueSelection {
  const [stored, setState] = useState<State>(() => EMPTY(key));
  // Other filters, another selection: nothing picked carries over to a queue it was not chosen in.
  const state = stored.key === key ? stored : EMPTY(key);

  const toggle = useCallback(
    (index: number, options: { range?: boolean } = {}) => {
      setState((current) => {
        const s = current.key === key ? current : EMPTY(key);
        const id = rowIds[index];
        if (id === undefined) return s;
        const ids = new Set(s.allMatching ? rowIds : s.ids);
        if (options.range && s.anchor !== null) {
          // The range takes the state of the row clicked: all picked, or all dropped.
          const pick = !ids.has(id);
          const [from, to] = s.anchor < index ? [s.anchor, index] : [index, s.anchor];
          for (let i = from; i <= to; i++) {
            if (pick) ids.add(rowIds[i]);
            else ids.delete(rowIds[i]);
          }
        } else if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { key, ids, anchor: index, allMatching: false };
      });
    },
    [key, rowIds],
  );

  const toggleLoaded = useCallback(() => {
    setState((current) => {
      const s = current.key === key ? current : EMPTY(key);
      const all = s.allMatching || rowIds.every((id) => s.ids.has(id));
      return { key, ids: all ? new Set() : new Set(rowIds), anchor: null, allMatching: false };
    });
  }, [key, rowIds]);

  return useMemo(
    () => ({
      ids: state.allMatching ? new Set<string>() : state.ids,
      allMatching: state.allMatching,
      count: state.allMatching ? matching : state.ids.size,
      isSelected: (id: string) => state.allMatching || state.ids.has(id),
      toggle,
      toggleLoaded,
      selectAllMatching: () => {
        setState({ key, ids: new Set(), anchor: null, allMatching: true });
      },
      clear: () => {
        setState(EMPTY(key));
      },
    }),
    [state, matching, toggle, toggleLoaded, key],
  );
}
