import type { TicketGroup } from '@hushdesk/api-client';
import { useState, type SubmitEvent } from 'react';
import { toFormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage, LoadError, Spinner } from '../../../ui/Feedback';
import {
  useGroupMembers,
  useMemberCandidates,
  useSetGroupMembers,
  type MemberCandidate,
} from '../hooks/use-groups';
import { AdminDialog } from './AdminDialog';

const ROLE_SECTIONS = [
  { role: 'engineer', legend: 'Engineers', none: 'No active engineers.' },
  { role: 'admin', legend: 'Administrators', none: 'No active administrators.' },
] as const;

/**
 * Chooses a group's members with a checkbox per active engineer and admin. Members are warned in
 * the app before the group's tickets breach their SLA, and when they do.
 */
export function GroupMembersDialog({
  group,
  onSaved,
  onClose,
}: {
  group: TicketGroup;
  onSaved: (count: number) => void;
  onClose: () => void;
}) {
  const members = useGroupMembers(group.id);
  const candidates = useMemberCandidates();

  let body;
  if (members.isPending || candidates.isPending) {
    body = <Spinner label="Loading members…" />;
  } else if (members.error || candidates.error) {
    body = (
      <LoadError
        onRetry={() => {
          void members.refetch();
          void candidates.refetch();
        }}
      >
        The members could not be loaded. {(members.error ?? candidates.error)?.message}
      </LoadError>
    );
  } else {
    body = (
      <MembersForm
        group={group}
        initial={members.data.userIds}
        candidates={candidates.data}
        onSaved={onSaved}
        onClose={onClose}
      />
    );
  }

  return (
    <AdminDialog
      title={`Members of ${group.name}`}
      description="Members are warned in the app before this group’s tickets breach their SLA, and when they do, as is whoever a ticket is assigned to."
      onClose={onClose}
    >
      {body}
    </AdminDialog>
  );
}

function MembersForm({
  group,
  initial,
  candidates,
  onSaved,
  onClose,
}: {
  group: TicketGroup;
  initial: string[];
  candidates: MemberCandidate[];
  onSaved: (count: number) => void;
  onClose: () => void;
}) {
  const save = useSetGroupMembers();
  // Only accounts that may still be members are offered: a disabled one drops out on saving.
  const [checked, setChecked] = useState(
    () => new Set(initial.filter((id) => candidates.some((c) => c.id === id))),
  );
  const [error, setError] = useState<string | null>(null);

  const toggle = (id: string, on: boolean) =>
    setChecked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    save.mutate(
      { id: group.id, userIds: [...checked] },
      {
        onSuccess: (result) => onSaved(result.userIds.length),
        onError: (e) => {
          const errors = toFormErrors(e, { userIds: 'userIds' });
          setError(errors.fields.userIds ?? errors.form ?? 'The members could not be saved.');
        },
      },
    );
  };

  return (
    <form className="form-stack" onSubmit={handleSubmit} noValidate aria-label={`Members of ${group.name}`}>
      {error ? <ErrorMessage>{error}</ErrorMessage> : null}
      {ROLE_SECTIONS.map(({ role, legend, none }) => {
        const people = candidates.filter((c) => c.role === role);
        return (
          <fieldset key={role} className="group-members">
            <legend className="field__label">{legend}</legend>
            {people.length === 0 ? <p className="muted">{none}</p> : null}
            {people.map((person) => {
              const id = `member-${group.id}-${person.id}`;
              return (
                <label key={person.id} className="admin-check" htmlFor={id}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={checked.has(person.id)}
                    onChange={(event) => toggle(person.id, event.target.checked)}
                  />
                  {person.name ??
                    (role === 'admin' ? 'An administrator (name hidden)' : 'An engineer (name hidden)')}
                </label>
              );
            })}
          </fieldset>
        );
      })}
      <div className="admin-dialog__actions">
        <button type="button" className="button button--secondary" onClick={onClose}>
          Cancel
        </button>
        <BusyButton type="submit" className="button button--primary" busy={save.isPending}>
          Save members
        </BusyButton>
      </div>
    </form>
  );
}
