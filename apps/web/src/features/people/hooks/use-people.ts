import type { AuthUser } from '@hushdesk/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  isEmailChangeRequested,
  peopleApi,
  type PersonField,
  type PersonRecord,
  type PersonUpdate,
} from '../api/people-api';
import { authKeys } from '../../auth';
import { dsarKeys } from '../../dsar';

export const peopleKeys = {
  all: ['people'] as const,
  detail: (id: string) => [...peopleKeys.all, id] as const,
};

/** One person's contact data, as the field policies let the signed-in role see it. */
export function usePerson(id: string | undefined) {
  return useQuery({
    queryKey: peopleKeys.detail(id ?? ''),
    queryFn: ({ signal }) => peopleApi.get(id ?? '', signal),
    enabled: Boolean(id),
    // A staff member's read is an audited access: do not repeat it just because the tab regained focus.
    staleTime: 5 * 60_000,
    refetchOnWindowFocus: false,
  });
}

/** Rectification: saves the changed fields and keeps the answer as the person's record. */
export function useUpdatePerson(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PersonUpdate) => peopleApi.update(id, body),
    onSuccess: (result) => {
      const person = isEmailChangeRequested(result) ? result.person : result;
      queryClient.setQueryData<PersonRecord>(peopleKeys.detail(id), person);
      // Their own record: the signed-in account (the sidebar's name) is read from it.
      if (queryClient.getQueryData<AuthUser | null>(authKeys.me)?.personId === id)
        void queryClient.invalidateQueries({ queryKey: authKeys.me });
      // The email change is a new privacy request: the requests page lists it.
      if (isEmailChangeRequested(result)) void queryClient.invalidateQueries({ queryKey: dsarKeys.all });
    },
  });
}

/**
 * The clear value of one masked field, given a reason (audited). The value is returned to the
 * caller only: it is never put in the cache, so it is gone when the component goes.
 */
export function useRevealPersonField(id: string) {
  return useMutation({
    mutationFn: (body: { field: PersonField; reason: string }) => peopleApi.reveal(id, body),
  });
}
