import { useState } from 'react';
import { formatDateTime } from '../../../lib/format';
import { StatusMessage } from '../../../ui/Feedback';
import { Badge } from '../../../ui/Layout';
import { useRecording } from '../hooks/use-recordings';
import { callName } from './FindCallsToHold';
import { HoldDialog } from './HoldDialog';

/**
 * A call listed elsewhere (a data-subject request's items): whether it is on legal hold, and the
 * DPO's button to place one. Shows nothing once the recording is gone.
 */
export function RecordingHoldControl({ recordingId }: { recordingId: string }) {
  const recording = useRecording(recordingId);
  const [holding, setHolding] = useState(false);
  const [placed, setPlaced] = useState<string | null>(null);
  if (!recording.data) return null;
  const call = recording.data;

  return (
    <div className="recording-hold">
      {call.hold ? (
        <p className="recording-hold__held">
          <Badge tone="warning">On legal hold</Badge>{' '}
          <span title={`Held since ${formatDateTime(call.hold.at)}`}>{call.hold.reason}</span>
        </p>
      ) : (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            setPlaced(null);
            setHolding(true);
          }}
        >
          Place legal hold<span className="visually-hidden"> on {callName(call)}</span>
        </button>
      )}
      <StatusMessage tone="success">{placed}</StatusMessage>
      {holding ? (
        <HoldDialog
          recording={call}
          callName={callName(call)}
          onPlaced={setPlaced}
          onClose={() => {
            setHolding(false);
          }}
        />
      ) : null}
    </div>
  );
}
