import { useMemo, useState, type SubmitEvent } from 'react';
import {
  fieldSentence,
  focusFirstInvalid,
  toFormErrors,
  type FieldErrorMap,
  type FormErrors,
} from '../../../lib/form-errors';
import { formatDateTime, formatShortDateTime } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { BusyButton } from '../../../ui/BusyButton';
import { TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { Badge } from '../../../ui/Layout';
import { TableFooter } from '../../../ui/TableFooter';
import { TableScroll } from '../../../ui/TableScroll';
import type { RecordingSearch, RecordingSearchHit } from '../api/recordings-api';
import { useRecordingSearch } from '../hooks/use-recordings';
import { expiryText, formatDuration } from './call-format';
import './calls.css';
import { HoldDialog } from './HoldDialog';

type SearchField = 'number' | 'ticket' | 'from' | 'to';

const LABELS: Record<SearchField, string> = {
  number: 'Caller number',
  ticket: 'Ticket',
  from: 'From',
  to: 'To',
};
const IDS: Record<SearchField, string> = {
  number: 'find-calls-number',
  ticket: 'find-calls-ticket',
  from: 'find-calls-from',
  to: 'find-calls-to',
};
const API_FIELDS: Record<string, SearchField> = {
  number: 'number',
  ticket: 'ticket',
  from: 'from',
  to: 'to',
};

/** "the inbound call on 3 Mar 2026, 09:15". */
export function callName(recording: Pick<RecordingSearchHit, 'direction' | 'startedAt'>): string {
  return `the ${recording.direction} call on ${formatShortDateTime(recording.startedAt)}`;
}

/**
 * The DPO finds calls to place a legal hold on: by the caller's number in any format, or a ticket's
 * reference, between two days. Each search is audited by the API, so it runs only on request.
 */
export function FindCallsToHold({ onPlaced }: { onPlaced: (message: string) => void }) {
  const [values, setValues] = useState<Record<SearchField, string>>({
    number: '',
    ticket: '',
    from: '',
    to: '',
  });
  const [search, setSearch] = useState<RecordingSearch | null>(null);
  const [errors, setErrors] = useState<FormErrors<SearchField>>({ fields: {} });
  const results = useRecordingSearch(search);

  // The API's refusal of a search, next to the field it names.
  const apiErrors = useMemo<FormErrors<SearchField>>(() => {
    if (!results.error) return { fields: {} };
    const next = toFormErrors(results.error, API_FIELDS);
    const fields: FieldErrorMap<SearchField> = {};
    for (const [key, message] of Object.entries(next.fields) as [SearchField, string][]) {
      fields[key] = fieldSentence(LABELS[key], message);
    }
    return { form: next.form, fields };
  }, [results.error]);
  const shown = search && results.error ? apiErrors : errors;

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const number = values.number.trim();
    const ticket = values.ticket.trim();
    const fields: FieldErrorMap<SearchField> = {};
    if (!number && !ticket) fields.number = 'Enter the caller’s number, or a ticket’s reference below.';
    if (values.from && values.to && values.to < values.from)
      fields.to = 'The last day cannot be before the first.';
    setErrors({ fields });
    if (Object.keys(fields).length > 0) {
      setSearch(null);
      focusFirstInvalid(IDS, fields);
      return;
    }
    setSearch({
      number: number || undefined,
      ticket: ticket || undefined,
      from: values.from || undefined,
      to: values.to || undefined,
    });
  };

  const field = (name: SearchField) => ({
    id: IDS[name],
    label: LABELS[name],
    value: values[name],
    error: shown.fields[name],
    onChange: (event: { target: { value: string } }) => {
      setValues((current) => ({ ...current, [name]: event.target.value }));
    },
  });

  return (
    <div className="find-calls">
      <form
        className="find-calls__form"
        role="search"
        aria-labelledby="find-calls-title"
        onSubmit={handleSubmit}
        noValidate
      >
        <h3 className="find-calls__title" id="find-calls-title">
          Find calls to hold
        </h3>
        <p className="find-calls__intro">
          By the caller’s number, written any way (07700 900123, +44 (0)7700 900 123, 0044-7700-900-123), or
          by the ticket the calls were logged on. Each search is recorded in the audit trail.
        </p>
        {shown.form ? <ErrorMessage>{shown.form}</ErrorMessage> : null}
        <div className="find-calls__fields">
          <TextField {...field('number')} type="tel" autoComplete="off" spellCheck={false} />
          <TextField {...field('ticket')} autoComplete="off" spellCheck={false} placeholder="HD-000123" />
          <TextField {...field('from')} type="date" />
          <TextField {...field('to')} type="date" />
          <BusyButton
            type="submit"
            className="button button--primary find-calls__submit"
            busy={results.isFetching && !results.isFetchingNextPage}
          >
            Find calls
          </BusyButton>
        </div>
      </form>
      {search && results.data ? (
        <CallResults
          hits={results.data.pages.flatMap((page) => page.items)}
          hasMore={results.hasNextPage}
          loadingMore={results.isFetchingNextPage}
          onLoadMore={() => void results.fetchNextPage()}
          onPlaced={onPlaced}
        />
      ) : null}
    </div>
  );
}

function CallResults({
  hits,
  hasMore,
  loadingMore,
  onLoadMore,
  onPlaced,
}: {
  hits: RecordingSearchHit[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onPlaced: (message: string) => void;
}) {
  const now = useNow(60_000);
  const [holding, setHolding] = useState<RecordingSearchHit | null>(null);

  if (hits.length === 0) {
    return (
      <p className="find-calls__empty" role="status">
        No calls match. Check the number, the ticket and the dates.
      </p>
    );
  }
  return (
    <>
      <TableScroll label="Calls found">
        <table className="table find-calls__table">
          <caption className="visually-hidden" id="find-calls-caption">
            Calls found, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Call</th>
              <th scope="col">Number</th>
              <th scope="col">Ticket</th>
              <th scope="col">Retention</th>
              <th scope="col">
                <span className="visually-hidden">Legal hold</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {hits.map((hit) => (
              <tr key={hit.id}>
                <td>
                  <time dateTime={hit.startedAt} title={formatDateTime(hit.startedAt)}>
                    {formatShortDateTime(hit.startedAt)}
                  </time>
                  <span className="find-calls__detail">
                    {hit.direction === 'inbound' ? 'Inbound' : 'Outbound'} ·{' '}
                    {formatDuration(hit.durationSeconds)}
                  </span>
                </td>
                <td className="find-calls__number">{hit.callerNumber ?? 'Hidden'}</td>
                <td>{hit.ticketReference ?? <span className="muted">None</span>}</td>
                <td>{hit.hold ? 'Kept while held' : expiryText(hit.expiresAt, now)}</td>
                <td className="find-calls__action">
                  {hit.hold ? (
                    <span title={`Held since ${formatDateTime(hit.hold.at)}: ${hit.hold.reason}`}>
                      <Badge tone="warning">On legal hold</Badge>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        setHolding(hit);
                      }}
                    >
                      Place hold<span className="visually-hidden"> on {callName(hit)}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <TableFooter
        shown={hits.length}
        hasMore={hasMore}
        loadingMore={loadingMore}
        onLoadMore={onLoadMore}
        partial="Showing the latest"
      />
      {holding ? (
        <HoldDialog
          recording={holding}
          callName={callName(holding)}
          onPlaced={onPlaced}
          onClose={() => {
            setHolding(null);
          }}
        />
      ) : null}
    </>
  );
}
