import { isRole, ROLE_LABELS } from '@hushdesk/contracts';
import { useMemo, useState, type SubmitEvent } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../../lib/api-client';
import { formatDateTime, formatShortDateTime } from '../../../lib/format';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextField } from '../../../ui/Field';
import { ErrorMessage, Spinner } from '../../../ui/Feedback';
import { ClipboardCheckIcon, SearchIcon } from '../../../ui/icons';
import { Card, EmptyState, PageHeader } from '../../../ui/Layout';
import {
  type AuditEntry,
  type AuditExpiry,
  type AuditFilters,
  useAuditTrail,
  useFieldPolicies,
  useVerifyAuditChain,
  AUDIT_ACTION_LABELS,
} from '../../privacy';
import './dpo.css';
import { TableFooter } from '../../../ui/TableFooter';
import { TableScroll } from '../../../ui/TableScroll';
import '../../../ui/filter-bar.css';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters live in the query string, so a filtered view can be bookmarked or shared. */
const PARAM = { action: 'action', subject: 'subject', actor: 'actor', from: 'from', to: 'to' } as const;
type Param = keyof typeof PARAM;
type FilterValues = Record<Param, string>;

function readValues(params: URLSearchParams): FilterValues {
  return {
    action: params.get(PARAM.action) ?? '',
    subject: params.get(PARAM.subject) ?? '',
    actor: params.get(PARAM.actor) ?? '',
    from: params.get(PARAM.from) ?? '',
    to: params.get(PARAM.to) ?? '',
  };
}

/** Local calendar days to the API's instants: `from` at the start of its day, `to` up to the end of its. */
function toFilters(values: FilterValues): AuditFilters {
  const filters: AuditFilters = {};
  if (values.action) filters.action = values.action;
  if (UUID.test(values.subject)) filters.subjectPersonId = values.subject;
  if (UUID.test(values.actor)) filters.actorId = values.actor;
  if (DATE.test(values.from)) filters.from = new Date(`${values.from}T00:00:00`).toISOString();
  if (DATE.test(values.to)) {
    const end = new Date(`${values.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    filters.to = end.toISOString();
  }
  return filters;
}

export function AuditTrailPage() {
  useDocumentTitle('Audit trail');
  const [params, setParams] = useSearchParams();
  const values = useMemo(() => readValues(params), [params]);
  const filters = useMemo(() => toFilters(values), [values]);

  const apply = (next: FilterValues) => {
    const search = new URLSearchParams();
    for (const key of Object.keys(PARAM) as Param[]) {
      const value = next[key].trim();
      if (value) search.set(PARAM[key], value);
    }
    setParams(search, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every read, reveal, change, purge and redaction of personal data, newest first. Entries are hash-chained: any change to the record breaks the chain."
      />
      <div className="audit-stack">
        <VerifyChain />
        <Card className="card--flush" as="div">
          {/* Keyed by the query string, so Back and Clear reset the form to what is applied. */}
          <AuditFiltersForm key={params.toString()} initial={values} onApply={apply} />
          <AuditTable
            filters={filters}
            filtered={Object.values(values).some(Boolean)}
            onSubject={(subject) => {
              apply({ ...values, subject });
            }}
            onActor={(actor) => {
              apply({ ...values, actor });
            }}
            onClear={() => {
              setParams({}, { replace: true });
            }}
          />
        </Card>
      </div>
    </>
  );
}

function VerifyChain() {
  const verify = useVerifyAuditChain();
  const result = verify.data;

  return (
    <section className="card verify-card" aria-labelledby="verify-title">
      <div className="verify-card__row">
        <div>
          <h2 className="card__title" id="verify-title">
            Integrity
          </h2>
          <p className="card__description">
            Re-computes every entry’s hash from the first one, to show that nothing has been altered or
            removed.
          </p>
        </div>
        <BusyButton
          type="button"
          className="button button--primary"
          onClick={() => {
            verify.mutate();
          }}
          busy={verify.isPending}
        >
          Verify chain
        </BusyButton>
      </div>
      <div aria-live="polite">
        {verify.error ? (
          <ErrorMessage>The chain could not be checked. {verify.error.message}</ErrorMessage>
        ) : null}
        {result && !verify.isPending ? (
          result.ok ? (
            <p className="chain-result chain-result--ok" data-testid="chain-result">
              Chain intact: {result.entries} {result.entries === 1 ? 'entry' : 'entries'} checked
            </p>
          ) : (
            <p className="chain-result chain-result--broken" role="alert" data-testid="chain-result">
              Chain broken at entry #{result.firstBroken?.seq ?? '?'} (
              {result.firstBroken?.reason ?? 'unknown'})
              <span className="chain-result__detail">
                {result.entries} {result.entries === 1 ? 'entry was' : 'entries were'} checked before it.
                Entries from this point on cannot be trusted; report this as a security incident.
              </span>
            </p>
          )
        ) : null}
        {result && !verify.isPending ? <ExpiryList expiries={result.expiries} /> : null}
      </div>
    </section>
  );
}

/** Each time retention removed old entries, and the policy that made it happen. */
function ExpiryList({ expiries }: { expiries: AuditExpiry[] }) {
  if (expiries.length === 0) {
    return <p className="chain-expiries__none">No entries have been removed by retention.</p>;
  }
  return (
    <div className="chain-expiries">
      <h3 className="chain-expiries__title">Removed by retention</h3>
      <ul className="chain-expiries__list">
        {expiries.map((expiry) => (
          <li key={expiry.upToSeq} data-testid="chain-expiry">
            <time dateTime={expiry.at}>{formatDateTime(expiry.at)}</time>: {expiry.entries}{' '}
            {expiry.entries === 1 ? 'entry' : 'entries'} up to #{expiry.upToSeq}
            {expiry.olderThan ? <> (written before {formatDateTime(expiry.olderThan)})</> : null}, under a
            retention of{' '}
            {expiry.retentionDays === null ? 'an unrecorded period' : `${String(expiry.retentionDays)} days`}{' '}
            set by{' '}
            {expiry.setBy
              ? `${expiry.setBy.role ? ROLE_LABELS[expiry.setBy.role] : 'an account'} (${expiry.setBy.id})`
              : 'default'}
            {expiry.setAt ? <> on {formatDateTime(expiry.setAt)}</> : null}.
          </li>
        ))}
      </ul>
    </div>
  );
}

function AuditFiltersForm({
  initial,
  onApply,
}: {
  initial: FilterValues;
  onApply: (values: FilterValues) => void;
}) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<Param, string>>>({});

  const set = (key: Param) => (event: { target: { value: string } }) => {
    setValues((current) => ({ ...current, [key]: event.target.value }));
  };

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Partial<Record<Param, string>> = {};
    if (values.subject.trim() && !UUID.test(values.subject.trim()))
      next.subject = 'Enter a person id in full, e.g. 6f1c…-…; copy it from an entry below.';
    if (values.actor.trim() && !UUID.test(values.actor.trim()))
      next.actor = 'Enter an account id in full; copy it from an entry below.';
    if (values.from && values.to && values.from > values.to)
      next.to = 'The end date is before the start date.';
    setErrors(next);
    const first = (Object.keys(next) as Param[])[0];
    if (first) {
      document.getElementById(`audit-${first}`)?.focus();
      return;
    }
    onApply(values);
  };

  const actions = Object.keys(AUDIT_ACTION_LABELS);
  if (values.action && !actions.includes(values.action)) actions.push(values.action);

  return (
    <form
      className="filter-bar audit-filters"
      role="search"
      aria-label="Filter the audit trail"
      onSubmit={handleSubmit}
      noValidate
    >
      <div className="audit-filters__fields">
        <SelectField id="audit-action" label="Action" value={values.action} onChange={set('action')}>
          <option value="">Any action</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {AUDIT_ACTION_LABELS[action] ?? action}
            </option>
          ))}
        </SelectField>
        <TextField
          id="audit-subject"
          label="Subject person id"
          autoComplete="off"
          spellCheck={false}
          value={values.subject}
          onChange={set('subject')}
          error={errors.subject}
        />
        <TextField
          id="audit-actor"
          label="Actor account id"
          autoComplete="off"
          spellCheck={false}
          value={values.actor}
          onChange={set('actor')}
          error={errors.actor}
        />
        <TextField
          id="audit-from"
          label="From"
          type="date"
          value={values.from}
          onChange={set('from')}
          error={errors.from}
        />
        <TextField
          id="audit-to"
          label="To"
          type="date"
          value={values.to}
          onChange={set('to')}
          error={errors.to}
        />
      </div>
      <div className="audit-filters__actions">
        <button type="submit" className="button button--primary">
          <SearchIcon size={18} />
          Apply filters
        </button>
      </div>
    </form>
  );
}

function shortId(id: string): string {
  return id.slice(0, 8);
}

/** A short, readable summary of an entry's details, e.g. "changed: collection, purposes". */
function detailText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => {
      if (Array.isArray(value)) return `${key}: ${value.map(String).join(', ')}`;
      if (typeof value === 'object') return `${key}: ${JSON.stringify(value)}`;
      return `${key}: ${String(value as string | number | boolean)}`;
    })
    .join('; ');
}

function AuditTable({
  filters,
  filtered,
  onSubject,
  onActor,
  onClear,
}: {
  filters: AuditFilters;
  filtered: boolean;
  onSubject: (personId: string) => void;
  onActor: (actorId: string) => void;
  onClear: () => void;
}) {
  const trail = useAuditTrail(filters);
  const policies = useFieldPolicies();
  const rows = useMemo(() => trail.data?.pages.flatMap((page) => page.items) ?? [], [trail.data]);
  const fieldLabel = (field: string) =>
    policies.data?.find((policy) => policy.field === field)?.label ?? field;

  if (trail.isPending) return <Spinner label="Loading the audit trail…" />;
  if (trail.error && rows.length === 0) {
    const badFilter = isApiError(trail.error) && trail.error.status === 400;
    return (
      <div className="audit-table__message">
        <ErrorMessage
          action={
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={badFilter ? onClear : () => void trail.refetch()}
            >
              {badFilter ? 'Clear filters' : 'Try again'}
            </button>
          }
        >
          The audit trail could not be loaded. {trail.error.message}
        </ErrorMessage>
      </div>
    );
  }
  if (rows.length === 0) {
    return filtered ? (
      <EmptyState
        icon={<SearchIcon size={28} />}
        title="No entries match"
        action={
          <button type="button" className="button button--secondary" onClick={onClear}>
            Clear filters
          </button>
        }
      >
        <p>Nothing in the audit trail matches these filters.</p>
      </EmptyState>
    ) : (
      <EmptyState icon={<ClipboardCheckIcon size={28} />} title="Nothing recorded yet">
        <p>Entries appear here as soon as anyone reads, reveals or changes personal data.</p>
      </EmptyState>
    );
  }

  return (
    <>
      <TableScroll label="Audit entries table">
        <table className="table audit-table">
          <caption className="visually-hidden">Audit entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Subject</th>
              <th scope="col">Fields</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => (
              <AuditRow
                key={entry.seq}
                entry={entry}
                fieldLabel={fieldLabel}
                onSubject={onSubject}
                onActor={onActor}
              />
            ))}
          </tbody>
        </table>
      </TableScroll>
      <TableFooter
        shown={rows.length}
        hasMore={trail.hasNextPage}
        loadingMore={trail.isFetchingNextPage}
        onLoadMore={() => void trail.fetchNextPage()}
        partial="Showing the latest"
      />
    </>
  );
}

function AuditRow({
  entry,
  fieldLabel,
  onSubject,
  onActor,
}: {
  entry: AuditEntry;
  fieldLabel: (field: string) => string;
  onSubject: (personId: string) => void;
  onActor: (actorId: string) => void;
}) {
  const details = detailText(entry.details);
  const target =
    entry.targetType && entry.targetId && entry.targetType !== 'person'
      ? `${entry.targetType.replace(/_/g, ' ')} ${entry.targetId}`
      : null;
  return (
    <tr>
      <td className="audit-table__time">
        <time dateTime={entry.at} title={formatDateTime(entry.at)}>
          {formatShortDateTime(entry.at)}
        </time>
        <span className="audit-table__seq">#{entry.seq}</span>
      </td>
      <td>
        {entry.actorRole ? (
          <span className="audit-table__role">
            {isRole(entry.actorRole) ? ROLE_LABELS[entry.actorRole] : entry.actorRole}
          </span>
        ) : (
          <span className="audit-table__role">System</span>
        )}
        {entry.actorId ? (
          <button
            type="button"
            className="id-link"
            title={`Show only entries by ${entry.actorId}`}
            onClick={() => {
              onActor(entry.actorId ?? '');
            }}
          >
            <span className="visually-hidden">Filter by actor </span>
            {shortId(entry.actorId)}
          </button>
        ) : null}
      </td>
      <th scope="row" className="audit-table__action">
        {AUDIT_ACTION_LABELS[entry.action] ?? entry.action}
        <code>{entry.action}</code>
        {target ? <span className="audit-table__secondary">{target}</span> : null}
        {details ? <span className="audit-table__secondary">{details}</span> : null}
      </th>
      <td>
        {entry.subjectPersonId ? (
          <button
            type="button"
            className="id-link"
            title={`Show only entries about ${entry.subjectPersonId}`}
            onClick={() => {
              onSubject(entry.subjectPersonId ?? '');
            }}
          >
            <span className="visually-hidden">Filter by subject </span>
            {shortId(entry.subjectPersonId)}
          </button>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        {entry.fields.length > 0 ? (
          <ul className="audit-table__fields">
            {entry.fields.map((field) => (
              <li key={field}>{fieldLabel(field)}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="audit-table__reason">{entry.reason ?? <span className="muted">—</span>}</td>
    </tr>
  );
}
