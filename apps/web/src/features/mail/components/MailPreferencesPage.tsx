import { useState } from 'react';
import { useDocumentTitle } from '../../../lib/use-document-title';
import { ErrorMessage, LoadError, Spinner, StatusMessage } from '../../../ui/Feedback';
import { Card, PageHeader } from '../../../ui/Layout';
import type { MailSubscriptions } from '../api/mail-api';
import { useMailSubscriptions, useUpdateMailSubscriptions } from '../hooks/use-mail';
import './mail.css';

const CHOICES: { key: keyof MailSubscriptions; label: string; hint: string; about: string }[] = [
  {
    key: 'newTickets',
    label: 'Email me new tickets',
    hint: 'A mail for each ticket a customer raises, by email, in the portal or from a call.',
    about: 'new tickets',
  },
  {
    key: 'assignedTickets',
    label: 'Email me tickets assigned to me',
    hint: 'A mail when someone assigns a ticket to you.',
    about: 'tickets assigned to you',
  },
];

/** `/account/email`: staff choose which notifications reach their own inbox. */
export function MailPreferencesPage() {
  useDocumentTitle('Email notifications');
  const subscriptions = useMailSubscriptions();
  const save = useUpdateMailSubscriptions();
  const [saved, setSaved] = useState<string | null>(null);

  let body;
  if (subscriptions.isPending) {
    body = <Spinner label="Loading your choices…" />;
  } else if (subscriptions.error) {
    body = (
      <LoadError onRetry={() => void subscriptions.refetch()}>
        Your choices could not be loaded. {subscriptions.error.message}
      </LoadError>
    );
  } else {
    // While a choice saves, show it as chosen (the mutation's own variables, set in the same render
    // as the click), so the box never flips back to the old value before the answer comes.
    const current = save.isPending && save.variables ? save.variables : subscriptions.data;
    body = (
      <form
        className="form-stack"
        aria-label="Email notifications"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        {save.error ? <ErrorMessage>Your choice was not saved. {save.error.message}</ErrorMessage> : null}
        {CHOICES.map(({ key, label, hint, about }) => (
          <div className="mail-choice" key={key}>
            <label className="mail-check" htmlFor={`mail-choice-${key}`}>
              <input
                id={`mail-choice-${key}`}
                type="checkbox"
                checked={current[key]}
                disabled={save.isPending}
                aria-describedby={`mail-choice-${key}-hint`}
                onChange={(event) => {
                  setSaved(null);
                  const next = { ...current, [key]: event.target.checked };
                  save.mutate(next, {
                    onSuccess: (answer) => {
                      setSaved(
                        answer[key]
                          ? `Saved: you will be emailed about ${about}.`
                          : `Saved: you will no longer be emailed about ${about}.`,
                      );
                    },
                  });
                }}
              />
              <span>{label}</span>
            </label>
            <p className="field__hint mail-choice__hint" id={`mail-choice-${key}-hint`}>
              {hint}
            </p>
          </div>
        ))}
        <StatusMessage tone="success">{saved}</StatusMessage>
      </form>
    );
  }

  return (
    <>
      <PageHeader
        title="Email notifications"
        description="Which mail Hushdesk sends to your own address. Customers are told about their own tickets whatever you choose here."
      />
      <Card title="Send me" titleId="mail-choices-title" className="mail-choices">
        {body}
      </Card>
    </>
  );
}
