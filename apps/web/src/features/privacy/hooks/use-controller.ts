import type { UpdateControllerSettingsRequest } from '@hushdesk/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { controllerApi } from '../api/controller-api';
import { privacyKeys } from './use-privacy';

export const controllerKeys = {
  all: ['controller'] as const,
  settings: () => [...controllerKeys.all, 'settings'] as const,
  published: () => [...controllerKeys.all, 'published'] as const,
};

/** The settings as the admin edits them (nulls until first set). */
export function useControllerSettings() {
  return useQuery({
    queryKey: controllerKeys.settings(),
    queryFn: ({ signal }) => controllerApi.settings(signal),
  });
}

export function useUpdateControllerSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateControllerSettingsRequest) => controllerApi.update(body),
    onSuccess: (saved) => {
      queryClient.setQueryData(controllerKeys.settings(), saved);
      // The notice and the record of processing name it too.
      void queryClient.invalidateQueries({ queryKey: controllerKeys.published() });
      void queryClient.invalidateQueries({ queryKey: privacyKeys.ropa() });
    },
  });
}

/** Who the privacy notice names as responsible; null until an admin has set it. */
export function usePublishedController() {
  return useQuery({
    queryKey: controllerKeys.published(),
    queryFn: ({ signal }) => controllerApi.published(signal),
    select: (published) => published.controller,
  });
}
