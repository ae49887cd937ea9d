import type { CreateOrganisationRequest } from '@hushdesk/api-client';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi } from '../api/admin-api';

const PAGE_SIZE = 25;
/** The most the API hands out in one page; enough for the organisation picker. */
const OPTIONS_LIMIT = 100;

export const organisationKeys = {
  all: ['admin', 'organisations'] as const,
  list: () => [...organisationKeys.all, 'list'] as const,
  options: () => [...organisationKeys.all, 'options'] as const,
};

/** All organisations, a page at a time ("Load more" calls `fetchNextPage`). */
export function useOrganisations() {
  return useInfiniteQuery({
    queryKey: organisationKeys.list(),
    queryFn: ({ pageParam, signal }) =>
      adminApi.listOrganisations({ limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

/** The organisations to choose from when creating a customer account. */
export function useOrganisationOptions({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: organisationKeys.options(),
    queryFn: ({ signal }) => adminApi.listOrganisations({ limit: OPTIONS_LIMIT }, signal),
    select: (page) => page.items,
    enabled,
  });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrganisationRequest) => adminApi.createOrganisation(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.all }),
  });
}

export function useUpdateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; name?: string; sharedTicketVisibility?: boolean }) =>
      adminApi.updateOrganisation(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.all }),
  });
}

export function useDeleteOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => adminApi.deleteOrganisation(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.all }),
  });
}
