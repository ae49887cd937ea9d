const dateFormatter = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
const dateTimeFormatter = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' });

/** "22 Nov 2025"; the original string if it is not a date. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormatter.format(date);
}

/** "22 November 2025 at 14:05", for tooltips. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormatter.format(date);
}

const shortDateTimeFormatter = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const relativeFormatter = new Intl.RelativeTimeFormat('en-GB', { numeric: 'auto' });

/** "22 Nov 2025, 14:05". */
export function formatShortDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shortDateTimeFormatter.format(date);
}

/** "just now", "5 minutes ago", "3 hours ago", "yesterday", then the date. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const minutes = Math.round((time - now) / 60_000);
  if (Math.abs(minutes) < 1) return 'just now';
  if (Math.abs(minutes) < 60) return relativeFormatter.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relativeFormatter.format(hours, 'hour');
  const days = Math.round(hours / 24);
  if (Math.abs(days) < 7) return relativeFormatter.format(days, 'day');
  return formatDate(iso);
}

/** "512 bytes", "12 KB", "3.4 MB". */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} bytes`;
  if (bytes < 1024 * 1024) return `${String(Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const listFormatter = new Intl.ListFormat('en-GB', { style: 'long', type: 'conjunction' });

/** "Sam, Alex and Jo". */
export function formatList(items: readonly string[]): string {
  return listFormatter.format(items);
}

/** "SP" for "Sam Patel", for avatars. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part) => part.charAt(0).toUpperCase()).join('') || '?';
}

/**
 * An engineer in a picker: their name as the API gave it, or, when the viewer's field policy
 * hides it, the neutral label with the first four characters of their id, so colleagues can
 * still be told apart without a name ("Support staff 3f2a"; an id says nothing of a name).
 */
export function engineerLabel(engineer: { id: string; name: string | null }): string {
  return engineer.name?.trim() || `Support staff ${engineer.id.slice(0, 4)}`;
}
