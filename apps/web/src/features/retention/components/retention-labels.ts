/** Words for the retention categories; an unknown category shows its code in words. */
export const CATEGORY_LABELS: Record<string, string> = {
  recordings: 'Call recordings',
  raw_emails: 'Raw emails and sent mail',
  closed_tickets: 'Closed tickets',
  dsar_packages: 'Data-subject request packages',
  audit: 'Audit trail',
  reply_drafts: 'Reply drafts',
  sla_warnings: 'SLA warnings',
};

/** What each period is counted from, and what changing it does. */
export const CATEGORY_HINTS: Record<string, string> = {
  recordings:
    'Counted from the start of the call. A new period moves the expiry date of every recording at once.',
  raw_emails:
    'The raw copy (.eml) of each email received, counted from its arrival, and the address, subject and text of mail sent, counted from when it went. The email itself stays with its ticket. A new period moves the expiry of every raw copy at once. At most a year.',
  closed_tickets: 'Counted from when the ticket was closed.',
  dsar_packages: 'Exports prepared for an access request, counted from when they were made.',
  audit: 'Entries in the audit trail, counted from when they were written. At least one year.',
  reply_drafts:
    'Engineers’ unsent replies and notes, counted from when each was last saved. At most 90 days.',
  sla_warnings:
    'Warnings sent to staff about tickets near or past their deadline, and who read them, counted from when each was sent. From 7 days to a year.',
};

export function categoryLabel(category: string): string {
  const known = CATEGORY_LABELS[category];
  if (known) return known;
  const words = category.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "60 days", "about 6 years". */
export function periodWords(days: number): string {
  if (days < 365) return `${String(days)} ${days === 1 ? 'day' : 'days'}`;
  const years = Math.round((days / 365.25) * 10) / 10;
  const rounded = Number.isInteger(years) ? String(years) : years.toFixed(1);
  return `${String(days)} days (about ${rounded} ${years === 1 ? 'year' : 'years'})`;
}
