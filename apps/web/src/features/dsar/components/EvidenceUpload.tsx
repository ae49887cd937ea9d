import { useId, useRef, useState, type SubmitEvent } from 'react';
import { formatFileSize } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage, StatusMessage } from '../../../ui/Feedback';
import { EVIDENCE_ACCEPT } from '../api/dsar-api';
import { useUploadEvidence } from '../hooks/use-dsar';
import './dsar.css';

/**
 * Uploads a third party's authority to act for the subject (a signed letter, a power of attorney):
 * a PDF, an image or a text file. Uploading again replaces it.
 */
export function EvidenceUpload({
  requestId,
  onUploaded,
  onCancel,
}: {
  requestId: string;
  onUploaded?: (fileName: string) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const inputId = `${id}-file`;
  const upload = useUploadEvidence(requestId);
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) {
      setError('Choose the file showing their authority to act for the person.');
      inputRef.current?.focus();
      return;
    }
    setError(null);
    upload.mutate(file, {
      onSuccess: () => {
        setDone(`Uploaded ${file.name} (${formatFileSize(file.size)}).`);
        setFile(null);
        if (inputRef.current) inputRef.current.value = '';
        onUploaded?.(file.name);
      },
      onError: (cause) => {
        setError(cause.message);
      },
    });
  };

  return (
    <form className="dsar-evidence" onSubmit={handleSubmit} noValidate>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      <StatusMessage tone="success">{done}</StatusMessage>
      <div className={error && !file ? 'field field--invalid' : 'field'}>
        <label className="field__label" htmlFor={inputId}>
          Evidence of authority
        </label>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          className="dsar-evidence__input"
          accept={EVIDENCE_ACCEPT}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setDone(null);
          }}
        />
        <p className="field__hint" id={`${id}-hint`}>
          A signed letter of authority, power of attorney or court order: PDF, image or text.
        </p>
      </div>
      <div className="dsar-inline-form__actions">
        {onCancel ? (
          <button type="button" className="button button--secondary button--small" onClick={onCancel}>
            {done ? 'Close' : 'Cancel'}
          </button>
        ) : null}
        <BusyButton type="submit" className="button button--primary button--small" busy={upload.isPending}>
          Upload evidence
        </BusyButton>
      </div>
    </form>
  );
}
