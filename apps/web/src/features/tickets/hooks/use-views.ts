import type { CreateViewRequest, UpdateViewRequest } from '@hushdesk/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { viewsApi } from '../api/views-api';
import { ticketKeys } from './ticket-cache';

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
