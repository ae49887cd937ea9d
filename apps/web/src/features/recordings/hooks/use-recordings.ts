import type { InfiniteData } from '@tanstack/react-query';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '@hushdesk/api-client';
import { retentionKeys } from '../../../lib/retention-keys';
import {
  recordingsApi,
  type NewRecording,
  type Recording,
  type RecordingQuery,
  type RecordingSearch,
} from '../api/recordings-api';

const PAGE_SIZE = 25;

type Filters = Omit<RecordingQuery, 'limit' | 'cursor'>;
type RecordingPages = InfiniteData<Page<Recording>, string | null>;

export const recordingKeys = {
  all: ['recordings'] as const,
  lists: () => [...recordingKeys.all, 'list'] as const,
  list: (filters: Filters) => [...recordingKeys.lists(), filters] as const,
  // Under lists(), so a hold placed anywhere shows in the search results too.
  search: (search: RecordingSearch) => [...recordingKeys.lists(), 'search', search] as const,
  one: (id: string) => [...recordingKeys.all, 'one', id] as const,
};

/** Recordings of a ticket or a person, newest first, a page at a time. */
export function useRecordings(filters: Filters) {
  return useInfiniteQuery({
    queryKey: recordingKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      recordingsApi.list({ ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

/**
 * The DPO's search for calls, a page at a time; `null` until a search is made. Each page is
 * audited, so it is fetched only when asked for, never again on focus or reconnect.
 */
export function useRecordingSearch(search: RecordingSearch | null) {
  return useInfiniteQuery({
    queryKey: recordingKeys.search(search ?? {}),
    queryFn: ({ pageParam }) => recordingsApi.search(search ?? {}, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: search !== null,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  });
}

/** One recording (for its hold state where only its id is known, e.g. a DSAR item). */
export function useRecording(id: string) {
  return useQuery({
    queryKey: recordingKeys.one(id),
    queryFn: ({ signal }) => recordingsApi.get(id, signal),
    retry: false,
  });
}

/** Puts a changed recording into every cached list that holds it. */
function replaceInLists(queryClient: ReturnType<typeof useQueryClient>, recording: Recording): void {
  queryClient.setQueriesData<RecordingPages>({ queryKey: recordingKeys.lists() }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === recording.id ? { ...item, ...recording } : item)),
          })),
        }
      : data,
  );
}

/** Logs a call; the lists are fetched again so it appears in its place. */
export function useLogCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (call: NewRecording) => recordingsApi.create(call),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: recordingKeys.lists() }),
        // The retention forecast counts it too.
        queryClient.invalidateQueries({ queryKey: retentionKeys.forecast() }),
      ]),
  });
}

/** Uploads (or replaces) the audio of a recording. */
export function useAttachAudio() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file }: { id: string; file: Blob }) => recordingsApi.putAudio(id, file),
    onSuccess: (recording) => {
      replaceInLists(queryClient, recording);
    },
  });
}

/** Keeps a recording past its retention (DPO), or lets it go again. */
export function useLegalHold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string | null }) =>
      reason === null ? recordingsApi.releaseHold(id) : recordingsApi.hold(id, reason),
    onSuccess: (recording) => {
      replaceInLists(queryClient, recording);
      queryClient.setQueryData(recordingKeys.one(recording.id), recording);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: retentionKeys.holds() }),
        queryClient.invalidateQueries({ queryKey: retentionKeys.forecast() }),
      ]);
    },
  });
}
