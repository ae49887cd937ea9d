import { useMemo, useState } from 'react';
import { formatDateTime, formatShortDateTime } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { PhoneIcon, PhoneIncomingIcon, PhoneOutgoingIcon, PlusIcon } from '../../../ui/icons';
import { Badge } from '../../../ui/Layout';
import { recordingAudioUrl, type Recording } from '../api/recordings-api';
import { useRecordings } from '../hooks/use-recordings';
import { AttachAudio } from './AttachAudio';
import { daysUntil, expiryText, formatDuration } from './call-format';
import './calls.css';
import { LogCallForm } from './LogCallForm';
import '../../../ui/attachments.css';

const DIRECTION_LABELS = { inbound: 'Inbound call', outbound: 'Outbound call' } as const;

/** "the inbound call on 12 Jan 2026, 14:05", to tell calls apart for screen readers. */
function callName(recording: Recording): string {
  return `the ${recording.direction} call on ${formatShortDateTime(recording.startedAt)}`;
}

/**
 * The calls logged on a ticket: when, which way, how long, the caller's number as the field
 * policies show it, how long the recording is kept, and its audio. Engineers log calls here and
 * attach the audio afterwards.
 */
export function CallsCard({ ticketId }: { ticketId: string }) {
  const now = useNow(60_000);
  const recordings = useRecordings({ ticketId });
  const items = useMemo(() => recordings.data?.pages.flatMap((page) => page.items) ?? [], [recordings.data]);
  const [logging, setLogging] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  let list;
  if (recordings.isPending) {
    list = <Spinner label="Loading the calls…" />;
  } else if (recordings.error) {
    list = (
      <LoadError onRetry={() => void recordings.refetch()}>
        The calls could not be loaded. {recordings.error.message}
      </LoadError>
    );
  } else if (items.length === 0) {
    list = <p className="calls__empty">No calls logged on this ticket yet.</p>;
  } else {
    list = (
      <>
        <ul className="calls__list">
          {items.map((recording) => (
            <CallItem key={recording.id} recording={recording} now={now} onAttached={setStatus} />
          ))}
        </ul>
        {recordings.hasNextPage ? (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => void recordings.fetchNextPage()}
            disabled={recordings.isFetchingNextPage}
          >
            Show older calls
          </button>
        ) : null}
      </>
    );
  }

  return (
    <section className="card calls" aria-labelledby="calls-title">
      <div className="calls__header">
        <h2 className="card__title" id="calls-title">
          Calls
        </h2>
        {logging ? null : (
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setLogging(true);
              setStatus(null);
            }}
          >
            <PlusIcon size={16} />
            Log a call
          </button>
        )}
      </div>

      {logging ? (
        <div className="calls__form">
          <h3 className="calls__form-title">Log a call</h3>
          <LogCallForm
            ticketId={ticketId}
            onLogged={(recording) => {
              setLogging(false);
              setStatus(
                `Logged ${callName(recording)}.${recording.hasAudio ? '' : ' You can attach its audio below.'}`,
              );
            }}
            onCancel={() => {
              setLogging(false);
            }}
          />
        </div>
      ) : null}

      <StatusMessage tone="success">{status}</StatusMessage>
      {list}
    </section>
  );
}

function ExpiryBadge({ recording, now }: { recording: Recording; now: number }) {
  if (recording.hold) {
    return (
      <span title={`Held since ${formatDateTime(recording.hold.at)}: ${recording.hold.reason}`}>
        <Badge tone="warning">On legal hold</Badge>
      </span>
    );
  }
  const days = daysUntil(recording.expiresAt, now);
  return (
    <span title={`Deleted after ${formatDateTime(recording.expiresAt)}`}>
      <Badge tone={days <= 7 ? 'danger' : 'neutral'}>{expiryText(recording.expiresAt, now)}</Badge>
    </span>
  );
}

function CallItem({
  recording,
  now,
  onAttached,
}: {
  recording: Recording;
  now: number;
  onAttached: (message: string) => void;
}) {
  const DirectionIcon = recording.direction === 'inbound' ? PhoneIncomingIcon : PhoneOutgoingIcon;
  const name = callName(recording);

  return (
    <li className="call" data-recording-id={recording.id}>
      <div className="call__head">
        <span className={`call__icon call__icon--${recording.direction}`} aria-hidden="true">
          <DirectionIcon size={18} />
        </span>
        <div className="call__text">
          <p className="call__title">
            {DIRECTION_LABELS[recording.direction]}
            <span className="call__duration"> · {formatDuration(recording.durationSeconds)}</span>
          </p>
          <p className="call__meta">
            <time dateTime={recording.startedAt} title={formatDateTime(recording.startedAt)}>
              {formatShortDateTime(recording.startedAt)}
            </time>
            <span aria-hidden="true"> · </span>
            {recording.callerNumber ? (
              <span className="masked-value call__number" data-testid="call-number">
                <span className="visually-hidden">Number </span>
                {recording.callerNumber}
              </span>
            ) : (
              <span className="muted">Number hidden</span>
            )}
          </p>
        </div>
        <ExpiryBadge recording={recording} now={now} />
      </div>

      {recording.personMatch === 'ambiguous' ? (
        <p className="call__flag">
          <PhoneIcon size={14} />
          This number belongs to more than one person, so the call is not linked to anyone.
        </p>
      ) : null}
      {recording.notes ? <p className="call__notes">{recording.notes}</p> : null}

      {recording.hasAudio ? (
        <audio
          className="call__audio"
          controls
          preload="metadata"
          src={recordingAudioUrl(recording.id)}
          aria-label={`Recording of ${name}`}
        >
          <a href={recordingAudioUrl(recording.id)}>Download the recording of {name}</a>
        </audio>
      ) : (
        <AttachAudio recording={recording} callName={name} onAttached={onAttached} />
      )}
    </li>
  );
}
