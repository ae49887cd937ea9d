import type { TicketDetail } from '@hushdesk/api-client';
import { STATUS_LABELS } from '@hushdesk/ticketing';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Shortcut } from '../../../lib/use-shortcuts';
import { KeyboardShortcuts } from '../../../ui/KeyboardShortcuts';
import { useCurrentUser } from '../../auth';
import { useStaffTicketPaths, useUndoTicketChange, useUpdateTicket } from '../../tickets';
import type { QueueFocusState } from './QueueShortcuts';
import '../../../ui/shortcuts.css';

/** Picks the composer's reply type and puts the cursor in its text. */
function focusComposer(visibility: 'public' | 'internal', text: HTMLTextAreaElement) {
  const choice = document.querySelector<HTMLInputElement>(
    `.composer input[name="visibility"][value="${visibility}"]`,
  );
  if (choice && !choice.checked) choice.click();
  text.focus();
  text.scrollIntoView({ block: 'nearest' });
}

const composerText = () => document.querySelector<HTMLTextAreaElement>('.composer textarea');

/**
 * r and n work from the moment the page shows: while the reply box is still fetching its draft,
 * the key is kept until the box appears (for a few seconds, no longer).
 */
function compose(visibility: 'public' | 'internal') {
  const text = composerText();
  if (text) {
    focusComposer(visibility, text);
    return;
  }
  const observer = new MutationObserver(() => {
    const appeared = composerText();
    if (!appeared) return;
    stop();
    focusComposer(visibility, appeared);
  });
  const timer = window.setTimeout(() => {
    stop();
  }, 5000);
  function stop() {
    observer.disconnect();
    window.clearTimeout(timer);
  }
  observer.observe(document.body, { childList: true, subtree: true });
}

/**
 * The ticket page's keys: r reply, n internal note, a assign to me, e resolve, / search the queue.
 * A change made by a key is said in a live region, with Undo, like the side panel's.
 */
export function TicketShortcuts({ ticket }: { ticket: TicketDetail }) {
  const navigate = useNavigate();
  const { data: user } = useCurrentUser();
  const paths = useStaffTicketPaths();
  const update = useUpdateTicket(ticket.id);
  const undo = useUndoTicketChange(ticket.id);
  const [result, setResult] = useState<{ text: string; undoable: boolean } | null>(null);

  const shortcuts = useMemo((): Shortcut[] => {
    const change = (body: { assigneeId?: string; status?: 'resolved' }, done: string) => {
      setResult(null);
      update.mutate(body, {
        onSuccess: () => {
          setResult({ text: done, undoable: true });
        },
        onError: (error) => {
          setResult({ text: error.message, undoable: false });
        },
      });
    };
    const closed = ticket.status === 'closed';
    return [
      ...(closed
        ? []
        : [
            { key: 'r', label: 'Reply to the customer', run: () => compose('public') },
            { key: 'n', label: 'Add an internal note', run: () => compose('internal') },
          ]),
      {
        key: 'a',
        label: 'Assign to me',
        run: () => {
          if (!user) return;
          if (ticket.assignee?.id === user.id)
            setResult({ text: 'This ticket is already yours.', undoable: false });
          else change({ assigneeId: user.id }, 'Assigned to you.');
        },
      },
      {
        key: 'e',
        label: 'Resolve',
        run: () => {
          if (ticket.allowedTransitions.includes('resolved')) change({ status: 'resolved' }, 'Resolved.');
          else
            setResult({
              text: `A ticket that is ${STATUS_LABELS[ticket.status]} cannot be resolved.`,
              undoable: false,
            });
        },
      },
      {
        key: '/',
        label: 'Search the queue',
        run: () => {
          const state: QueueFocusState = { focusSearch: true };
          void navigate(paths.queue, { state });
        },
      },
    ];
  }, [ticket, user, update, navigate, paths]);

  return (
    <>
      <KeyboardShortcuts shortcuts={shortcuts} />
      <div role="status" aria-live="polite" className={result ? 'shortcut-result' : 'visually-hidden'}>
        {result ? (
          <>
            <span>{result.text}</span>
            {result.undoable ? (
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={undo.isPending}
                onClick={() => {
                  undo.mutate(undefined, {
                    onSuccess: () => {
                      setResult({ text: 'Undone.', undoable: false });
                    },
                    onError: (error) => {
                      setResult({ text: error.message, undoable: false });
                    },
                  });
                }}
              >
                Undo
              </button>
            ) : null}
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                setResult(null);
              }}
            >
              Dismiss
            </button>
          </>
        ) : null}
      </div>
    </>
  );
}
