import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { isApiError, saveFile } from '../../../lib/api-client';
import { dsarApi } from '../api/dsar-api';
import { dsarKeys } from './use-dsar';

const statusKey = (token: string) => [...dsarKeys.all, 'download-status', token] as const;

/** What the requester's link needs, and whether it still works (404: not a link at all). */
export function useDownloadStatus(token: string) {
  return useQuery({
    queryKey: statusKey(token),
    queryFn: ({ signal }) => dsarApi.downloadStatus(token, signal),
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
    staleTime: 0,
  });
}

/** Downloads the package (with the one-time code when the link needs one) and saves it. */
export function useDownloadPackage(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code?: string) => {
      const file = await dsarApi.download(token, code);
      saveFile(file.blob, file.fileName);
      return file.fileName;
    },
    // A refusal may mean the link or its code has ended: the page says so. (After a success the
    // page keeps its own message rather than turning into "code used".)
    onError: () => queryClient.invalidateQueries({ queryKey: statusKey(token) }),
  });
}

/** DPO: a new one-time code for a released link; shown once, so only the mutation holds it. */
export function useRenewDownloadCode(id: string) {
  return useMutation({ mutationFn: () => dsarApi.renewDownloadCode(id) });
}
