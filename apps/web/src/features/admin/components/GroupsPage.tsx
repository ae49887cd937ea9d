import type { TicketGroup } from '@hushdesk/api-client';
import { useState } from 'react';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { GroupIcon } from '../../../ui/icons';
import { Card, EmptyState, PageHeader } from '../../../ui/Layout';
import { TableScroll } from '../../../ui/TableScroll';
import { useGroups } from '../hooks/use-groups';
import { DeleteGroupDialog } from './DeleteGroupDialog';
import { GroupMembersDialog } from './GroupMembersDialog';
import { NewGroupForm } from './NewGroupForm';
import { RenameGroupDialog } from './RenameGroupDialog';
import { RowActions } from './RowActions';
import './admin.css';

type Action = { kind: 'rename' | 'members' | 'delete'; group: TicketGroup };

const membersWord = (n: number) => (n === 1 ? '1 member' : `${n} members`);

/** `/admin/groups`: the queues tickets are routed to, and who is warned about each one's SLA. */
export function GroupsPage() {
  useDocumentTitle('Groups');
  const groups = useGroups();
  const [action, setAction] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const open = (kind: Action['kind'], group: TicketGroup) => {
    setDone(null);
    setAction({ kind, group });
  };
  const finish = (message: string) => {
    setAction(null);
    setDone(message);
  };

  let body;
  if (groups.isPending) {
    body = <Spinner label="Loading groups…" />;
  } else if (groups.error) {
    body = (
      <LoadError onRetry={() => void groups.refetch()}>
        The groups could not be loaded. {groups.error.message}
      </LoadError>
    );
  } else if (groups.data.length === 0) {
    body = (
      <EmptyState icon={<GroupIcon size={28} />} title="No groups yet">
        <p>Create the first one with the form above, then choose its members.</p>
      </EmptyState>
    );
  } else {
    body = (
      <TableScroll label="Group table">
        <table className="table group-table" aria-label="Groups">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" className="table__number">
                Members
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {groups.data.map((group) => (
              <tr key={group.id}>
                <th scope="row" className="table__primary">
                  {group.name}
                </th>
                <td className="table__number">{group.memberCount ?? 0}</td>
                <td className="table__actions">
                  <RowActions
                    name={group.name}
                    stacked
                    actions={[
                      {
                        label: 'Members',
                        ariaLabel: `Members of ${group.name}`,
                        onClick: () => open('members', group),
                      },
                      { label: 'Rename', onClick: () => open('rename', group) },
                      { label: 'Delete', onClick: () => open('delete', group), danger: true },
                    ]}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    );
  }

  return (
    <>
      <PageHeader
        title="Groups"
        description="The queues tickets are routed to. A group’s members are warned in the app before its tickets breach their SLA and when they do, as is the assignee; a ticket with neither warns every engineer."
      />
      <div className="admin-stack">
        <NewGroupForm />
        <Card className="card--flush" as="div">
          <div className="admin-status">
            <StatusMessage tone="success">{done}</StatusMessage>
          </div>
          {body}
        </Card>
      </div>
      {action?.kind === 'rename' ? (
        <RenameGroupDialog
          group={action.group}
          onSaved={(name) => finish(`Renamed “${action.group.name}” to “${name}”.`)}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action?.kind === 'members' ? (
        <GroupMembersDialog
          group={action.group}
          onSaved={(count) => finish(`“${action.group.name}” has ${membersWord(count)}.`)}
          onClose={() => setAction(null)}
        />
      ) : null}
      {action?.kind === 'delete' ? (
        <DeleteGroupDialog
          group={action.group}
          onDeleted={() => finish(`Deleted “${action.group.name}”.`)}
          onClose={() => setAction(null)}
        />
      ) : null}
    </>
  );
}
