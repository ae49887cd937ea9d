import type { MessageVisibility } from '@hushdesk/contracts';
import { useEffect, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { toFormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextAreaField } from '../../../ui/Field';
import { StatusMessage } from '../../../ui/Feedback';
import { LockIcon, MessageIcon } from '../../../ui/icons';
import { MailRecipientNote, useMailRecipient } from '../../mail';
import { useSendMessage } from '../../tickets';
import '../../../ui/ticket-page.css';
import './console.css';

const BODY_ID = 'composer-message';

const CHOICES: { value: MessageVisibility; label: string; icon: typeof LockIcon }[] = [
  { value: 'public', label: 'Public reply', icon: MessageIcon },
  { value: 'internal', label: 'Internal note', icon: LockIcon },
];

/**
 * The engineer's reply box: a public reply to the customer, or an internal note for colleagues.
 * Internal mode turns the whole composer amber so nobody sends a note to the customer by mistake.
 */
export function Composer({
  ticketId,
  onReplyingChange,
}: {
  ticketId: string;
  onReplyingChange: (replying: boolean) => void;
}) {
  const send = useSendMessage(ticketId);
  const [visibility, setVisibility] = useState<MessageVisibility>('public');
  const [body, setBody] = useState('');
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState<string | null>(null);
  const internal = visibility === 'internal';
  // The same query as the recipient line above the box (cached): contacts made from mail cannot sign in.
  const portal = useMailRecipient(ticketId, !internal).data?.portal ?? true;

  const replying = focused || body.trim() !== '';
  useEffect(() => {
    onReplyingChange(replying);
  }, [replying, onReplyingChange]);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSent(null);
    const text = body.trim();
    if (!text) {
      setError(internal ? 'Write the note first.' : 'Write your reply first.');
      document.getElementById(BODY_ID)?.focus();
      return;
    }
    setError(undefined);
    send.mutate(
      { body: text, visibility },
      {
        onSuccess: (message) => {
          setBody('');
          setSent(
            message.visibility === 'internal'
              ? 'Internal note added.'
              : 'Reply added: the customer sees it in the portal.',
          );
        },
        onError: (failure) => {
          const next = toFormErrors(failure, { body: 'body' });
          setError(next.fields.body ?? next.form);
          document.getElementById(BODY_ID)?.focus();
        },
      },
    );
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  return (
    <form
      className={`composer composer--console${internal ? ' composer--internal' : ''}`}
      onSubmit={handleSubmit}
      noValidate
      data-visibility={visibility}
    >
      <fieldset className="reply-type" role="radiogroup" aria-labelledby="reply-type-legend">
        <legend id="reply-type-legend" className="reply-type__legend">
          Reply type
        </legend>
        <div className="reply-type__options">
          {CHOICES.map(({ value, label, icon: Icon }) => (
            <label key={value} className={`reply-type__option reply-type__option--${value}`}>
              <input
                type="radio"
                name="visibility"
                value={value}
                checked={visibility === value}
                onChange={() => {
                  setVisibility(value);
                }}
                className="reply-type__input"
              />
              <Icon size={16} />
              <span>{label}</span>
            </label>
          ))}
        </div>
      </fieldset>

      {internal ? (
        <p className="composer__internal-banner">
          <LockIcon size={16} />
          Internal note — only staff see this, never the customer.
        </p>
      ) : null}
      <MailRecipientNote ticketId={ticketId} internal={internal} />

      <TextAreaField
        id={BODY_ID}
        label="Message"
        name="body"
        rows={5}
        hint={
          internal
            ? 'Keep personal data out of notes; refer to the customer record instead. Ctrl+Enter adds the note.'
            : portal
              ? 'The customer sees this reply in the portal. Ctrl+Enter sends it.'
              : 'This customer has no portal login: only a mail reaches them. Ctrl+Enter sends it.'
        }
        value={body}
        onChange={(event) => {
          setBody(event.target.value);
          if (error) setError(undefined);
        }}
        onFocus={() => {
          setFocused(true);
        }}
        onBlur={() => {
          setFocused(false);
        }}
        onKeyDown={handleKeyDown}
        error={error}
      />
      <div className="composer__actions">
        <BusyButton
          type="submit"
          className={`button ${internal ? 'button--internal' : 'button--primary'}`}
          busy={send.isPending}
        >
          {/* The spinner takes the lock's place while the note is sent. */}
          {internal && !send.isPending ? <LockIcon size={16} /> : null}
          {internal ? 'Add internal note' : 'Send reply'}
        </BusyButton>
      </div>
      <StatusMessage tone="success">{sent}</StatusMessage>
    </form>
  );
}
