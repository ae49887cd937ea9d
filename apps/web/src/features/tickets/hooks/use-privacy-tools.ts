import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { privacyToolsApi } from '../api/privacy-tools-api';
import { ticketKeys } from './ticket-cache';

/** The share-safe copy, fetched only when asked for (the API audits each one). */
export function useShareSafeCopy(ticketId: string, wanted: boolean) {
  return useQuery({
    queryKey: [...ticketKeys.all, 'share-safe', ticketId],
    queryFn: ({ signal }) => privacyToolsApi.shareSafeCopy(ticketId, signal),
    enabled: wanted,
    gcTime: 0,
    staleTime: Infinity,
  });
}

export function useRedaction(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { kind: 'message' | 'attachment'; id: string; reason: string }) =>
      input.kind === 'message'
        ? privacyToolsApi.redactMessage(ticketId, input.id, input.reason)
        : privacyToolsApi.redactAttachment(ticketId, input.id, input.reason),
    onSuccess: (_result, input) => {
      void queryClient.invalidateQueries({
        queryKey: input.kind === 'message' ? ticketKeys.messages(ticketId) : ticketKeys.attachments(ticketId),
      });
    },
  });
}
