import type { Macro } from '@hushdesk/api-client';
import { useState } from 'react';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { BusyButton } from '../../../ui/BusyButton';
import { ErrorMessage, LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { Badge, Card, EmptyState, PageHeader } from '../../../ui/Layout';
import { SparkIcon } from '../../../ui/icons';
import { TableScroll } from '../../../ui/TableScroll';
import { useDeleteMacro, useMacros, useSaveNewMacro, useUpdateMacro } from '../hooks/use-reply-tools';
import { useEngineers, useTicketGroups } from '../hooks/use-tickets';
import { MacroForm } from './MacroForm';
import { macroChanges } from './MacroPicker';
import './macros.css';

/**
 * The macros the reply box offers: the caller's personal ones and the shared ones. Engineers
 * change their own; shared ones are read-only to them. Administrators (`canShare`) create, edit
 * and delete shared ones. The API decides what may be changed (`editable`); this only follows it.
 */
export function MacrosPage({ canShare }: { canShare: boolean }) {
  useDocumentTitle('Macros');
  const macros = useMacros('', true);
  const create = useSaveNewMacro();
  const update = useUpdateMacro();
  const remove = useDeleteMacro();
  const engineers = useEngineers();
  const groups = useTicketGroups();
  const names = { engineers: engineers.data, groups: groups.data };
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const rows = macros.data ?? [];

  const startEdit = (macro: Macro) => {
    setStatus(null);
    setDeleting(null);
    setEditing(macro.id);
  };

  let table;
  if (macros.isPending) {
    table = <Spinner label="Loading macros…" />;
  } else if (macros.error) {
    table = (
      <LoadError onRetry={() => void macros.refetch()}>
        The macros could not be loaded. {macros.error.message}
      </LoadError>
    );
  } else if (rows.length === 0) {
    table = (
      <EmptyState icon={<SparkIcon size={28} />} title="No macros yet">
        <p>Create one with “New macro”, or save a reply as a macro from a ticket.</p>
      </EmptyState>
    );
  } else {
    table = (
      <TableScroll label="Macro table">
        <table className="table macro-table" aria-label="Macros">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Kind</th>
              <th scope="col">Text</th>
              <th scope="col">Ticket changes</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((macro) =>
              editing === macro.id ? (
                <tr key={macro.id}>
                  <td colSpan={5}>
                    <MacroForm
                      macro={macro}
                      canShare={canShare}
                      busy={update.isPending}
                      submitLabel={`Save “${macro.title}”`}
                      onCancel={() => setEditing(null)}
                      onSubmit={(draft, onError) => {
                        update.mutate(
                          { id: macro.id, title: draft.title, body: draft.body, actions: draft.actions },
                          {
                            onSuccess: (saved) => {
                              setEditing(null);
                              setStatus(`Saved “${saved.title}”.`);
                            },
                            onError,
                          },
                        );
                      }}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={macro.id}>
                  <th scope="row" className="table__primary">
                    {macro.title}
                  </th>
                  <td>{macro.shared ? <Badge tone="accent">Shared</Badge> : <Badge>Personal</Badge>}</td>
                  <td className="macro-table__body">{macro.body}</td>
                  <td className="macro-table__changes">
                    {macroChanges(macro, names) || <span className="muted">None</span>}
                  </td>
                  <td className="table__actions">
                    {!macro.editable ? (
                      <span className="muted">Read-only</span>
                    ) : deleting === macro.id ? (
                      <span
                        role="group"
                        aria-label={`Delete ${macro.title}?`}
                        className="macro-table__confirm"
                      >
                        <span>Delete?</span>
                        <BusyButton
                          type="button"
                          className="button button--danger button--small"
                          busy={remove.isPending}
                          onClick={() => {
                            remove.mutate(macro.id, {
                              onSuccess: () => {
                                setDeleting(null);
                                setDeleteError(null);
                                setStatus(`Deleted “${macro.title}”.`);
                              },
                              onError: (error) => setDeleteError(error.message),
                            });
                          }}
                        >
                          Delete macro
                        </BusyButton>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          autoFocus
                          onClick={() => {
                            setDeleting(null);
                            setDeleteError(null);
                          }}
                        >
                          Keep
                        </button>
                      </span>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={`Edit ${macro.title}`}
                          onClick={() => startEdit(macro)}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-label={`Delete ${macro.title}`}
                          onClick={() => {
                            setStatus(null);
                            setDeleteError(null);
                            setEditing(null);
                            setDeleting(macro.id);
                          }}
                        >
                          Delete
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </TableScroll>
    );
  }

  return (
    <>
      <PageHeader
        title="Macros"
        description={
          canShare
            ? 'Canned replies. Shared macros are offered to every engineer; personal ones only to you.'
            : 'Canned replies for the reply box. Your own are yours to change; shared ones come from administrators.'
        }
        actions={
          creating ? null : (
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setStatus(null);
                setCreating(true);
              }}
            >
              New macro
            </button>
          )
        }
      />
      {creating ? (
        <Card title="New macro" titleId="new-macro-title">
          <MacroForm
            canShare={canShare}
            busy={create.isPending}
            submitLabel="Create macro"
            onCancel={() => setCreating(false)}
            onSubmit={(draft, onError) => {
              create.mutate(draft, {
                onSuccess: (saved) => {
                  setCreating(false);
                  setStatus(`Created “${saved.title}”.`);
                },
                onError,
              });
            }}
          />
        </Card>
      ) : null}
      <Card className="card--flush" as="div">
        <div className="macro-status">
          <StatusMessage tone="success">{status}</StatusMessage>
          {deleteError ? <ErrorMessage>{deleteError}</ErrorMessage> : null}
        </div>
        {table}
      </Card>
    </>
  );
}
