import type { CreateViewRequest, UpdateViewRequest } from '@hushdesk/api-client';
import { client, dataOf } from '../../../lib/api-client';

/** Saved queue views: the shared ones and the caller's own, each with its count. */
export const viewsApi = {
  list: (signal?: AbortSignal) => dataOf(client.GET('/api/views', { signal })),
  create: (body: CreateViewRequest) => dataOf(client.POST('/api/views', { body })),
  update: (id: string, body: UpdateViewRequest) =>
    dataOf(client.PATCH('/api/views/{id}', { params: { path: { id } }, body })),
  remove: (id: string) => dataOf(client.DELETE('/api/views/{id}', { params: { path: { id } } })),
};
