const DAY_MS = 86_400_000;

/** "45 s", "3 min 5 s", "1 h 2 min". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return minutes > 0 ? `${String(hours)} h ${String(minutes)} min` : `${String(hours)} h`;
  if (minutes > 0) return rest > 0 ? `${String(minutes)} min ${String(rest)} s` : `${String(minutes)} min`;
  return `${String(rest)} s`;
}

/** Whole days until `iso`, rounded up (so "in 1 day" until it is due); 0 or less when due. */
export function daysUntil(iso: string, now: number): number {
  return Math.ceil((Date.parse(iso) - now) / DAY_MS);
}

/** "Expires in 12 days", "Expires in 1 day", "Due for deletion". */
export function expiryText(expiresAt: string, now: number): string {
  const days = daysUntil(expiresAt, now);
  if (days <= 0) return 'Due for deletion';
  if (days === 1) return 'Expires in 1 day';
  return `Expires in ${String(days)} days`;
}

/** The value for a `datetime-local` input, in the browser's time zone, to the minute. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
