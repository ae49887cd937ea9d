import { useEffect, useRef } from 'react';

/** One single-key shortcut: the key as `KeyboardEvent.key` names it ("j", "/", "?", "Enter"). */
export interface Shortcut {
  key: string;
  /** What it does, for the list `?` shows ("Next ticket"). */
  label: string;
  run: () => void;
}

/** Where a key press is someone typing, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

/** Enter on a link or a button already does what it says; a shortcut must not do something else. */
function activatesItself(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    target.closest('a[href], button, summary, [role="button"], [role="link"], [role="menuitem"]') !== null
  );
}

/**
 * Single-key shortcuts for a page, as Zendesk and Gmail have them. Nothing fires while someone is
 * typing (an input, a textarea, a select, an editable region), with Ctrl, Alt or Meta held (the
 * browser's and the screen reader's own keys), inside an open modal dialog, or when something
 * else already handled the key.
 */
export function useShortcuts(shortcuts: readonly Shortcut[], enabled = true): void {
  const current = useRef(shortcuts);
  useEffect(() => {
    current.current = shortcuts;
  }, [shortcuts]);

  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target)) return;
      if (document.querySelector('dialog[open], [aria-modal="true"]')) return;
      if (event.key === 'Enter' && activatesItself(event.target)) return;
      const shortcut = current.current.find((s) => s.key === event.key);
      if (!shortcut) return;
      event.preventDefault();
      shortcut.run();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [enabled]);
}
