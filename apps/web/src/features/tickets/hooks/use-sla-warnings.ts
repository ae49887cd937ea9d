import type { SlaWarningEvent } from '@hushdesk/contracts';
import { SOCKET_EVENTS } from '@hushdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSocket } from '../../../lib/socket';
import { slaWarningsApi } from '../api/sla-warnings-api';

const warningKeys = { sla: ['notifications', 'sla'] as const };

/** The list as the API gives it: newest first, each with whether the caller read it. */
export type SlaWarningList = Awaited<ReturnType<typeof slaWarningsApi.list>>;
export type ListedSlaWarning = SlaWarningList['items'][number];

/** As many as the API lists; a live one beyond them pushes the oldest out. */
const LISTED = 50;

/** The caller's SLA warnings: the stored ones on load, then each new one (unread) as the socket brings it. */
export function useSlaWarnings(enabled: boolean) {
  const socket = useSocket();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: warningKeys.sla,
    queryFn: ({ signal }) => slaWarningsApi.list(signal),
    enabled,
  });
  useEffect(() => {
    if (!socket || !enabled) return undefined;
    const onWarning = (warning: SlaWarningEvent) => {
      queryClient.setQueryData<SlaWarningList>(warningKeys.sla, (old) => {
        const items = old?.items ?? [];
        if (items.some((w) => w.id === warning.id)) return old;
        return {
          items: [{ ...warning, read: false }, ...items].slice(0, LISTED),
          unread: (old?.unread ?? 0) + 1,
        };
      });
    };
    socket.on(SOCKET_EVENTS.slaWarning, onWarning);
    return () => {
      socket.off(SOCKET_EVENTS.slaWarning, onWarning);
    };
  }, [socket, enabled, queryClient]);
  return { items: query.data?.items ?? [], unread: query.data?.unread ?? 0 };
}

/** Marks warnings read on the server (so every device agrees), then in the cached list. */
export function useMarkSlaWarningsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => slaWarningsApi.markRead(ids),
    onSuccess: ({ unread }, ids) => {
      queryClient.setQueryData<SlaWarningList>(warningKeys.sla, (old) =>
        old
          ? {
              items: old.items.map((w) => (!ids || ids.includes(w.id) ? { ...w, read: true } : w)),
              unread,
            }
          : old,
      );
    },
  });
}
