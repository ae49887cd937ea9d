import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mergeApi } from '../api/merge-api';
import { ticketsApi } from '../api/tickets-api';
import { ticketKeys } from './ticket-cache';

/** Open tickets matching the words typed, to merge into (the ticket itself left out). */
export function useMergeCandidates(ticketId: string, words: string) {
  const q = words.trim();
  return useQuery({
    queryKey: [...ticketKeys.all, 'merge-candidates', ticketId, q],
    queryFn: ({ signal }) => ticketsApi.list({ q, limit: 8 }, signal),
    enabled: q.length >= 2,
    select: (page) => page.items.filter((t) => t.id !== ticketId && t.status !== 'closed'),
  });
}

/** What a merge would move; the API refuses (409) tickets that may not be merged. */
export function useMergePreview(ticketId: string, intoTicketId: string | null) {
  return useQuery({
    queryKey: [...ticketKeys.all, 'merge-preview', ticketId, intoTicketId],
    queryFn: ({ signal }) => mergeApi.preview(ticketId, intoTicketId as string, signal),
    enabled: intoTicketId !== null,
    retry: false,
    gcTime: 0,
  });
}

export function useMergeTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (intoTicketId: string) => mergeApi.merge(ticketId, intoTicketId),
    onSuccess: (merged) => {
      // Both tickets changed: the thread, files, calls and history moved.
      for (const id of [merged.ticketId, merged.intoTicketId]) {
        for (const key of [
          ticketKeys.detail(id),
          ticketKeys.messages(id),
          ticketKeys.history(id),
          ticketKeys.attachments(id),
        ])
          void queryClient.invalidateQueries({ queryKey: key });
      }
      void queryClient.invalidateQueries({ queryKey: ['recordings'] });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}
