/** The mail feature (the email channel's screens) as other features and the app shell see it. */
export { MailboxesPage } from './components/MailboxesPage';
export { MailPreferencesPage } from './components/MailPreferencesPage';
export { MailRecipientNote } from './components/MailRecipientNote';
export { OutboxPage } from './components/OutboxPage';
export { useMailRecipient } from './hooks/use-mail';
