import { useState } from 'react';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { InboxIcon, PlusIcon } from '../../../ui/icons';
import { EmptyState, PageHeader } from '../../../ui/Layout';
import { useMailboxes } from '../hooks/use-mail';
import { IntakeNote } from './IntakeNote';
import { MailboxCard } from './MailboxCard';
import { MailboxForm } from './MailboxForm';
import './mail.css';

/** What the form at the top is doing: nothing, adding a mailbox, or editing one. */
type Editing = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; id: string };

/** `/admin/mailboxes`: the IMAP mailboxes Hushdesk imports support mail from. */
export function MailboxesPage() {
  useDocumentTitle('Mailboxes');
  const mailboxes = useMailboxes();
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [done, setDone] = useState<string | null>(null);

  const finish = (message: string) => {
    setEditing({ mode: 'closed' });
    setDone(message);
  };
  const edited =
    editing.mode === 'edit' ? mailboxes.data?.find((mailbox) => mailbox.id === editing.id) : undefined;
  const addButton =
    editing.mode === 'closed' ? (
      <button
        type="button"
        className="button button--primary"
        onClick={() => {
          setDone(null);
          setEditing({ mode: 'add' });
        }}
      >
        <PlusIcon size={18} />
        Add a mailbox
      </button>
    ) : null;

  let body;
  if (mailboxes.isPending) {
    body = <Spinner label="Loading mailboxes…" />;
  } else if (mailboxes.error) {
    body = (
      <LoadError onRetry={() => void mailboxes.refetch()}>
        The mailboxes could not be loaded. {mailboxes.error.message}
      </LoadError>
    );
  } else if (mailboxes.data.length === 0) {
    body =
      editing.mode === 'add' ? null : (
        <div className="card">
          <EmptyState icon={<InboxIcon size={28} />} title="No mailboxes yet" action={addButton}>
            <p>
              Add the support mailbox your customers write to, and Hushdesk turns its mail into tickets and
              replies.
            </p>
          </EmptyState>
        </div>
      );
  } else {
    body = (
      <ul className="mailbox-list" aria-label="Mailboxes">
        {mailboxes.data.map((mailbox) => (
          <MailboxCard
            key={mailbox.id}
            mailbox={mailbox}
            onEdit={() => {
              setDone(null);
              setEditing({ mode: 'edit', id: mailbox.id });
              window.scrollTo({ top: 0 });
            }}
            onDeleted={(message) => {
              if (editing.mode === 'edit' && editing.id === mailbox.id) setEditing({ mode: 'closed' });
              setDone(message);
              // Its Delete button has gone with the card: give focus back to the page, not to nobody.
              document.getElementById('main-content')?.focus();
            }}
          />
        ))}
      </ul>
    );
  }

  return (
    <>
      <PageHeader
        title="Mailboxes"
        description="IMAP mailboxes that Hushdesk checks for support mail. Each new mail becomes a ticket, or a reply on the ticket it answers."
        actions={mailboxes.data && mailboxes.data.length > 0 ? addButton : null}
      />
      <div className="mail-stack">
        <StatusMessage tone="success">{done}</StatusMessage>
        {editing.mode === 'add' ? (
          <MailboxForm
            onDone={finish}
            onCancel={() => {
              setEditing({ mode: 'closed' });
            }}
          />
        ) : null}
        {edited ? (
          <MailboxForm
            key={edited.id}
            mailbox={edited}
            onDone={finish}
            onCancel={() => {
              setEditing({ mode: 'closed' });
            }}
          />
        ) : null}
        {body}
        <IntakeNote />
      </div>
    </>
  );
}
