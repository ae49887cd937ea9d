/**
 * Who else has a ticket open: watches the ticket over the socket while the page is open, tells
 * the server what we are doing ('viewing', or 'replying' while the reply box is in use), and
 * returns everyone else the server reports.
 */
import { SOCKET_EVENTS, type PresenceActivity, type PresenceEntry } from '@hushdesk/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSocket } from '../../../lib/socket';
import { useCurrentUser } from '../../auth';

/** How many mounted pages watch each ticket, so a quick remount does not unwatch its successor. */
const watchers = new Map<string, number>();

export function useTicketPresence(ticketId: string, replying: boolean): PresenceEntry[] {
  const socket = useSocket();
  const { data: user } = useCurrentUser();
  const [present, setPresent] = useState<{ ticketId: string; entries: PresenceEntry[] } | null>(null);
  const activity: PresenceActivity = replying ? 'replying' : 'viewing';
  const activityRef = useRef(activity);
  const sentRef = useRef<PresenceActivity | null>(null);

  useEffect(() => {
    if (!socket) return undefined;
    let active = true;
    watchers.set(ticketId, (watchers.get(ticketId) ?? 0) + 1);
    const lastWatcher = () => (watchers.get(ticketId) ?? 0) === 0;
    const join = () => {
      sentRef.current = null;
      // Activity only counts once the server has us in the ticket's room, so send it after the ack.
      socket.emit(SOCKET_EVENTS.watchTicket, ticketId, (result) => {
        if (!result?.ok || !socket.connected) return;
        if (!active) {
          // We left before the server finished adding us: leave again, now that there is a room to
          // leave, unless another page has the ticket open by now.
          if (lastWatcher()) socket.emit(SOCKET_EVENTS.unwatchTicket, ticketId);
          return;
        }
        socket.emit(SOCKET_EVENTS.setActivity, { ticketId, activity: activityRef.current });
        sentRef.current = activityRef.current;
      });
    };
    const onPresence = (payload: { ticketId: string; present: PresenceEntry[] }) => {
      if (payload.ticketId === ticketId) setPresent({ ticketId, entries: payload.present });
    };

    socket.on(SOCKET_EVENTS.presence, onPresence);
    // (Re)joins on every connection: the server forgets watchers when a connection drops.
    socket.on('connect', join);
    if (socket.connected) join();
    return () => {
      active = false;
      const remaining = (watchers.get(ticketId) ?? 1) - 1;
      if (remaining > 0) watchers.set(ticketId, remaining);
      else watchers.delete(ticketId);
      socket.off(SOCKET_EVENTS.presence, onPresence);
      socket.off('connect', join);
      sentRef.current = null;
      if (socket.connected && remaining === 0) {
        socket.emit(SOCKET_EVENTS.setActivity, { ticketId, activity: null });
        socket.emit(SOCKET_EVENTS.unwatchTicket, ticketId);
      }
    };
  }, [socket, ticketId]);

  useEffect(() => {
    activityRef.current = activity;
    // Before the watch is acknowledged there is nothing to update; the ack sends the latest.
    if (!socket?.connected || sentRef.current === null || sentRef.current === activity) return;
    socket.emit(SOCKET_EVENTS.setActivity, { ticketId, activity });
    sentRef.current = activity;
  }, [socket, ticketId, activity]);

  return useMemo(() => {
    if (!present || present.ticketId !== ticketId) return [];
    // One line per person, even with the ticket open in several tabs; replying wins over viewing.
    const byUser = new Map<string, PresenceEntry>();
    for (const entry of present.entries) {
      if (entry.userId === user?.id) continue;
      const seen = byUser.get(entry.userId);
      if (!seen || (seen.activity === 'viewing' && entry.activity === 'replying')) {
        byUser.set(entry.userId, entry);
      }
    }
    return [...byUser.values()];
  }, [present, ticketId, user?.id]);
}
