import type { CreateViewRequest, TicketView, UpdateViewRequest } from '@hushdesk/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { viewsApi } from '../api/views-api';
import { ticketKeys } from './ticket-cache';

/** A view's count as shown ("1,000+" when the count stopped at its limit). */
export const viewCountLabel = (view: TicketView): string =>
  `${view.count.toLocaleString('en-GB')}${view.countAtLeast ? '+' : ''}`;

/** The word after a view's count, for screen readers. */
export const viewCountNoun = (view: TicketView): string =>
  view.count === 1 && !view.countAtLeast ? 'ticket' : 'tickets';

/** Saved views with live counts: refetched after every ticket event (`useLiveTickets`). */
export function useViews() {
  return useQuery({
    queryKey: ticketKeys.views(),
    queryFn: ({ signal }) => viewsApi.list(signal),
  });
}

export function useCreateView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateViewRequest) => viewsApi.create(body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.views() });
    },
  });
}

export function useUpdateView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateViewRequest & { id: string }) => viewsApi.update(id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.views() });
    },
  });
}

export function useDeleteView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => viewsApi.remove(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ticketKeys.views() });
    },
  });
}
