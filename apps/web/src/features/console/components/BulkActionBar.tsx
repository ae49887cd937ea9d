import type { BulkChangeResult, BulkTicketChanges } from '@hushdesk/api-client';
import { PRIORITIES, PRIORITY_LABELS, STATUS_LABELS, TICKET_STATUSES } from '@hushdesk/ticketing';
import { useState, type SubmitEvent } from 'react';
import { engineerLabel } from '../../../lib/format';
import { BusyButton } from '../../../ui/BusyButton';
import { SelectField, TextField } from '../../../ui/Field';
import { ErrorMessage } from '../../../ui/Feedback';
import { useCurrentUser } from '../../auth';
import {
  type TicketFilters,
  useBulkChange,
  useEngineers,
  useTicketGroups,
  useUndoBulkChange,
} from '../../tickets';
import type { QueueSelection } from './use-queue-selection';

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** What a bulk change did, in words: changed, already so, left alone. */
function describe(result: BulkChangeResult): string {
  const parts = [`Changed ${plural(result.changed, 'ticket')}.`];
  if (result.unchanged) parts.push(`${plural(result.unchanged, 'ticket')} already matched.`);
  if (result.skipped) {
    parts.push(
      `${plural(result.skipped, 'ticket')} left as ${result.skipped === 1 ? 'it was' : 'they were'} (that status is not allowed from theirs, or processing is restricted).`,
    );
  }
  return parts.join(' ');
}

/**
 * The bar above the queue while tickets are picked: choose any of assignee, status, priority,
 * group and a tag to add, then apply them to every picked ticket at once. The confirmation offers
 * one Undo for the whole change.
 */
export function BulkActionBar({
  selection,
  filters,
  loaded,
  matching,
  matchingLabel,
}: {
  selection: QueueSelection;
  filters: TicketFilters;
  /** Rows loaded on screen. */
  loaded: number;
  /** Tickets matching the filters, as far as the counts know. */
  matching: number;
  matchingLabel: string;
}) {
  const me = useCurrentUser().data;
  const engineers = useEngineers();
  const groups = useTicketGroups();
  const bulk = useBulkChange();
  const undo = useUndoBulkChange();
  const [assignee, setAssignee] = useState('');
  const [status, setStatus] = useState('');
  const [priority, setPriority] = useState('');
  const [group, setGroup] = useState('');
  const [tag, setTag] = useState('');
  const [done, setDone] = useState<{ message: string; undoId: string | null } | null>(null);

  const changes: BulkTicketChanges = {};
  if (assignee) changes.assigneeId = assignee === 'unassigned' ? null : assignee === 'me' ? me?.id : assignee;
  if (status) changes.status = status as BulkTicketChanges['status'];
  if (priority) changes.priority = priority as BulkTicketChanges['priority'];
  if (group) changes.groupId = group === 'none' ? null : group;
  if (tag.trim()) changes.addTags = [tag.trim().toLowerCase()];
  const nothingChosen = Object.keys(changes).length === 0;

  const apply = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (nothingChosen || selection.count === 0) return;
    undo.reset();
    bulk.mutate(
      selection.allMatching ? { filter: filters, changes } : { ticketIds: [...selection.ids], changes },
      {
        onSuccess: (result) => {
          setDone({ message: describe(result), undoId: result.id });
          selection.clear();
          setAssignee('');
          setStatus('');
          setPriority('');
          setGroup('');
          setTag('');
        },
      },
    );
  };

  const takeBack = (id: string) => {
    undo.mutate(id, {
      onSuccess: (result) => {
        const skipped = result.skipped
          ? ` ${plural(result.skipped, 'ticket')} changed since by someone else ${result.skipped === 1 ? 'was' : 'were'} left as ${result.skipped === 1 ? 'it is' : 'they are'}.`
          : '';
        setDone({
          message: `Undone: ${plural(result.restored, 'ticket')} put back.${skipped}`,
          undoId: null,
        });
      },
    });
  };

  const allLoadedPicked = !selection.allMatching && loaded > 0 && selection.count === loaded;

  return (
    <div className="bulk-bar" data-testid="bulk-bar">
      {selection.count > 0 ? (
        <form className="bulk-bar__form" onSubmit={apply} aria-label="Change the selected tickets">
          <p className="bulk-bar__count">
            <strong>
              {selection.allMatching
                ? `All ${matchingLabel} matching tickets`
                : plural(selection.count, 'ticket')}
            </strong>{' '}
            selected.{' '}
            {allLoadedPicked && matching > loaded ? (
              <button type="button" className="link-button" onClick={selection.selectAllMatching}>
                Select all {matchingLabel} matching
              </button>
            ) : null}{' '}
            <button type="button" className="link-button" onClick={selection.clear}>
              Clear selection
            </button>
          </p>
          <div className="bulk-bar__fields">
            <SelectField
              id="bulk-assignee"
              label="Assign to"
              value={assignee}
              onChange={(event) => {
                setAssignee(event.target.value);
              }}
            >
              <option value="">No change</option>
              <option value="me">Me</option>
              <option value="unassigned">Nobody (unassign)</option>
              {engineers.data
                ?.filter((engineer) => engineer.id !== me?.id)
                .map((engineer) => (
                  <option key={engineer.id} value={engineer.id}>
                    {engineerLabel(engineer)}
                  </option>
                ))}
            </SelectField>
            <SelectField
              id="bulk-status"
              label="Status"
              value={status}
              onChange={(event) => {
                setStatus(event.target.value);
              }}
            >
              <option value="">No change</option>
              {TICKET_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {STATUS_LABELS[s]}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="bulk-priority"
              label="Priority"
              value={priority}
              onChange={(event) => {
                setPriority(event.target.value);
              }}
            >
              <option value="">No change</option>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {PRIORITY_LABELS[p]}
                </option>
              ))}
            </SelectField>
            <SelectField
              id="bulk-group"
              label="Group"
              value={group}
              onChange={(event) => {
                setGroup(event.target.value);
              }}
            >
              <option value="">No change</option>
              <option value="none">No group</option>
              {groups.data?.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </SelectField>
            <TextField
              id="bulk-tag"
              label="Add tag"
              value={tag}
              maxLength={40}
              onChange={(event) => {
                setTag(event.target.value);
              }}
            />
          </div>
          <div className="bulk-bar__actions">
            <BusyButton
              type="submit"
              className="button button--primary bulk-bar__apply"
              busy={bulk.isPending}
              disabled={nothingChosen}
            >
              Apply to {selection.allMatching ? `all ${matchingLabel}` : plural(selection.count, 'ticket')}
            </BusyButton>
          </div>
          {bulk.error ? <ErrorMessage>{bulk.error.message}</ErrorMessage> : null}
        </form>
      ) : null}
      <div
        className={done ? 'notice notice--success bulk-bar__done' : 'bulk-bar__done'}
        data-testid="bulk-done"
      >
        <div role="status" aria-live="polite" className="notice__body">
          {done?.message}
        </div>
        {done?.undoId ? (
          <BusyButton
            type="button"
            className="button button--secondary button--small"
            busy={undo.isPending}
            onClick={() => {
              if (done.undoId) takeBack(done.undoId);
            }}
          >
            Undo<span className="visually-hidden"> the bulk change</span>
          </BusyButton>
        ) : null}
      </div>
      {undo.error ? <ErrorMessage>{undo.error.message}</ErrorMessage> : null}
    </div>
  );
}
