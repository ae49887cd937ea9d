/** Emails are compared case-insensitively and without surrounding whitespace everywhere in Hushdesk. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
