import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useShortcuts, type Shortcut } from '../lib/use-shortcuts';
import './shortcuts.css';

const keyName = (key: string) => (key === ' ' ? 'Space' : key);

/**
 * A page's keyboard shortcuts, and `?` to list them in a modal dialog (Escape or Close shuts it
 * and gives focus back to where it was).
 */
export function KeyboardShortcuts({ shortcuts }: { shortcuts: readonly Shortcut[] }) {
  const [open, setOpen] = useState(false);
  const all = useMemo(
    () => [
      ...shortcuts,
      {
        key: '?',
        label: 'Show these shortcuts',
        run: () => {
          setOpen(true);
        },
      },
    ],
    [shortcuts],
  );
  useShortcuts(all);
  return open ? (
    <ShortcutsDialog
      shortcuts={all}
      onClose={() => {
        setOpen(false);
      }}
    />
  ) : null;
}

function ShortcutsDialog({ shortcuts, onClose }: { shortcuts: readonly Shortcut[]; onClose: () => void }) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      before?.focus();
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="shortcuts-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="shortcuts-dialog__head">
        <h2 className="shortcuts-dialog__title" id={titleId}>
          Keyboard shortcuts
        </h2>
        <button type="button" className="button button--secondary button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="shortcuts-dialog__hint">They do nothing while you are typing in a field.</p>
      <dl className="shortcuts-dialog__list">
        {shortcuts.map((shortcut) => (
          <div key={shortcut.key} className="shortcuts-dialog__row">
            <dt>
              <kbd>{keyName(shortcut.key)}</kbd>
            </dt>
            <dd>{shortcut.label}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}
