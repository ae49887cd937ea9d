import { SOCKET_EVENTS } from '@hushdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useSocket, type ServerEvents } from '../../../lib/socket';
import { recordingKeys } from '../../recordings';
import { isFinished, retentionApi, type RetentionRun } from '../api/retention-api';
import { retentionKeys } from '../../../lib/retention-keys';

/** How often to ask about a run that has not finished (the socket usually answers sooner). */
const POLL_MS = 1000;

type Progress = Parameters<ServerEvents['retention.progress']>[0];

/** The most recent runs, newest first; refreshed while one of them is still going. */
export function useRetentionRuns() {
  return useQuery({
    queryKey: retentionKeys.runs(),
    queryFn: ({ signal }) => retentionApi.runs(signal),
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.some((run) => !isFinished(run.status)) ? POLL_MS * 2 : false,
  });
}

/** One run, polled until it has completed or failed. */
export function useRetentionRun(id: string | null) {
  return useQuery({
    queryKey: retentionKeys.run(id ?? ''),
    queryFn: ({ signal }) => retentionApi.run(id ?? '', signal),
    enabled: id !== null,
    staleTime: 0,
    // Stops when the run has finished, or when asking fails (the error is shown instead).
    refetchInterval: (query) =>
      isFinished(query.state.data?.status) || query.state.status === 'error' ? false : POLL_MS,
  });
}

/** Starts a run: a dry run answers with its report; a real run answers queued or running. */
export function useStartRetentionRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (dryRun: boolean) => retentionApi.start(dryRun),
    onSuccess: (run) => {
      queryClient.setQueryData<RetentionRun>(retentionKeys.run(run.id), run);
      return queryClient.invalidateQueries({ queryKey: retentionKeys.runs() });
    },
  });
}

/**
 * Follows a real run live: `onProgress` gets each `retention.progress` event for `runId`, and when
 * the run finishes the run, the lists and the forecast are fetched again.
 */
export function useRetentionProgress(runId: string | null, onProgress: (progress: Progress) => void): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  const handlerRef = useRef(onProgress);
  useEffect(() => {
    handlerRef.current = onProgress;
  }, [onProgress]);

  useEffect(() => {
    if (!socket || !runId) return undefined;
    const listener = (progress: Progress) => {
      if (progress.runId !== runId) return;
      handlerRef.current(progress);
      if (progress.status === 'completed' || progress.status === 'failed') {
        void queryClient.invalidateQueries({ queryKey: retentionKeys.run(runId) });
      }
    };
    socket.on(SOCKET_EVENTS.retentionProgress, listener);
    return () => {
      socket.off(SOCKET_EVENTS.retentionProgress, listener);
    };
  }, [socket, runId, queryClient]);
}

/** Returns a function to call when a real run has finished: everything it may have changed is fetched again. */
export function useRefreshAfterRun(): () => void {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: retentionKeys.runs() });
    void queryClient.invalidateQueries({ queryKey: retentionKeys.forecast() });
    void queryClient.invalidateQueries({ queryKey: retentionKeys.holds() });
    void queryClient.invalidateQueries({ queryKey: recordingKeys.all });
  }, [queryClient]);
}

export function useRetentionPolicies() {
  return useQuery({
    queryKey: retentionKeys.policies(),
    queryFn: ({ signal }) => retentionApi.policies(signal),
  });
}

/** Saves a category's period. For recordings this moves every recording's expiry too. */
export function useUpdateRetentionPolicy(category: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (days: number) => retentionApi.updatePolicy(category, days),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: retentionKeys.policies() }),
        queryClient.invalidateQueries({ queryKey: retentionKeys.forecast() }),
        queryClient.invalidateQueries({ queryKey: retentionKeys.holds() }),
        queryClient.invalidateQueries({ queryKey: recordingKeys.all }),
      ]),
  });
}

/** Recordings due to expire per week, for the next ten weeks. */
export function useRetentionForecast() {
  return useQuery({
    queryKey: retentionKeys.forecast(),
    queryFn: ({ signal }) => retentionApi.forecast(signal),
    staleTime: 0,
  });
}

/** Recordings kept past their retention by a legal hold. */
export function useLegalHolds() {
  return useQuery({
    queryKey: retentionKeys.holds(),
    queryFn: ({ signal }) => retentionApi.holds(signal),
    staleTime: 0,
  });
}
