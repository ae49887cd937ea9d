/**
 * Live updates: socket events written straight into the TanStack Query caches, so every screen
 * showing a ticket (queues, the ticket itself, its thread) changes without a reload.
 */
import type { TicketDetail, TicketMessage, TicketSummary } from '@hushdesk/api-client';
import { SOCKET_EVENTS } from '@hushdesk/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSocket, type ServerEvents } from '../../../lib/socket';
import { appendMessage, mergeIntoDetail, replaceTicketInLists, ticketKeys } from './ticket-cache';

/** Bursts of events (a bulk change, a busy morning) refetch the queues once. */
const LIST_REFRESH_DELAY_MS = 400;

/** Mount once in the signed-in frame. */
export function useLiveTickets(): void {
  const socket = useSocket();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!socket) return undefined;

    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    // Queues are sorted and counted on the server: after a change, ask again for the visible ones.
    const refreshLists = () => {
      if (refreshTimer !== undefined) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => {
        refreshTimer = undefined;
        void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
        void queryClient.invalidateQueries({ queryKey: ticketKeys.dashboard() });
        void queryClient.invalidateQueries({ queryKey: ticketKeys.views() });
      }, LIST_REFRESH_DELAY_MS);
    };

    const onCreated = (ticket: TicketSummary) => {
      replaceTicketInLists(queryClient, ticket);
      refreshLists();
    };

    const onUpdated = (ticket: TicketSummary) => {
      const cached = queryClient.getQueryData<TicketDetail>(ticketKeys.detail(ticket.id));
      const alreadyCurrent = cached?.updatedAt === ticket.updatedAt;
      replaceTicketInLists(queryClient, ticket);
      mergeIntoDetail(queryClient, ticket);
      if (!alreadyCurrent) {
        // The summary has no description or next statuses; fetch the whole ticket again if open.
        void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
        void queryClient.invalidateQueries({ queryKey: ticketKeys.history(ticket.id) });
      }
      refreshLists();
    };

    const onMessage = (message: TicketMessage) => {
      appendMessage(queryClient, message);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(message.ticketId) });
    };

    // After a dropped connection, events may have been missed: catch up on whatever is shown.
    let connectedBefore = socket.connected;
    const onConnect = () => {
      if (connectedBefore) void queryClient.invalidateQueries({ queryKey: ticketKeys.all });
      connectedBefore = true;
    };

    socket.on(SOCKET_EVENTS.ticketCreated, onCreated);
    socket.on(SOCKET_EVENTS.ticketUpdated, onUpdated);
    socket.on(SOCKET_EVENTS.messageCreated, onMessage);
    socket.on('connect', onConnect);
    return () => {
      if (refreshTimer !== undefined) clearTimeout(refreshTimer);
      socket.off(SOCKET_EVENTS.ticketCreated, onCreated);
      socket.off(SOCKET_EVENTS.ticketUpdated, onUpdated);
      socket.off(SOCKET_EVENTS.messageCreated, onMessage);
      socket.off('connect', onConnect);
    };
  }, [socket, queryClient]);
}

type TicketEvent = 'ticket.created' | 'ticket.updated' | 'message.created';

/** Runs `handler` for each such event while mounted: for announcing and highlighting arrivals. */
export function useTicketEvent<E extends TicketEvent>(event: E, handler: ServerEvents[E]): void {
  const socket = useSocket();
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  }, [handler]);

  useEffect(() => {
    if (!socket) return undefined;
    const listener = ((payload: never) => {
      (handlerRef.current as (value: never) => void)(payload);
    }) as ServerEvents[E];
    // socket.io's typed `on` cannot narrow a generic event name; the listener matches `event`.
    (socket.on as (name: E, fn: ServerEvents[E]) => void)(event, listener);
    return () => {
      (socket.off as (name: E, fn: ServerEvents[E]) => void)(event, listener);
    };
  }, [socket, event]);
}
