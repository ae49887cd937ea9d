import type { UserSummary } from '@hushdesk/api-client';
import { ROLE_LABELS, ROLES, type Role } from '@hushdesk/contracts';
import { useMemo, useState } from 'react';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { UsersIcon } from '../../../ui/icons';
import { Badge, Card, EmptyState, PageHeader } from '../../../ui/Layout';
import { useUsers } from '../hooks/use-users';
import { mergeRecent } from './merge-recent';
import { EditUserDialog } from './EditUserDialog';
import { NewUserForm } from './NewUserForm';
import './admin.css';
import { TableFooter } from '../../../ui/TableFooter';
import { TableScroll } from '../../../ui/TableScroll';
import { Segmented } from '../../../ui/Segmented';

export function UsersPage() {
  useDocumentTitle('Users');
  const [recent, setRecent] = useState<UserSummary[]>([]);

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone who can sign in to Hushdesk: your customers’ staff, your engineers, your Data Protection Officer and administrators."
      />
      <div className="admin-stack">
        <NewUserForm
          onCreated={(user) => {
            setRecent((list) => [user, ...list]);
          }}
        />
        <UserTable
          recent={recent}
          onSaved={(user) => {
            setRecent((list) => list.map((item) => (item.id === user.id ? user : item)));
          }}
        />
      </div>
    </>
  );
}

const ROLE_PLURALS: Record<Role, string> = {
  customer: 'Customers',
  engineer: 'Engineers',
  dpo: 'Data Protection Officers',
  admin: 'Administrators',
};

const ROLE_BADGE_TONE: Record<Role, 'neutral' | 'accent' | 'success' | 'danger'> = {
  customer: 'neutral',
  engineer: 'accent',
  dpo: 'accent',
  admin: 'accent',
};

function UserTable({ recent, onSaved }: { recent: UserSummary[]; onSaved: (user: UserSummary) => void }) {
  const [roleFilter, setRoleFilter] = useState<Role | undefined>(undefined);
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { data, isPending, error, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } =
    useUsers(roleFilter);
  const loaded = useMemo(() => data?.pages.flatMap((page) => page.items) ?? [], [data]);
  const rows = useMemo(
    () =>
      mergeRecent(
        recent.filter((user) => !roleFilter || user.role === roleFilter),
        loaded,
      ),
    [recent, loaded, roleFilter],
  );
  const recentIds = useMemo(() => new Set(recent.map((user) => user.id)), [recent]);

  const filters: { value: Role | undefined; label: string }[] = [
    { value: undefined, label: 'Everyone' },
    ...ROLES.map((role) => ({ value: role, label: ROLE_PLURALS[role] })),
  ];

  let body;
  if (isPending) {
    body = <Spinner label="Loading accounts…" />;
  } else if (error && rows.length === 0) {
    body = (
      <LoadError onRetry={() => void refetch()}>The list could not be loaded. {error.message}</LoadError>
    );
  } else if (rows.length === 0) {
    body = (
      <EmptyState icon={<UsersIcon size={28} />} title="No accounts to show">
        <p>
          {roleFilter
            ? `There are no accounts with the role ${ROLE_LABELS[roleFilter]} yet.`
            : 'Create the first account with the form above.'}
        </p>
      </EmptyState>
    );
  } else {
    body = (
      <>
        <TableScroll label="Account table">
          <table className="table" aria-label="Account list">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Organisation</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((user) => (
                <tr key={user.id} className={recentIds.has(user.id) ? 'table__row--new' : undefined}>
                  <th scope="row" className="table__primary">
                    {user.fullName ?? <span className="muted">No name shown</span>}
                    {recentIds.has(user.id) ? <Badge tone="accent">New</Badge> : null}
                  </th>
                  <td className="table__email">{user.email}</td>
                  <td>
                    <Badge tone={ROLE_BADGE_TONE[user.role]}>{ROLE_LABELS[user.role]}</Badge>
                  </td>
                  <td>{user.organisationName ?? <span className="muted">Staff</span>}</td>
                  <td>
                    {user.disabled ? (
                      <Badge tone="danger">Disabled</Badge>
                    ) : (
                      <Badge tone="success">Active</Badge>
                    )}
                    {user.mustChangePassword ? <Badge tone="neutral">Password reset</Badge> : null}
                  </td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={`Edit ${user.fullName ?? user.email}`}
                      onClick={() => {
                        setSaved(null);
                        setEditing(user);
                      }}
                    >
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        <TableFooter
          shown={rows.length}
          hasMore={hasNextPage}
          loadingMore={isFetchingNextPage}
          onLoadMore={() => void fetchNextPage()}
        />
      </>
    );
  }

  return (
    <Card className="card--flush" as="div">
      <div className="table-toolbar">
        <Segmented label="Show accounts" options={filters} value={roleFilter} onChange={setRoleFilter} />
      </div>
      <div className="admin-status">
        <StatusMessage tone="success">{saved}</StatusMessage>
      </div>
      {body}
      {editing ? (
        <EditUserDialog
          user={editing}
          onSaved={(user, message) => {
            setEditing(null);
            setSaved(message);
            onSaved(user);
          }}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </Card>
  );
}
