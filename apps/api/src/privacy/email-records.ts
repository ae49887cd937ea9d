/** Records about people that are not fields of the registry: what the email channel keeps. */
export const EMAIL_RECORDS = [
  'email.message',
  'email.rawCopy',
  'email.sentMail',
  'email.doNotContact',
  'email.undeliverable',
] as const;
export type EmailRecord = (typeof EMAIL_RECORDS)[number];
