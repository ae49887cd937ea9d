import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi } from '../api/admin-api';

/** The most admin accounts one page brings: enough for the member checkboxes. */
const ADMINS_LIMIT = 100;

export const groupKeys = {
  all: ['admin', 'groups'] as const,
  list: () => [...groupKeys.all, 'list'] as const,
  members: (id: string) => [...groupKeys.all, 'members', id] as const,
  candidates: () => [...groupKeys.all, 'candidates'] as const,
};

/** Every group, with its member count (the API adds it for admins). */
export function useGroups() {
  return useQuery({ queryKey: groupKeys.list(), queryFn: ({ signal }) => adminApi.groups(signal) });
}

/** The user ids of one group's members. */
export function useGroupMembers(id: string) {
  return useQuery({
    queryKey: groupKeys.members(id),
    queryFn: ({ signal }) => adminApi.groupMembers(id, signal),
  });
}

export interface MemberCandidate {
  id: string;
  name: string | null;
  role: 'engineer' | 'admin';
}

/**
 * Who may be a member: active engineers, then active admins. Disabled accounts are left out, as
 * the API would refuse them.
 */
export function useMemberCandidates() {
  return useQuery({
    queryKey: groupKeys.candidates(),
    queryFn: async ({ signal }): Promise<MemberCandidate[]> => {
      const [engineers, admins] = await Promise.all([
        adminApi.engineers(signal),
        adminApi.listUsers({ limit: ADMINS_LIMIT, role: 'admin' }, signal),
      ]);
      return [
        ...engineers.map((e) => ({ id: e.id, name: e.name, role: 'engineer' as const })),
        ...admins.items
          .filter((a) => !a.disabled)
          .map((a) => ({ id: a.id, name: a.fullName, role: 'admin' as const })),
      ];
    },
  });
}

export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => adminApi.createGroup(name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: groupKeys.all }),
  });
}

export function useRenameGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => adminApi.renameGroup(id, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: groupKeys.all }),
  });
}

export function useDeleteGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => adminApi.deleteGroup(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: groupKeys.all }),
  });
}

export function useSetGroupMembers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, userIds }: { id: string; userIds: string[] }) => adminApi.setGroupMembers(id, userIds),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: groupKeys.all }),
  });
}
