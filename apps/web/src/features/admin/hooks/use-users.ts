import type { CreateUserRequest, UserSummary } from '@hushdesk/api-client';
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

export interface AccountChange {
  user: UserSummary;
  /** Sent only when the admin typed a different name than the one shown. */
  fullName?: string;
  access: { role?: Role; organisationId?: string | null; disabled?: boolean };
}

/** Saves an account's name (on its person) and then its access; either may be absent. */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ user, fullName, access }: AccountChange): Promise<UserSummary> => {
      if (fullName !== undefined) await adminApi.renamePerson(user.personId, fullName);
      const updated = await adminApi.updateUser(user.id, access);
      return fullName !== undefined ? { ...updated, fullName } : updated;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, temporaryPassword }: { id: string; temporaryPassword: string }) =>
      adminApi.resetPassword(id, temporaryPassword),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserRequest) => adminApi.createUser(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
