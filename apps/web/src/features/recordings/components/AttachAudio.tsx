import { useId, useState, type ChangeEvent } from 'react';
import { isApiError } from '../../../lib/api-client';
import { fieldSentence } from '../../../lib/form-errors';
import { ErrorMessage } from '../../../ui/Feedback';
import { PaperclipIcon } from '../../../ui/icons';
import { MAX_AUDIO_BYTES, type Recording } from '../api/recordings-api';
import { useAttachAudio } from '../hooks/use-recordings';
import '../../../ui/attachments.css';

const TOO_LARGE = 'That file is larger than 100 MB. Attach a shorter or more compressed recording.';

function uploadProblem(error: unknown): string {
  if (isApiError(error)) {
    const audio = error.fields.audio?.join(' ');
    if (audio) return fieldSentence('The file', audio);
    if (error.status === 413) return TOO_LARGE;
    if (error.status === 415) return 'That is not an audio file. Use WAV, MP3, OGG, FLAC, M4A or WebM audio.';
    return `The audio could not be attached. ${error.message}`;
  }
  return 'The audio could not be attached. Please try again.';
}

/** "Attach audio" for a recording that has none: the file goes up as it is, typed by the browser. */
export function AttachAudio({
  recording,
  callName,
  onAttached,
}: {
  recording: Recording;
  /** Says which call, for screen readers: "the inbound call on 12 Jan 2026, 14:05". */
  callName: string;
  onAttached: (message: string) => void;
}) {
  const inputId = useId();
  const hintId = useId();
  const attach = useAttachAudio();
  const [problem, setProblem] = useState<string | null>(null);

  const handleFile = (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    // Clear the input so the same file can be chosen again after a failure.
    input.value = '';
    if (!file) return;
    if (file.size > MAX_AUDIO_BYTES) {
      setProblem(TOO_LARGE);
      return;
    }
    setProblem(null);
    attach.mutate(
      { id: recording.id, file },
      {
        onSuccess: () => {
          onAttached(`Attached the audio of ${callName}.`);
        },
        onError: (error) => {
          setProblem(uploadProblem(error));
        },
      },
    );
  };

  return (
    <div className="call__attach">
      <div className="attach">
        <input
          id={inputId}
          type="file"
          className="attach__input visually-hidden"
          accept="audio/*"
          onChange={handleFile}
          disabled={attach.isPending}
          aria-describedby={hintId}
        />
        <label
          htmlFor={inputId}
          className={`button button--secondary button--small attach__button${attach.isPending ? ' is-busy' : ''}`}
        >
          {attach.isPending ? <span className="spinner" aria-hidden="true" /> : <PaperclipIcon size={16} />}
          {attach.isPending ? (
            'Uploading…'
          ) : (
            <>
              Attach audio<span className="visually-hidden"> of {callName}</span>
            </>
          )}
        </label>
        <p className="attach__hint" id={hintId}>
          No audio yet. WAV, MP3, OGG, FLAC, M4A or WebM, up to 100 MB.
        </p>
      </div>
      {problem ? <ErrorMessage>{problem}</ErrorMessage> : null}
    </div>
  );
}
