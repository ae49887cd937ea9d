import type { Macro, PersonRef, TicketGroup } from '@hushdesk/api-client';
import { PRIORITY_LABELS, STATUS_LABELS } from '@hushdesk/ticketing';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { engineerLabel } from '../../../lib/format';
import { SparkIcon } from '../../../ui/icons';
import { useMacros } from '../hooks/use-reply-tools';
import { useEngineers, useTicketGroups } from '../hooks/use-tickets';
import './reply-box.css';

/**
 * The ticket changes a macro makes, in words ("status Pending customer; tags printer"). With the
 * engineers and groups at hand, the assignee and group are named.
 */
export function macroChanges(
  macro: Macro,
  names: { engineers?: readonly PersonRef[]; groups?: readonly TicketGroup[] } = {},
): string {
  const a = macro.actions;
  const parts: string[] = [];
  if (a.status) parts.push(`status ${STATUS_LABELS[a.status]}`);
  if (a.priority) parts.push(`priority ${PRIORITY_LABELS[a.priority]}`);
  if (a.assigneeId !== undefined) {
    const engineer = a.assigneeId ? names.engineers?.find((e) => e.id === a.assigneeId) : undefined;
    parts.push(!a.assigneeId ? 'unassigns' : engineer ? `assigns to ${engineerLabel(engineer)}` : 'assigns');
  }
  if (a.groupId !== undefined) {
    const group = a.groupId ? names.groups?.find((g) => g.id === a.groupId) : undefined;
    parts.push(!a.groupId ? 'clears the group' : group ? `group ${group.name}` : 'sets the group');
  }
  if (a.tags) parts.push(a.tags.length ? `tags ${a.tags.join(', ')}` : 'clears the tags');
  return parts.join('; ');
}

/**
 * "Insert macro": a button that opens a search box over the engineer's macros (shared and their
 * own). Typing filters, the arrow keys move through the list, Enter applies, Escape closes. It is
 * the ARIA combobox pattern: focus stays in the box, the active option is announced.
 */
export function MacroPicker({ onPick, busy }: { onPick: (macro: Macro) => void; busy: boolean }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const base = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const macros = useMacros(q, open);
  const engineers = useEngineers();
  const groups = useTicketGroups();
  const items = macros.data ?? [];
  const listId = `${base}-list`;
  const optionId = (i: number) => `${base}-option-${String(i)}`;

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);
  useEffect(() => {
    setActive(0);
  }, [q]);

  const close = () => {
    setOpen(false);
    setQ('');
    buttonRef.current?.focus();
  };
  const pick = (macro: Macro | undefined) => {
    if (!macro) return;
    setOpen(false);
    setQ('');
    onPick(macro);
  };
  const handleKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => (items.length ? (i + 1) % items.length : 0));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (items.length ? (i - 1 + items.length) % items.length : 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      pick(items[active]);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="macro-picker">
      <button
        ref={buttonRef}
        type="button"
        className={`button button--secondary button--small macro-picker__button${busy ? ' is-busy' : ''}`}
        aria-expanded={open}
        aria-controls={open ? `${base}-popup` : undefined}
        disabled={busy}
        onClick={() => {
          if (open) close();
          else setOpen(true);
        }}
      >
        {busy ? <span className="spinner" aria-hidden="true" /> : <SparkIcon size={16} />}
        {busy ? 'Applying…' : 'Insert macro'}
      </button>
      {open ? (
        <div className="macro-picker__popup" id={`${base}-popup`}>
          <label className="visually-hidden" htmlFor={`${base}-search`}>
            Search macros
          </label>
          <input
            ref={inputRef}
            id={`${base}-search`}
            className="input macro-picker__search"
            type="search"
            role="combobox"
            placeholder="Search macros…"
            autoComplete="off"
            aria-expanded={items.length > 0}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={items.length ? optionId(active) : undefined}
            value={q}
            onChange={(event) => {
              setQ(event.target.value);
            }}
            onKeyDown={handleKey}
            onBlur={(event) => {
              // Leaving the popup (not clicking an option in it) closes it.
              if (!event.currentTarget.parentElement?.contains(event.relatedTarget as Node | null)) {
                setOpen(false);
                setQ('');
              }
            }}
          />
          <ul className="macro-picker__list" role="listbox" id={listId} aria-label="Macros">
            {items.map((macro, i) => {
              const changes = macroChanges(macro, { engineers: engineers.data, groups: groups.data });
              return (
                <li
                  key={macro.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  className={`macro-option${i === active ? ' is-active' : ''}`}
                  tabIndex={-1}
                  onMouseDown={(event) => {
                    // Keep focus in the search box until the click lands.
                    event.preventDefault();
                  }}
                  onClick={() => {
                    pick(macro);
                  }}
                  onMouseEnter={() => {
                    setActive(i);
                  }}
                >
                  <span className="macro-option__title">{macro.title}</span>
                  <span className="macro-option__meta">
                    {macro.shared ? 'Shared' : 'Personal'}
                    {changes ? ` · ${changes}` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
          {macros.isPending ? (
            <p className="macro-picker__note">Loading macros…</p>
          ) : macros.error ? (
            <p className="macro-picker__note">The macros could not be loaded.</p>
          ) : items.length === 0 ? (
            <p className="macro-picker__note">{q ? 'No macro matches.' : 'No macros yet.'}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
