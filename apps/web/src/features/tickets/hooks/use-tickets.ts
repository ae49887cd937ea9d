import type {
  BulkChangeRequest,
  CreateMessageRequest,
  CreateTicketRequest,
  TicketDetail,
  UpdateTicketRequest,
} from '@hushdesk/api-client';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ticketsApi } from '../api/tickets-api';
import {
  appendAttachment,
  appendMessage,
  storeTicketDetail,
  ticketKeys,
  type TicketFilters,
} from './ticket-cache';

const LIST_PAGE_SIZE = 25;
const THREAD_PAGE_SIZE = 100;
/** Engineers and groups change rarely; keep them for a while. */
const REFERENCE_STALE_TIME = 5 * 60_000;

/** One queue of tickets, a page at a time ("Load more" calls `fetchNextPage`). */
export function useTicketList(filters: TicketFilters) {
  return useInfiniteQuery({
    queryKey: ticketKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      ticketsApi.list({ ...filters, limit: LIST_PAGE_SIZE, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Changing a filter keeps the old rows on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}

export function useTicket(id: string) {
  return useQuery({
    queryKey: ticketKeys.detail(id),
    queryFn: ({ signal }) => ticketsApi.get(id, signal),
  });
}

/** The thread, oldest first. */
export function useTicketMessages(id: string) {
  return useInfiniteQuery({
    queryKey: ticketKeys.messages(id),
    queryFn: ({ pageParam, signal }) =>
      ticketsApi.listMessages(id, { limit: THREAD_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function useTicketHistory(id: string) {
  return useQuery({
    queryKey: ticketKeys.history(id),
    queryFn: ({ signal }) => ticketsApi.history(id, signal),
  });
}

export function useTicketAttachments(id: string) {
  return useQuery({
    queryKey: ticketKeys.attachments(id),
    queryFn: ({ signal }) => ticketsApi.listAttachments(id, signal),
  });
}

export function useTicketGroups() {
  return useQuery({
    queryKey: ticketKeys.groups(),
    queryFn: ({ signal }) => ticketsApi.groups(signal),
    staleTime: REFERENCE_STALE_TIME,
  });
}

export function useEngineers() {
  return useQuery({
    queryKey: ticketKeys.engineers(),
    queryFn: ({ signal }) => ticketsApi.engineers(signal),
    staleTime: REFERENCE_STALE_TIME,
  });
}

export function useDashboard() {
  return useQuery({
    queryKey: ticketKeys.dashboard(),
    queryFn: ({ signal }) => ticketsApi.dashboard(signal),
    // SLA states move with the clock as well as with events.
    refetchInterval: 60_000,
  });
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTicketRequest) => ticketsApi.create(body),
    onSuccess: (ticket) => {
      queryClient.setQueryData<TicketDetail>(ticketKeys.detail(ticket.id), ticket);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}

/** After a change to a ticket: the new state in the cache, and whatever it may have moved. */
export function afterTicketChange(
  queryClient: ReturnType<typeof useQueryClient>,
  ticket: TicketDetail,
): void {
  storeTicketDetail(queryClient, ticket);
  void queryClient.invalidateQueries({ queryKey: ticketKeys.history(ticket.id) });
  // Counts, order and filters may all have changed.
  void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: ticketKeys.dashboard() });
  void queryClient.invalidateQueries({ queryKey: ticketKeys.views() });
}

/** One change to a ticket (staff). */
export function useUpdateTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateTicketRequest) => ticketsApi.update(id, body),
    onSuccess: (ticket) => {
      afterTicketChange(queryClient, ticket);
    },
  });
}

/** Takes back the engineer's own last change to a ticket. */
export function useUndoTicketChange(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => ticketsApi.undo(id),
    onSuccess: (ticket) => {
      afterTicketChange(queryClient, ticket);
    },
  });
}

/** After a bulk change or its undo: queues, counts, views and any open ticket may all have moved. */
function afterBulkChange(queryClient: ReturnType<typeof useQueryClient>): void {
  void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
}

/** Many tickets changed as one (staff). */
export function useBulkChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkChangeRequest) => ticketsApi.bulkChange(body),
    onSuccess: () => {
      afterBulkChange(queryClient);
    },
  });
}

/** Takes back the engineer's own bulk change, as one. */
export function useUndoBulkChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => ticketsApi.undoBulkChange(id),
    onSuccess: () => {
      afterBulkChange(queryClient);
    },
  });
}

/** A customer marks their request solved. */
export function useSolveTicket(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => ticketsApi.solve(id),
    onSuccess: (ticket) => {
      afterTicketChange(queryClient, ticket);
    },
  });
}

export function useSendMessage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateMessageRequest) => ticketsApi.sendMessage(id, body),
    onSuccess: (message) => {
      appendMessage(queryClient, message);
      // A reply can move the status and stops the first-response clock.
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
    },
  });
}

/** Where the browser downloads an attachment from: a plain link, so the browser handles the file. */
export function attachmentDownloadUrl(ticketId: string, attachmentId: string): string {
  return ticketsApi.attachmentUrl(ticketId, attachmentId);
}

export function shareSafeDownloadUrl(ticketId: string, attachmentId: string): string {
  return ticketsApi.shareSafeUrl(ticketId, attachmentId);
}

export function useUploadAttachment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => ticketsApi.uploadAttachment(id, file),
    onSuccess: (attachment) => {
      appendAttachment(queryClient, attachment);
    },
  });
}

/** Reveals a ticket's masked contact phone, given a reason; the clear value is not cached. */
export function useRevealContactPhone(ticketId: string) {
  return useMutation({ mutationFn: (reason: string) => ticketsApi.revealContactPhone(ticketId, reason) });
}
