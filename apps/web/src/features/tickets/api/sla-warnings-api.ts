import { client, dataOf } from '../../../lib/api-client';

/** The caller's SLA warnings and which of them they have read (kept on the server, per person). */
export const slaWarningsApi = {
  list: (signal?: AbortSignal) => dataOf(client.GET('/api/notifications/sla', { signal })),

  /** Marks the named warnings read, or all of the caller's when `ids` is undefined. */
  markRead: (ids?: string[]) =>
    dataOf(client.POST('/api/notifications/sla/read', { body: ids ? { ids } : {} })),
};
