import type { DsarDetail, ErasureReceipt } from '@hushdesk/api-client';
import { useId, useState, type SubmitEvent } from 'react';
import { formatDateTime } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage, LoadError, Spinner } from '../../../ui/Feedback';
import { useErase, useErasurePreview } from '../hooks/use-dsar';
import './dsar.css';

/**
 * An erasure: preview what goes and what is kept (and why), type the confirmation phrase, erase.
 * Afterwards, the receipt: what was done, what was kept, and the rescan that found nothing left.
 */
export function ErasureCard({ request }: { request: DsarDetail }) {
  const erase = useErase(request.id);
  const [previewing, setPreviewing] = useState(false);
  const receipt = erase.data ?? request.receipt;
  const canErase = request.allowedActions.includes('erase');

  return (
    <section className="card dsar-erasure" aria-labelledby="dsar-erasure-title">
      <div className="card__header">
        <h2 className="card__title" id="dsar-erasure-title">
          Erasure
        </h2>
        {receipt ? null : (
          <p className="card__description">
            Erases or anonymises everything about the person, except what the law or a legal hold requires us
            to keep. It cannot be undone.
          </p>
        )}
      </div>
      {receipt ? (
        <ErasureReceiptView receipt={receipt} />
      ) : !canErase ? (
        <p className="dsar-muted">
          {request.closedAt
            ? 'The request was closed without an erasure.'
            : 'Erasure becomes possible once the person is verified and their data collected and reviewed.'}
        </p>
      ) : previewing ? (
        <ErasurePreviewStep
          requestId={request.id}
          pending={erase.isPending}
          error={erase.error}
          onErase={(confirmation) => {
            erase.mutate(confirmation);
          }}
          onCancel={() => {
            erase.reset();
            setPreviewing(false);
          }}
        />
      ) : (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setPreviewing(true);
          }}
        >
          Preview erasure
        </button>
      )}
    </section>
  );
}

function ErasurePreviewStep({
  requestId,
  pending,
  error,
  onErase,
  onCancel,
}: {
  requestId: string;
  pending: boolean;
  error: Error | null;
  onErase: (confirmation: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const preview = useErasurePreview(requestId, true);
  const [typed, setTyped] = useState('');

  if (preview.isPending) return <Spinner label="Working out what would be erased…" />;
  if (preview.error) {
    return (
      <LoadError onRetry={() => void preview.refetch()}>
        The preview could not be made. {preview.error.message}
      </LoadError>
    );
  }
  const { erase, keep, confirmationPhrase } = preview.data;
  const matches = typed.trim() === confirmationPhrase;

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (matches) onErase(confirmationPhrase);
  };

  return (
    <div className="dsar-erasure__preview" data-testid="erasure-preview">
      <div className="dsar-erasure__lists">
        <div className="dsar-erasure__list dsar-erasure__list--erase">
          <h3 className="dsar-erasure__list-title">Will be erased</h3>
          {erase.length === 0 ? (
            <p className="dsar-muted">Nothing.</p>
          ) : (
            <ul>
              {erase.map((entry) => (
                <li key={entry.what}>
                  <span className="dsar-erasure__count">{entry.count}</span> {entry.what}
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="dsar-erasure__list dsar-erasure__list--keep">
          <h3 className="dsar-erasure__list-title">Will be kept</h3>
          {keep.length === 0 ? (
            <p className="dsar-muted">Nothing.</p>
          ) : (
            <ul>
              {keep.map((entry) => (
                <li key={entry.what}>
                  <span className="dsar-erasure__count">{entry.count}</span> {entry.what}
                  <span className="dsar-erasure__why">{entry.why}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>

      <form className="dsar-erasure__confirm" onSubmit={handleSubmit} noValidate>
        {error ? <ErrorMessage>{error.message}</ErrorMessage> : null}
        <TextField
          id={`${id}-confirm`}
          label={`Type ${confirmationPhrase} to confirm`}
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
          }}
        />
        <div className="dsar-inline-form__actions">
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
          <BusyButton type="submit" className="button button--danger" disabled={!matches} busy={pending}>
            Erase
          </BusyButton>
        </div>
      </form>
    </div>
  );
}

/** What the erasure did, what it kept and why, and the rescan's count of anything left (0). */
export function ErasureReceiptView({ receipt }: { receipt: ErasureReceipt }) {
  const clean = receipt.rescan.remaining === 0;
  return (
    <div className="dsar-receipt" data-testid="erasure-receipt">
      <div className={clean ? 'dsar-receipt__rescan is-clean' : 'dsar-receipt__rescan is-dirty'}>
        <p className="dsar-receipt__rescan-label">Rescan: identifiers remaining</p>
        <p className="dsar-receipt__rescan-value" data-testid="rescan-remaining">
          {receipt.rescan.remaining}
        </p>
        <p className="dsar-receipt__rescan-note">
          {clean ? 'Nothing about the person is left.' : 'Something is left: check the audit trail.'}
        </p>
        {receipt.rescan.checked.length > 0 ? (
          <ul className="dsar-receipt__checked" aria-label="Checked">
            {receipt.rescan.checked.map((check) => (
              <li key={check}>{check}</li>
            ))}
          </ul>
        ) : null}
      </div>

      <p className="dsar-muted">
        {receipt.reference} erased <time dateTime={receipt.erasedAt}>{formatDateTime(receipt.erasedAt)}</time>
        .
      </p>

      <div className="dsar-receipt__tables">
        <table className="table dsar-receipt__table">
          <caption className="dsar-receipt__caption">What was done</caption>
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col" className="dsar-receipt__num">
                Count
              </th>
            </tr>
          </thead>
          <tbody>
            {receipt.actions.map((action) => (
              <tr key={action.action}>
                <td>{action.action}</td>
                <td className="dsar-receipt__num">{action.count}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <table className="table dsar-receipt__table">
          <caption className="dsar-receipt__caption">What was kept, and why</caption>
          <thead>
            <tr>
              <th scope="col">Kept</th>
              <th scope="col" className="dsar-receipt__num">
                Count
              </th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {receipt.kept.length === 0 ? (
              <tr>
                <td colSpan={3} className="dsar-muted">
                  Nothing.
                </td>
              </tr>
            ) : (
              receipt.kept.map((kept) => (
                <tr key={kept.what}>
                  <td>{kept.what}</td>
                  <td className="dsar-receipt__num">{kept.count}</td>
                  <td>{kept.why}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
