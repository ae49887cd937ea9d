/**
 * Puts items created in this visit at the top of a paginated list (and drops their copies
 * from the loaded pages), so a new record is visible straight after it is created, wherever
 * the API's ordering would place it.
 */
export function mergeRecent<T extends { id: string }>(recent: readonly T[], loaded: readonly T[]): T[] {
  const recentIds = new Set(recent.map((item) => item.id));
  return [...recent, ...loaded.filter((item) => !recentIds.has(item.id))];
}
