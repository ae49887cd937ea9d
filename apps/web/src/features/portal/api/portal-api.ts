import { client, dataOf } from '../../../lib/api-client';

export const portalApi = {
  /** The SLA targets per priority: what a customer may expect before logging a request. */
  responseTimes: (signal?: AbortSignal) => dataOf(client.GET('/api/sla/response-times', { signal })),
};
