import type { UpdateControllerSettingsRequest } from '@hushdesk/api-client';
import { client, dataOf } from '../../../lib/api-client';

/** The controller's identity: read and set by the privacy office, published in the notice. */
export const controllerApi = {
  settings: (signal?: AbortSignal) => dataOf(client.GET('/api/settings/controller', { signal })),

  update: (body: UpdateControllerSettingsRequest) => dataOf(client.PUT('/api/settings/controller', { body })),

  published: (signal?: AbortSignal) => dataOf(client.GET('/api/privacy/notice/controller', { signal })),
};
