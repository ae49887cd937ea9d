import type { CreateDsarRequest, DsarDetail } from '@hushdesk/api-client';
import { DSAR_SOCKET_EVENT, type DsarProgressEvent } from '@hushdesk/contracts';
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSocket } from '../../../lib/socket';
import { dsarApi, type DsarActionInput, type DsarListFilters } from '../api/dsar-api';

const LIST_PAGE_SIZE = 25;
const ITEMS_PAGE_SIZE = 20;
/** How often to ask about a running collection (the socket usually answers sooner). */
const COLLECTING_POLL_MS = 1000;

export const dsarKeys = {
  all: ['dsar'] as const,
  lists: () => [...dsarKeys.all, 'list'] as const,
  list: (filters: DsarListFilters) => [...dsarKeys.lists(), filters] as const,
  dashboard: () => [...dsarKeys.all, 'dashboard'] as const,
  detail: (id: string) => [...dsarKeys.all, 'detail', id] as const,
  items: (id: string) => [...dsarKeys.all, 'items', id] as const,
  erasurePreview: (id: string) => [...dsarKeys.all, 'erasure-preview', id] as const,
};

/** After a change to one request: it, its items, the lists and the dashboard are fetched again. */
function refreshRequest(queryClient: QueryClient, id: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: dsarKeys.detail(id) }),
    queryClient.invalidateQueries({ queryKey: dsarKeys.items(id) }),
    queryClient.invalidateQueries({ queryKey: dsarKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: dsarKeys.dashboard() }),
  ]);
}

/** Requests, open ones by due date (the DPO sees all, a customer their own), a page at a time. */
export function useDsarList(filters: DsarListFilters) {
  return useInfiniteQuery({
    queryKey: dsarKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      dsarApi.list({ ...filters, limit: LIST_PAGE_SIZE, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    staleTime: 0,
  });
}

/** Open requests by deadline state and by week due (DPO). */
export function useDsarDashboard() {
  return useQuery({
    queryKey: dsarKeys.dashboard(),
    queryFn: ({ signal }) => dsarApi.dashboard(signal),
    staleTime: 0,
  });
}

/** One request; polled every second while its collection runs. */
export function useDsar(id: string | undefined) {
  return useQuery({
    queryKey: dsarKeys.detail(id ?? ''),
    queryFn: ({ signal }) => dsarApi.get(id ?? '', signal),
    enabled: Boolean(id),
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.status === 'collecting' && query.state.status !== 'error'
        ? COLLECTING_POLL_MS
        : false,
  });
}

/** What collection found, for review, a page at a time. */
export function useDsarItems(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: dsarKeys.items(id),
    queryFn: ({ pageParam, signal }) =>
      dsarApi.items(id, { limit: ITEMS_PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled,
  });
}

/** Logs a request: the DPO's intake, or a customer's own from the portal. */
export function useCreateDsar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDsarRequest) => dsarApi.create(body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: dsarKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: dsarKeys.dashboard() }),
      ]),
  });
}

/** An answer that is the request itself, written into the cache before the refetch. */
function storeDetail(queryClient: QueryClient, id: string, answer: DsarDetail | undefined): void {
  if (answer && typeof answer === 'object' && answer.id === id && Array.isArray(answer.allowedActions)) {
    queryClient.setQueryData<DsarDetail>(dsarKeys.detail(id), answer);
  }
}

/** Any of the request's actions; the request, its items, the lists and the dashboard follow. */
export function useDsarAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DsarActionInput) => dsarApi.act(id, input),
    onSuccess: (answer) => {
      storeDetail(queryClient, id, answer);
      return refreshRequest(queryClient, id);
    },
  });
}

/** Leaves an item out of the package (or puts it back), with a reason. */
export function useItemExclusion(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, excluded, reason }: { itemId: string; excluded: boolean; reason: string }) =>
      dsarApi.setExclusion(id, itemId, { excluded, reason }),
    onSuccess: () => refreshRequest(queryClient, id),
  });
}

/** Shows another person's identifier in the package (or hides it again), with a reason. */
export function useRedaction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      redactionId,
      redacted,
      reason,
    }: {
      redactionId: string;
      redacted: boolean;
      reason: string;
    }) => dsarApi.setRedaction(id, redactionId, { redacted, reason }),
    onSuccess: () => refreshRequest(queryClient, id),
  });
}

/** Makes the requester's 7-day download link. */
export function useReleaseDsar(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => dsarApi.release(id),
    onSuccess: () => refreshRequest(queryClient, id),
  });
}

/** What an erasure would erase and keep, fetched when the DPO asks for it. */
export function useErasurePreview(id: string, enabled: boolean) {
  return useQuery({
    queryKey: dsarKeys.erasurePreview(id),
    queryFn: ({ signal }) => dsarApi.erasurePreview(id, signal),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

/** Erases the subject's data; answers with the receipt. */
export function useErase(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirmation: string) => dsarApi.erase(id, confirmation),
    onSuccess: (receipt) => {
      queryClient.setQueryData<DsarDetail>(dsarKeys.detail(id), (detail) =>
        detail ? { ...detail, receipt } : detail,
      );
      queryClient.removeQueries({ queryKey: dsarKeys.erasurePreview(id) });
      return refreshRequest(queryClient, id);
    },
  });
}

/** Uploads the third party's authority to act for the subject. */
export function useUploadEvidence(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => dsarApi.uploadEvidence(id, file),
    onSuccess: (answer) => {
      storeDetail(queryClient, id, answer);
      return refreshRequest(queryClient, id);
    },
  });
}

/**
 * Follows a request's collection live: each `dsar.progress` event for it is written into the
 * cached request at once, and the request is fetched again for its counts and actions.
 */
export function useDsarLiveProgress(id: string | undefined): void {
  const socket = useSocket();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!socket || !id) return undefined;
    const listener = (event: DsarProgressEvent) => {
      if (event.id !== id) return;
      queryClient.setQueryData<DsarDetail>(dsarKeys.detail(id), (detail) =>
        detail ? { ...detail, status: event.status, progress: event.progress } : detail,
      );
      if (event.status === 'collecting') {
        void queryClient.invalidateQueries({ queryKey: dsarKeys.detail(id) });
      } else {
        void refreshRequest(queryClient, id);
      }
    };
    socket.on(DSAR_SOCKET_EVENT, listener);
    return () => {
      socket.off(DSAR_SOCKET_EVENT, listener);
    };
  }, [socket, id, queryClient]);
}
