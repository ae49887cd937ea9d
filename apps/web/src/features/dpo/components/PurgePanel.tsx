import type { PersonalField } from '@hushdesk/privacy';
import { useState } from 'react';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage } from '../../../ui/Feedback';
import { usePurgeField } from '../../privacy';

function values(count: number): string {
  return count === 1 ? '1 stored value' : `${String(count)} stored values`;
}

/**
 * For a field that is no longer collected but still has values: count them (a dry run), then
 * delete them after an explicit confirmation.
 */
export function PurgePanel({
  field,
  label,
  stored,
  onPurged,
}: {
  field: PersonalField;
  label: string;
  stored: number;
  onPurged: (message: string) => void;
}) {
  const purge = usePurgeField(field);
  const [counted, setCounted] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const titleId = `${field.replace(/\W/g, '-')}-purge-title`;

  const count = () => {
    setConfirming(false);
    purge.mutate(true, {
      onSuccess: (result) => {
        setCounted(result.values);
      },
    });
  };

  const erase = () => {
    purge.mutate(false, {
      onSuccess: (result) => {
        setConfirming(false);
        setCounted(null);
        onPurged(`Deleted ${values(result.values)} of ${label}.`);
      },
    });
  };

  return (
    <section className="purge-panel" aria-labelledby={titleId}>
      <h3 className="purge-panel__title" id={titleId}>
        Stored values of a field that is not collected
      </h3>
      <p className="purge-panel__text">
        {label} is no longer collected, but {values(stored)} {stored === 1 ? 'is' : 'are'} still held. Delete{' '}
        {stored === 1 ? 'it' : 'them'} so nothing is kept without a purpose.
      </p>

      {purge.error ? <ErrorMessage>{purge.error.message}</ErrorMessage> : null}

      {counted === null ? (
        <BusyButton type="button" className="button button--secondary" onClick={count} busy={purge.isPending}>
          Count stored values
        </BusyButton>
      ) : counted === 0 ? (
        <p className="purge-panel__text" role="status">
          Nothing is stored any more.
        </p>
      ) : confirming ? (
        <div className="purge-panel__confirm" role="group" aria-label="Confirm deletion">
          <p className="purge-panel__warning">
            This permanently deletes {values(counted)} of {label}, from every record that holds one. It cannot
            be undone, and it is recorded in the audit trail.
          </p>
          <div className="purge-panel__actions">
            <BusyButton
              type="button"
              className="button button--danger"
              onClick={erase}
              busy={purge.isPending}
            >
              Yes, delete {values(counted)}
            </BusyButton>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setConfirming(false);
              }}
              disabled={purge.isPending}
            >
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="purge-panel__actions">
          <p className="purge-panel__count" role="status">
            {values(counted)} found.
          </p>
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              setConfirming(true);
            }}
          >
            Delete {values(counted)}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={count}
            disabled={purge.isPending}
          >
            Count again
          </button>
        </div>
      )}
    </section>
  );
}
