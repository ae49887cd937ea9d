import type { RequestBodyOf } from '@hushdesk/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi } from '../api/admin-api';

const slaKey = ['admin', 'sla-settings'] as const;

export type SlaSettingsRequest = RequestBodyOf<'put', '/api/settings/sla'>;

/** Business hours, bank holidays and SLA targets as every SLA clock now uses them. */
export function useSlaSettings() {
  return useQuery({ queryKey: slaKey, queryFn: ({ signal }) => adminApi.slaSettings(signal) });
}

export function useSaveSlaSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SlaSettingsRequest) => adminApi.saveSlaSettings(body),
    onSuccess: (saved) => queryClient.setQueryData(slaKey, saved),
  });
}
