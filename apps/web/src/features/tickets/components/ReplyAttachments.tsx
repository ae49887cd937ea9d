import type { DraftFile } from '@hushdesk/api-client';
import { useEffect, useId, useMemo, type ChangeEvent } from 'react';
import { formatFileSize } from '../../../lib/format';
import { PaperclipIcon } from '../../../ui/icons';
import { ATTACHMENT_ACCEPT } from './attachment-rules';
import '../../../ui/attachments.css';
import './reply-box.css';

/**
 * Files chosen for a reply or a new ticket, shown before they are sent and removable. A new
 * ticket's `files` are uploaded through the attachment routes (and their checks) only when the
 * form is sent; a reply's are `kept` in the engineer's draft on the server as soon as chosen, so
 * they survive leaving the page. Files come from "Choose files", from a drop on the form, or from
 * a pasted image (the form handles those two and calls `onAdd`).
 */
export function ReplyAttachments({
  files = [],
  kept = [],
  onAdd,
  onRemove,
  onRemoveKept,
  disabled = false,
  hint = 'Drop files on the form or paste an image. Images, PDFs and text, CSV or log files, up to 10 MB.',
}: {
  files?: readonly File[];
  /** Files already stored in the caller's draft. */
  kept?: readonly DraftFile[];
  onAdd: (files: File[]) => void;
  onRemove?: (index: number) => void;
  onRemoveKept?: (id: string) => void;
  disabled?: boolean;
  hint?: string;
}) {
  const inputId = useId();
  const hintId = useId();
  const handleChoose = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = Array.from(event.target.files ?? []);
    // Cleared so the same file can be chosen again after removing it.
    event.target.value = '';
    if (chosen.length) onAdd(chosen);
  };

  return (
    <div className="reply-files">
      <div className="reply-files__bar">
        <input
          id={inputId}
          type="file"
          multiple
          className="visually-hidden"
          accept={ATTACHMENT_ACCEPT}
          onChange={handleChoose}
          disabled={disabled}
          aria-describedby={hintId}
          data-testid="reply-file-input"
        />
        <label htmlFor={inputId} className="button button--secondary button--small reply-files__choose">
          <PaperclipIcon size={16} />
          Choose files
        </label>
        <p className="reply-files__hint" id={hintId}>
          {hint}
        </p>
      </div>
      {files.length || kept.length ? (
        <ul className="reply-files__list" aria-label="Files to attach">
          {kept.map((file) => (
            <KeptFile
              key={file.id}
              file={file}
              onRemove={() => {
                onRemoveKept?.(file.id);
              }}
              disabled={disabled}
            />
          ))}
          {files.map((file, index) => (
            <ChosenFile
              key={`${file.name}-${String(file.size)}-${String(file.lastModified)}-${String(index)}`}
              file={file}
              onRemove={() => {
                onRemove?.(index);
              }}
              disabled={disabled}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A file chosen in this browser: an image is previewed from its local copy. */
function ChosenFile({ file, onRemove, disabled }: { file: File; onRemove: () => void; disabled: boolean }) {
  const preview = useMemo(() => (file.type.startsWith('image/') ? URL.createObjectURL(file) : null), [file]);
  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview);
    },
    [preview],
  );
  return (
    <FileItem name={file.name} size={file.size} preview={preview} onRemove={onRemove} disabled={disabled} />
  );
}

/** A file kept in the draft on the server: no local copy to preview, so its type's icon. */
function KeptFile({
  file,
  onRemove,
  disabled,
}: {
  file: DraftFile;
  onRemove: () => void;
  disabled: boolean;
}) {
  return (
    <FileItem
      name={file.fileName}
      size={file.sizeBytes}
      preview={null}
      onRemove={onRemove}
      disabled={disabled}
    />
  );
}

function FileItem({
  name,
  size,
  preview,
  onRemove,
  disabled,
}: {
  name: string;
  size: number;
  preview: string | null;
  onRemove: () => void;
  disabled: boolean;
}) {
  return (
    <li className="reply-file" data-testid="reply-file">
      {preview ? (
        <img className="reply-file__thumb" src={preview} alt="" />
      ) : (
        <span className="reply-file__icon" aria-hidden="true">
          <PaperclipIcon size={16} />
        </span>
      )}
      <span className="reply-file__name">{name}</span>
      <span className="reply-file__size">{formatFileSize(size)}</span>
      <button
        type="button"
        className="button button--secondary button--small reply-file__remove"
        onClick={onRemove}
        disabled={disabled}
      >
        Remove<span className="visually-hidden"> {name}</span>
      </button>
    </li>
  );
}
