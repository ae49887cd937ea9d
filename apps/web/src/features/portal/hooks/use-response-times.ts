import type { Schemas } from '@hushdesk/api-client';
import type { Priority } from '@hushdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { portalApi } from '../api/portal-api';

export type ResponseTime = Schemas['ResponseTimeDto'];

/** The targets change only when an admin edits them; keep them for a while. */
const STALE_TIME = 10 * 60_000;

export function useResponseTimes() {
  return useQuery({
    queryKey: ['portal', 'response-times'] as const,
    queryFn: ({ signal }) => portalApi.responseTimes(signal),
    staleTime: STALE_TIME,
  });
}

/** The target for one priority, once loaded. */
export function useResponseTime(priority: Priority): ResponseTime | undefined {
  return useResponseTimes().data?.find((target) => target.priority === priority);
}
