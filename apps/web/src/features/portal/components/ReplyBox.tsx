import { useEffect, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { toFormErrors } from '../../../lib/form-errors';
import { BusyButton } from '../../../ui/BusyButton';
import { TextAreaField } from '../../../ui/Field';
import { StatusMessage } from '../../../ui/Feedback';
import { useSendMessage } from '../../tickets';
import '../../../ui/ticket-page.css';

const BODY_ID = 'reply-body';

/** The customer's reply box. Tells the page when it is in use, for "is replying". */
export function ReplyBox({
  ticketId,
  onReplyingChange,
}: {
  ticketId: string;
  onReplyingChange: (replying: boolean) => void;
}) {
  const send = useSendMessage(ticketId);
  const [body, setBody] = useState('');
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [sent, setSent] = useState<string | null>(null);

  const replying = focused || body.trim() !== '';
  useEffect(() => {
    onReplyingChange(replying);
  }, [replying, onReplyingChange]);

  const handleSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSent(null);
    const text = body.trim();
    if (!text) {
      setError('Write your reply first.');
      document.getElementById(BODY_ID)?.focus();
      return;
    }
    setError(undefined);
    send.mutate(
      { body: text, visibility: 'public' },
      {
        onSuccess: () => {
          setBody('');
          setSent('Your reply has been sent.');
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
    <form className="composer" onSubmit={handleSubmit} noValidate>
      <TextAreaField
        id={BODY_ID}
        label="Your reply"
        name="body"
        rows={4}
        hint="The engineer working on this request sees it straight away. Press Ctrl+Enter to send."
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
        <BusyButton type="submit" className="button button--primary" busy={send.isPending}>
          Send reply
        </BusyButton>
      </div>
      <StatusMessage tone="success">{sent}</StatusMessage>
    </form>
  );
}
