import type { Macro, ReplyDraft } from '@hushdesk/api-client';
import type { MessageVisibility } from '@hushdesk/contracts';
import { MACRO_PLACEHOLDER_LABELS, type MacroPlaceholder } from '@hushdesk/contracts';
import {
  useEffect,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
  type SubmitEvent,
} from 'react';
import { isApiError } from '../../../lib/api-client';
import { toFormErrors } from '../../../lib/form-errors';
import { formatShortDateTime } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage, Spinner, StatusMessage } from '../../../ui/Feedback';
import { LockIcon, MessageIcon } from '../../../ui/icons';
import { MailRecipientNote, useMailRecipient } from '../../mail';
import {
  attachmentProblem,
  filesOf,
  insertAtCursor,
  MacroPicker,
  macroChanges,
  namePastedFile,
  ReplyAttachments,
  ReplyEditor,
  SaveAsMacro,
  useApplyMacro,
  useDraftAutosave,
  useDraftFiles,
  useEngineers,
  useReplyDraft,
  useSendDraft,
  useTicketGroups,
} from '../../tickets';
import '../../../ui/ticket-page.css';
import './console.css';

const BODY_ID = 'composer-message';

const CHOICES: { value: MessageVisibility; label: string; icon: typeof LockIcon }[] = [
  { value: 'public', label: 'Public reply', icon: MessageIcon },
  { value: 'internal', label: 'Internal note', icon: LockIcon },
];

/**
 * The engineer's reply box: a public reply to the customer, or an internal note for colleagues.
 * Internal mode turns the whole composer amber so nobody sends a note to the customer by mistake.
 * The text is Markdown (Write/Preview); macros fill it in; files can be chosen, dropped or pasted;
 * and what is typed, and the files chosen, are kept as a draft on the server until it is sent.
 */
export function Composer({
  ticketId,
  onReplyingChange,
}: {
  ticketId: string;
  onReplyingChange: (replying: boolean) => void;
}) {
  const draft = useReplyDraft(ticketId);
  if (draft.isPending) return <Spinner label="Loading your draft…" />;
  // A draft that cannot be read must not block a reply: start empty (and do not overwrite it).
  return (
    <ComposerForm
      key={ticketId}
      ticketId={ticketId}
      draft={draft.data ?? null}
      draftUnavailable={Boolean(draft.error)}
      onReplyingChange={onReplyingChange}
    />
  );
}

function ComposerForm({
  ticketId,
  draft,
  draftUnavailable,
  onReplyingChange,
}: {
  ticketId: string;
  draft: ReplyDraft | null;
  draftUnavailable: boolean;
  onReplyingChange: (replying: boolean) => void;
}) {
  const send = useSendDraft(ticketId);
  const draftFiles = useDraftFiles(ticketId, draft?.files ?? []);
  const applyMacro = useApplyMacro(ticketId);
  const engineers = useEngineers();
  const groups = useTicketGroups();
  const [visibility, setVisibility] = useState<MessageVisibility>(
    draft?.savedAt ? draft.visibility : 'public',
  );
  const [body, setBody] = useState(draft?.body ?? '');
  const [focused, setFocused] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const internal = visibility === 'internal';
  // The same query as the recipient line above the box (cached): contacts made from mail cannot sign in.
  const portal = useMailRecipient(ticketId, !internal).data?.portal ?? true;
  const autosave = useDraftAutosave(ticketId, body, visibility, !draftUnavailable, draft?.body ?? '');

  const replying = focused || body.trim() !== '';
  useEffect(() => {
    onReplyingChange(replying);
  }, [replying, onReplyingChange]);

  const addFiles = (added: File[]) => {
    const problems = added.map(attachmentProblem).filter((p): p is string => p !== null);
    setFileProblem(problems.length ? problems.join(' ') : null);
    const fine = added.filter((f) => attachmentProblem(f) === null);
    if (!fine.length) return;
    // Stored in the draft at once, so leaving the ticket does not lose them.
    void draftFiles.add(fine).then((failed) => {
      if (!failed.length) return;
      const why = failed.map((f) => `${f.name} could not be attached: ${f.why}`).join(' ');
      setFileProblem((current) => [current, why].filter(Boolean).join(' '));
    });
  };

  const removeFile = (id: string) => {
    setFileProblem(null);
    draftFiles.remove(id).catch((failure: unknown) => {
      setFileProblem(
        `The file could not be removed. ${isApiError(failure) ? failure.message : 'Please try again.'}`,
      );
    });
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSent(null);
    const text = body.trim();
    const files = draftFiles.kept;
    if (!text && !files.length) {
      setError(internal ? 'Write the note first.' : 'Write your reply first.');
      document.getElementById(BODY_ID)?.focus();
      return;
    }
    setError(undefined);
    // One request: the text and the files go together, or nothing does (the draft stays).
    autosave.hold();
    send.mutate(
      { ...(text ? { body: text } : {}), visibility, attachmentIds: files.map((f) => f.id) },
      {
        onSuccess: (done) => {
          setBody('');
          autosave.sent();
          draftFiles.sent(files.map((f) => f.id));
          if (!done.message) {
            setSent(`Attached ${String(files.length)} ${files.length === 1 ? 'file' : 'files'}.`);
            return;
          }
          setSent(
            done.message.visibility === 'internal'
              ? 'Internal note added.'
              : 'Reply added: the customer sees it in the portal.',
          );
        },
        onError: (failure) => {
          // A file gone from the draft (removed in another tab, say) or from storage: nothing went.
          if (files.length && isApiError(failure) && failure.status === 404) {
            setFileProblem(
              `${failure.message.replace(/\.?$/, '.')} Nothing was sent. The list shows the files still in your draft: check them and send again.`,
            );
            void draftFiles.reload().catch(() => undefined);
            return;
          }
          const next = toFormErrors(failure, { body: 'body' });
          setError(next.fields.body ?? next.form);
          document.getElementById(BODY_ID)?.focus();
        },
      },
    );
  };

  const handlePick = (macro: Macro) => {
    setSent(null);
    applyMacro.mutate(macro.id, {
      onSuccess: (applied) => {
        const { value, caret } = insertAtCursor(BODY_ID, body, applied.body);
        setBody(value);
        const changes = macroChanges(macro, { engineers: engineers.data, groups: groups.data });
        const withheld = applied.withheld
          .map((p) => MACRO_PLACEHOLDER_LABELS[p as MacroPlaceholder] ?? p)
          .join(', ');
        setSent(
          [
            `Inserted “${macro.title}”.`,
            changes ? `Ticket changed: ${changes} (Undo in the ticket controls takes it back).` : '',
            withheld ? `Not filled in, as your access does not show them: ${withheld}.` : '',
          ]
            .filter(Boolean)
            .join(' '),
        );
        requestAnimationFrame(() => {
          const box = document.getElementById(BODY_ID) as HTMLTextAreaElement | null;
          box?.focus();
          box?.setSelectionRange(caret, caret);
        });
      },
      onError: (failure) => {
        setError(`The macro could not be applied. ${isApiError(failure) ? failure.message : ''}`.trim());
      },
    });
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  const handlePaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const images = filesOf(event.clipboardData, true);
    if (!images.length) return;
    event.preventDefault();
    addFiles(images.map((f) => namePastedFile(f)));
  };
  const handleDragOver = (event: DragEvent<HTMLFormElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragging(true);
  };
  const handleDrop = (event: DragEvent<HTMLFormElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    setDragging(false);
    addFiles(filesOf(event.dataTransfer));
  };

  const busy = send.isPending || draftFiles.saving;
  const draftNote = draftFiles.saving
    ? 'Keeping the file in your draft…'
    : autosave.state === 'saving'
      ? 'Saving draft…'
      : autosave.state === 'saved'
        ? 'Draft saved. Only you see it.'
        : autosave.state === 'failed'
          ? 'The draft could not be saved.'
          : draft?.savedAt && body === draft.body
            ? `Draft from ${formatShortDateTime(draft.savedAt)} restored.`
            : null;

  return (
    <form
      className={[
        'composer composer--console',
        internal ? 'composer--internal' : null,
        dragging ? 'reply-box--dragging' : null,
      ]
        .filter(Boolean)
        .join(' ')}
      onSubmit={(event) => void handleSubmit(event)}
      onDragOver={handleDragOver}
      onDragLeave={() => {
        setDragging(false);
      }}
      onDrop={handleDrop}
      noValidate
      data-visibility={visibility}
    >
      <fieldset className="reply-type" role="radiogroup" aria-labelledby="reply-type-legend">
        <legend id="reply-type-legend" className="reply-type__legend">
          Reply type
        </legend>
        <div className="reply-type__options">
          {CHOICES.map(({ value, label, icon: Icon }) => (
            <label key={value} className={`reply-type__option reply-type__option--${value}`}>
              <input
                type="radio"
                name="visibility"
                value={value}
                checked={visibility === value}
                onChange={() => {
                  setVisibility(value);
                }}
                className="reply-type__input"
              />
              <Icon size={16} />
              <span>{label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {internal ? (
        <p className="composer__internal-banner">
          <LockIcon size={16} />
          Internal note — only staff see this, never the customer.
        </p>
      ) : null}
      <MailRecipientNote ticketId={ticketId} internal={internal} />

      <ReplyEditor
        id={BODY_ID}
        label="Message"
        rows={6}
        hint={
          internal
            ? 'Markdown works (**bold**, lists, links). Keep personal data out of notes; refer to the customer record instead. Ctrl+Enter adds the note.'
            : portal
              ? 'Markdown works (**bold**, lists, links). The customer sees this reply in the portal. Ctrl+Enter sends it.'
              : 'Markdown works (**bold**, lists, links). This customer has no portal login: only a mail reaches them. Ctrl+Enter sends it.'
        }
        value={body}
        onChange={(next) => {
          setBody(next);
          if (error) setError(undefined);
        }}
        onFocus={() => {
          setFocused(true);
        }}
        onBlur={() => {
          setFocused(false);
        }}
        onKeyDown={handleKeyDown}
        onPaste={handlePaste}
        error={error}
        toolbar={<MacroPicker onPick={handlePick} busy={applyMacro.isPending} />}
      />
      {draftNote ? (
        <p className="reply-box__status" data-testid="draft-status">
          {draftNote}
        </p>
      ) : null}

      <SaveAsMacro body={body} />

      <ReplyAttachments
        kept={draftFiles.kept}
        onAdd={addFiles}
        onRemoveKept={removeFile}
        disabled={busy}
        hint="Drop files on the form or paste an image. Images, PDFs and text, CSV or log files, up to 10 MB. Kept in your draft, which only you see, until you send."
      />
      {fileProblem ? <ErrorMessage>{fileProblem}</ErrorMessage> : null}

      <div className="composer__actions">
        <BusyButton
          type="submit"
          className={`button ${internal ? 'button--internal' : 'button--primary'}`}
          busy={busy}
        >
          {/* The spinner takes the lock's place while the note is sent. */}
          {internal && !busy ? <LockIcon size={16} /> : null}
          {internal ? 'Add internal note' : 'Send reply'}
        </BusyButton>
      </div>
      <StatusMessage tone="success">{sent}</StatusMessage>
    </form>
  );
}
