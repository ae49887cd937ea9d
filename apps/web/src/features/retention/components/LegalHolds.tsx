import { useState } from 'react';
import { formatDateTime, formatShortDateTime } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { BusyButton } from '../../../ui/BusyButton';
import { LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { Badge } from '../../../ui/Layout';
import { FindCallsToHold, useLegalHold } from '../../recordings';
import type { HeldRecording } from '../api/retention-api';
import { useLegalHolds } from '../hooks/use-retention';
import { TableScroll } from '../../../ui/TableScroll';

/**
 * Recordings kept past their retention by a legal hold. The DPO can release a hold (a recording
 * already past its retention is then deleted by the next run), and find calls to place a new one.
 */
export function LegalHolds({ canManage }: { canManage: boolean }) {
  const holds = useLegalHolds();
  const now = useNow(60_000);
  const [status, setStatus] = useState<string | null>(null);

  let body;
  if (holds.isPending) {
    body = <Spinner label="Loading legal holds…" />;
  } else if (holds.error) {
    body = (
      <div className="retention-card__body">
        <LoadError onRetry={() => void holds.refetch()}>
          The legal holds could not be loaded. {holds.error.message}
        </LoadError>
      </div>
    );
  } else if (holds.data.length === 0) {
    body = <p className="retention-card__empty">No recordings are on legal hold.</p>;
  } else {
    body = (
      <TableScroll label="Legal holds table">
        <table className="table holds-table">
          <caption className="visually-hidden">Recordings on legal hold, most recent hold first</caption>
          <thead>
            <tr>
              <th scope="col">Recording</th>
              <th scope="col">Call started</th>
              <th scope="col">Reason</th>
              <th scope="col">Held since</th>
              <th scope="col">Retention</th>
              {canManage ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {holds.data.map((hold) => (
              <HoldRow key={hold.id} hold={hold} now={now} canManage={canManage} onReleased={setStatus} />
            ))}
          </tbody>
        </table>
      </TableScroll>
    );
  }

  return (
    <section className="card card--flush retention-card" aria-labelledby="legal-holds-title">
      <div className="retention-card__header">
        <h2 className="card__title" id="legal-holds-title">
          Legal holds
        </h2>
        <p className="card__description">
          Recordings kept past their retention, for a dispute or an investigation. Runs skip them until the
          hold is released.
          {canManage ? null : ' Only the Data Protection Officer can place or release a hold.'}
        </p>
      </div>
      <div className="retention-card__status">
        <StatusMessage tone="success">{status}</StatusMessage>
      </div>
      {body}
      {canManage ? <FindCallsToHold onPlaced={setStatus} /> : null}
    </section>
  );
}

function HoldRow({
  hold,
  now,
  canManage,
  onReleased,
}: {
  hold: HeldRecording;
  now: number;
  canManage: boolean;
  onReleased: (message: string) => void;
}) {
  const release = useLegalHold();
  const [confirming, setConfirming] = useState(false);
  const expired = Date.parse(hold.expiresAt) <= now;
  const shortId = hold.id.slice(0, 8);

  const doRelease = () => {
    release.mutate(
      { id: hold.id, reason: null },
      {
        onSuccess: () => {
          onReleased(
            expired
              ? `Released the hold on recording ${shortId}. It is past its retention, so the next run deletes it.`
              : `Released the hold on recording ${shortId}.`,
          );
        },
      },
    );
  };

  return (
    <tr>
      <td>
        <code className="report__id" title={hold.id}>
          {shortId}
        </code>
      </td>
      <td>
        <time dateTime={hold.startedAt} title={formatDateTime(hold.startedAt)}>
          {formatShortDateTime(hold.startedAt)}
        </time>
      </td>
      <td className="holds-table__reason">{hold.reason}</td>
      <td>
        <time dateTime={hold.heldAt} title={formatDateTime(hold.heldAt)}>
          {formatShortDateTime(hold.heldAt)}
        </time>
      </td>
      <td>
        {expired ? (
          <Badge tone="warning">Past retention</Badge>
        ) : (
          <span title={formatDateTime(hold.expiresAt)}>Until {formatShortDateTime(hold.expiresAt)}</span>
        )}
      </td>
      {canManage ? (
        <td className="holds-table__action">
          {release.error ? <p className="holds-table__error">{release.error.message}</p> : null}
          {confirming ? (
            <div className="holds-table__confirm" role="group" aria-label={`Confirm releasing ${shortId}`}>
              <span>The next run deletes it.</span>
              <button
                type="button"
                className="button button--danger button--small"
                onClick={doRelease}
                disabled={release.isPending}
                aria-busy={release.isPending}
              >
                Yes, release
              </button>
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  setConfirming(false);
                }}
              >
                Cancel
              </button>
            </div>
          ) : (
            <BusyButton
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                // Past its retention, a released recording goes at the next run: ask first.
                if (expired) setConfirming(true);
                else doRelease();
              }}
              busy={release.isPending}
            >
              Release hold<span className="visually-hidden"> on recording {hold.id}</span>
            </BusyButton>
          )}
        </td>
      ) : null}
    </tr>
  );
}
