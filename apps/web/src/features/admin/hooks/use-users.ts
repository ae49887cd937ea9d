import type { CreateUserRequest } from '@hushdesk/api-client';
import type { Role } from '@hushdesk/contracts';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { adminApi } from '../api/admin-api';

const PAGE_SIZE = 25;

export const userKeys = {
  all: ['admin', 'users'] as const,
  list: (role: Role | undefined) => [...userKeys.all, 'list', { role: role ?? 'all' }] as const,
};

/** Accounts, a page at a time, optionally only one role. */
export function useUsers(role?: Role) {
  return useInfiniteQuery({
    queryKey: userKeys.list(role),
    queryFn: ({ pageParam, signal }) =>
      adminApi.listUsers({ limit: PAGE_SIZE, cursor: pageParam, role }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => adminApi.createUser(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
