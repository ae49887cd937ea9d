import {
  apiPaths,
  type ControllerSettings,
  type PublishedController,
  type UpdateControllerSettingsRequest,
} from '@hushdesk/contracts';
import { apiClient } from '../../../lib/api-client';

/** The controller's identity: read and set by the privacy office, published in the notice. */
export const controllerApi = {
  settings: (signal?: AbortSignal) =>
    apiClient.get<ControllerSettings>(apiPaths.controllerSettings, { signal }),

  update: (body: UpdateControllerSettingsRequest) =>
    apiClient.put<ControllerSettings>(apiPaths.controllerSettings, body),

  published: (signal?: AbortSignal) =>
    apiClient.get<PublishedController>(apiPaths.privacyNoticeController, { signal }),
};
