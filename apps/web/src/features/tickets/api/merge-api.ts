import { client, dataOf } from '../../../lib/api-client';

export const mergeApi = {
  /** What merging into that ticket would move, after the API's checks; nothing is written. */
  preview: (id: string, intoTicketId: string, signal?: AbortSignal) =>
    dataOf(
      client.GET('/api/tickets/{id}/merge', { params: { path: { id }, query: { intoTicketId } }, signal }),
    ),

  merge: (id: string, intoTicketId: string) =>
    dataOf(client.POST('/api/tickets/{id}/merge', { params: { path: { id } }, body: { intoTicketId } })),
};
