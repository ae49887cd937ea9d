import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi } from '../api/admin-api';

const tagsKey = ['admin', 'tags'] as const;

/** Every tag tickets carry, with how many carry it. */
export function useTags() {
  return useQuery({ queryKey: tagsKey, queryFn: ({ signal }) => adminApi.tags(signal) });
}

/** A tag renamed on every ticket; the list is read again after. */
export function useRenameTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { from: string; to: string }) => adminApi.renameTag(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tagsKey }),
  });
}

/** A tag taken off every ticket; the list is read again after. */
export function useRemoveTag() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tag: string) => adminApi.removeTag({ tag }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tagsKey }),
  });
}
