import type { MailStatus } from '../api/mail-api';
import { useMailStatus } from '../hooks/use-mail';

/** Where the built-in SMTP intake listens, in words. */
export function intakeSentence(intake: MailStatus['intake']): string {
  return intake
    ? `Mail your mail server relays to the SMTP intake at ${intake.host}:${String(intake.port)} becomes tickets too.`
    : 'The SMTP intake is off: set MAIL_INTAKE_PORT for your mail server to relay support mail straight to Hushdesk.';
}

/** Under the mailboxes: the other way mail comes in. Says nothing while the status is unknown. */
export function IntakeNote() {
  const status = useMailStatus();
  if (!status.data) return null;
  return (
    <p className="mail-intake-note" data-testid="intake-note">
      {intakeSentence(status.data.intake)}
    </p>
  );
}
