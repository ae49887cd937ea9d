import type { DsarItem, DsarSegment } from '@hushdesk/api-client';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../../lib/format';
import { LoadError, Spinner } from '../../../ui/Feedback';
import { Badge } from '../../../ui/Layout';
import { TableFooter } from '../../../ui/TableFooter';
import { RecordingHoldControl } from '../../recordings';
import { useDsarItems, useItemExclusion, useRedaction } from '../hooks/use-dsar';
import { foundByLabel, ITEM_TYPE_LABELS, REDACTION_LABELS } from './dsar-labels';
import { ReasonForm } from './ReasonForm';
import './dsar.css';

type RedactionSegment = Extract<DsarSegment, { redactionId: string }>;

/**
 * Everything collection found, for the DPO to check before release: each item with why it was
 * found, its text with other people's identifiers redacted (each can be shown, with a reason),
 * and the choice to leave it out of the package (with a reason).
 */
export function DsarReview({ requestId, editable }: { requestId: string; editable: boolean }) {
  const items = useDsarItems(requestId, true);
  const rows = useMemo(() => items.data?.pages.flatMap((page) => page.items) ?? [], [items.data]);

  let body;
  if (items.isPending) {
    body = <Spinner label="Loading what was found…" />;
  } else if (items.error && rows.length === 0) {
    body = (
      <div className="dsar-card__body">
        <LoadError onRetry={() => void items.refetch()}>
          The items could not be loaded. {items.error.message}
        </LoadError>
      </div>
    );
  } else if (rows.length === 0) {
    body = <p className="dsar-card__body dsar-muted">Nothing to review.</p>;
  } else {
    body = (
      <>
        <ol className="dsar-items" data-testid="dsar-items">
          {rows.map((item) => (
            <DsarItemView key={item.id} requestId={requestId} item={item} editable={editable} />
          ))}
        </ol>
        <TableFooter
          shown={rows.length}
          hasMore={items.hasNextPage}
          loadingMore={items.isFetchingNextPage}
          onLoadMore={() => void items.fetchNextPage()}
        />
      </>
    );
  }

  return (
    <section className="card card--flush dsar-review" aria-labelledby="dsar-review-title">
      <div className="dsar-card__header">
        <h2 className="card__title" id="dsar-review-title">
          Review
        </h2>
        <p className="card__description">
          Other people’s identifiers are redacted in the package (black boxes). Undo a redaction only where
          the requester already knows it, or it is fair to disclose; exclude items that are not about them.
        </p>
      </div>
      {body}
    </section>
  );
}

type Editing =
  { kind: 'exclusion'; excluded: boolean } | { kind: 'redaction'; segment: RedactionSegment } | null;

function DsarItemView({
  requestId,
  item,
  editable,
}: {
  requestId: string;
  item: DsarItem;
  editable: boolean;
}) {
  const exclusion = useItemExclusion(requestId);
  const redaction = useRedaction(requestId);
  const [editing, setEditing] = useState<Editing>(null);
  const titleId = `dsar-item-${item.id}`;
  const excluded = item.excluded !== null;

  const open = (next: Editing) => {
    exclusion.reset();
    redaction.reset();
    setEditing(next);
  };

  return (
    <li className={excluded ? 'dsar-item is-excluded' : 'dsar-item'} data-item-type={item.type}>
      <article aria-labelledby={titleId}>
        <header className="dsar-item__header">
          <div className="dsar-item__heading">
            <Badge tone="accent">{ITEM_TYPE_LABELS[item.type]}</Badge>
            <h3 className="dsar-item__title" id={titleId}>
              {item.title}
            </h3>
          </div>
          <p className="dsar-item__meta">
            {item.ticketReference && item.ticketId ? (
              // The ticket itself, where a message or file can be redacted.
              <Link className="dsar-item__ticket" to={`/dpo/tickets/${item.ticketId}`}>
                {item.ticketReference}
              </Link>
            ) : item.ticketReference ? (
              <span className="dsar-item__ticket">{item.ticketReference}</span>
            ) : null}
            {item.at ? (
              <time dateTime={item.at} title={formatDateTime(item.at)}>
                {formatDate(item.at)}
              </time>
            ) : null}
          </p>
        </header>

        {item.foundBy.length > 0 ? (
          <ul className="dsar-tags" aria-label="Found by">
            {item.foundBy.map((code) => (
              <li key={code} className="dsar-tag">
                {foundByLabel(code)}
              </li>
            ))}
          </ul>
        ) : null}

        {item.segments.length > 0 ? (
          <p className="dsar-item__text">
            {item.segments.map((segment, index) =>
              'redactionId' in segment ? (
                <Redaction
                  key={segment.redactionId}
                  segment={segment}
                  editable={editable && !excluded}
                  active={
                    editing?.kind === 'redaction' && editing.segment.redactionId === segment.redactionId
                  }
                  onToggle={() => {
                    open({ kind: 'redaction', segment });
                  }}
                />
              ) : (
                <span key={index}>{segment.text}</span>
              ),
            )}
          </p>
        ) : null}

        {item.excluded ? (
          <p className="dsar-item__excluded">
            <strong>Excluded from the package:</strong> {item.excluded.reason}
          </p>
        ) : null}

        {/* A call of the person's can be kept past its retention, e.g. for a dispute. */}
        {item.type === 'recording' ? <RecordingHoldControl recordingId={item.sourceId} /> : null}

        {editable && editing?.kind === 'redaction' ? (
          <div className="dsar-item__form">
            <p className="dsar-item__form-title">
              {editing.segment.redacted ? 'Show' : 'Redact'} <q>{editing.segment.original}</q>{' '}
              {editing.segment.redacted ? 'in the package' : 'again'}
            </p>
            <ReasonForm
              submitLabel="Confirm"
              label={editing.segment.redacted ? 'Reason for showing it' : 'Reason for redacting it'}
              hint={
                editing.segment.redacted
                  ? 'Why it is fair to disclose this identifier to the requester.'
                  : 'Why it should be hidden again.'
              }
              pending={redaction.isPending}
              error={redaction.error}
              onCancel={() => {
                open(null);
              }}
              onSubmit={(reason) => {
                redaction.mutate(
                  { redactionId: editing.segment.redactionId, redacted: !editing.segment.redacted, reason },
                  { onSuccess: () => setEditing(null) },
                );
              }}
            />
          </div>
        ) : null}

        {editable && editing?.kind === 'exclusion' ? (
          <div className="dsar-item__form">
            <ReasonForm
              submitLabel={editing.excluded ? 'Exclude item' : 'Include item'}
              label={editing.excluded ? 'Reason for excluding it' : 'Reason for including it'}
              hint={
                editing.excluded
                  ? 'e.g. “About another customer with the same name”. Kept in the audit trail.'
                  : 'Why it belongs in the package after all.'
              }
              pending={exclusion.isPending}
              error={exclusion.error}
              onCancel={() => {
                open(null);
              }}
              onSubmit={(reason) => {
                exclusion.mutate(
                  { itemId: item.id, excluded: editing.excluded, reason },
                  { onSuccess: () => setEditing(null) },
                );
              }}
            />
          </div>
        ) : editable ? (
          <div className="dsar-item__actions">
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                open({ kind: 'exclusion', excluded: !excluded });
              }}
            >
              {excluded ? 'Include again' : 'Exclude'}
              <span className="visually-hidden"> {item.title}</span>
            </button>
          </div>
        ) : null}
      </article>
    </li>
  );
}

/** Another person's identifier: a black box with the original struck through, or shown highlighted. */
function Redaction({
  segment,
  editable,
  active,
  onToggle,
}: {
  segment: RedactionSegment;
  editable: boolean;
  active: boolean;
  onToggle: () => void;
}) {
  const label = REDACTION_LABELS[segment.kind];
  if (segment.redacted) {
    return (
      <span className="dsar-redaction is-redacted" data-redaction-id={segment.redactionId}>
        <span className="dsar-redaction__box">{label}</span>
        <s className="dsar-redaction__original">
          <span className="visually-hidden">redacted: </span>
          {segment.original}
        </s>
        {editable ? (
          <button type="button" className="dsar-redaction__toggle" aria-expanded={active} onClick={onToggle}>
            Undo redaction<span className="visually-hidden"> of {segment.original}</span>
          </button>
        ) : null}
      </span>
    );
  }
  return (
    <span className="dsar-redaction is-shown" data-redaction-id={segment.redactionId}>
      <mark className="dsar-redaction__shown">
        <span className="visually-hidden">shown in the package: </span>
        {segment.original}
      </mark>
      {editable ? (
        <button type="button" className="dsar-redaction__toggle" aria-expanded={active} onClick={onToggle}>
          Redact again<span className="visually-hidden"> {segment.original}</span>
        </button>
      ) : null}
    </span>
  );
}
