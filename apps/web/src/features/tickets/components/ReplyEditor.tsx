import { useId, useState, type ClipboardEvent, type KeyboardEvent, type ReactNode } from 'react';
import { RichText } from './RichText';
import './reply-box.css';

type Tab = 'write' | 'preview';

/**
 * A Markdown text box with Write and Preview tabs. The preview uses the renderer the thread and
 * the outbound mail use, so it shows exactly what will be sent.
 */
export function ReplyEditor({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  rows = 6,
  onKeyDown,
  onFocus,
  onBlur,
  onPaste,
  toolbar,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: ReactNode;
  error?: string;
  rows?: number;
  onKeyDown?: (event: KeyboardEvent<HTMLTextAreaElement>) => void;
  onFocus?: () => void;
  onBlur?: () => void;
  onPaste?: (event: ClipboardEvent<HTMLTextAreaElement>) => void;
  /** Beside the tabs: the macro picker. */
  toolbar?: ReactNode;
}) {
  const [tab, setTab] = useState<Tab>('write');
  const base = useId();
  const tabId = (t: Tab) => `${base}-${t}-tab`;
  const panelId = (t: Tab) => `${base}-${t}-panel`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');

  const select = (next: Tab) => {
    setTab(next);
    document.getElementById(tabId(next))?.focus();
  };
  const handleTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (
      event.key === 'ArrowRight' ||
      event.key === 'ArrowLeft' ||
      event.key === 'Home' ||
      event.key === 'End'
    ) {
      event.preventDefault();
      select(tab === 'write' ? 'preview' : 'write');
    }
  };

  return (
    <div className={error ? 'field field--invalid reply-editor' : 'field reply-editor'}>
      <div className="reply-editor__head">
        <label className="field__label" htmlFor={id} id={`${id}-label`}>
          {label}
        </label>
        <div className="reply-editor__tools">
          {toolbar}
          <div className="reply-editor__tabs" role="tablist" aria-label="Write or preview">
            {(['write', 'preview'] as const).map((t) => (
              <button
                key={t}
                id={tabId(t)}
                type="button"
                role="tab"
                className="reply-editor__tab"
                aria-selected={tab === t}
                aria-controls={panelId(t)}
                tabIndex={tab === t ? 0 : -1}
                onClick={() => {
                  setTab(t);
                }}
                onKeyDown={handleTabKey}
              >
                {t === 'write' ? 'Write' : 'Preview'}
              </button>
            ))}
          </div>
        </div>
      </div>
      <div id={panelId('write')} role="tabpanel" aria-labelledby={tabId('write')} hidden={tab !== 'write'}>
        <textarea
          id={id}
          name={id}
          className="input textarea"
          rows={rows}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onBlur={onBlur}
          onPaste={onPaste}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
      </div>
      <div
        id={panelId('preview')}
        role="tabpanel"
        aria-labelledby={tabId('preview')}
        hidden={tab !== 'preview'}
        className="reply-editor__preview"
        tabIndex={0}
        data-testid="reply-preview"
      >
        {tab === 'preview' ? (
          value.trim() ? (
            <RichText source={value} />
          ) : (
            <p className="reply-editor__empty">Nothing to preview yet.</p>
          )
        ) : null}
      </div>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Puts `text` into a text box's value at its cursor (or in place of its selection). */
export function insertAtCursor(id: string, current: string, text: string): { value: string; caret: number } {
  const box = document.getElementById(id) as HTMLTextAreaElement | null;
  if (!box || !current) return { value: text, caret: text.length };
  const start = box.selectionStart;
  const end = box.selectionEnd;
  const before = current.slice(0, start);
  const after = current.slice(end);
  const gap = before && !before.endsWith('\n') ? '\n\n' : '';
  const value = `${before}${gap}${text}${after}`;
  return { value, caret: before.length + gap.length + text.length };
}
