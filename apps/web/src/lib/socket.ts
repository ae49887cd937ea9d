/**
 * The live connection to the API: one socket.io client per signed-in session.
 *
 * It connects on the same origin (the API, or the Vite proxy in development) and is
 * authenticated by the session cookie during the handshake, so, like the HTTP client, it never
 * handles a token. The signed-in frame opens it (`useSessionSocket`), and it is closed on sign
 * out, when the session expires and when another account signs in.
 */
import type { TicketMessage, TicketSummary } from '@hushdesk/api-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hushdesk/contracts';
import { useEffect, useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';
import { onSessionExpired } from './api-client';

/** What the server sends: tickets and messages in the shapes the HTTP API answers with. */
export type ServerEvents = ServerToClientEvents<TicketSummary, TicketMessage>;
export type HushdeskSocket = Socket<ServerEvents, ClientToServerEvents>;

export type SocketStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

interface Connection {
  socket: HushdeskSocket;
  userId: string;
  status: SocketStatus;
}

let connection: Connection | null = null;
let users = 0;
let pendingClose: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function setStatus(target: Connection, status: SocketStatus): void {
  if (connection !== target || target.status === status) return;
  connection = { ...target, status };
  notify();
}

function open(userId: string): HushdeskSocket {
  if (connection?.userId === userId) return connection.socket;
  closeSocket();

  // WebSocket first: one TCP connection stays with one API process, so several workers on a port
  // (API_WORKERS) or instances behind a balancer need no sticky sessions. Long polling, whose
  // requests may each reach another process, is only the fallback where WebSockets are blocked.
  const socket: HushdeskSocket = io({ withCredentials: true, transports: ['websocket', 'polling'] });
  const created: Connection = { socket, userId, status: 'connecting' };
  connection = created;
  const current = () => (connection?.socket === socket ? connection : null);

  socket.on('connect', () => {
    const now = current();
    if (now) setStatus(now, 'connected');
  });
  socket.on('disconnect', (reason) => {
    const now = current();
    if (!now) return;
    // The server (or we) ended the session's socket on purpose: do not pretend it will come back.
    setStatus(
      now,
      reason === 'io server disconnect' || reason === 'io client disconnect' ? 'offline' : 'reconnecting',
    );
  });
  socket.on('connect_error', () => {
    const now = current();
    if (!now) return;
    // `active` is false when the server refused the handshake (e.g. the session has gone); then
    // socket.io does not retry by itself.
    setStatus(now, socket.active ? 'reconnecting' : 'offline');
  });
  notify();
  return socket;
}

/** Disconnects the session's socket, if any (sign out, session expiry, another account). */
export function closeSocket(): void {
  if (pendingClose !== undefined) {
    clearTimeout(pendingClose);
    pendingClose = undefined;
  }
  if (!connection) return;
  const { socket } = connection;
  connection = null;
  socket.removeAllListeners();
  socket.disconnect();
  notify();
}

/**
 * Opens the socket again on the current cookie. A password change makes the server close every
 * socket of the account (other devices must stop receiving), this browser's included.
 */
export function reconnectSocket(): void {
  const userId = connection?.userId;
  if (!userId) return;
  closeSocket();
  open(userId);
}

// An expired session also ends the live connection; the next sign-in opens a new one.
onSessionExpired(closeSocket);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Keeps the socket open for the signed-in account while the calling component is mounted.
 * Mount once, in the signed-in frame.
 */
export function useSessionSocket(userId: string | undefined): void {
  useEffect(() => {
    if (!userId) return undefined;
    if (pendingClose !== undefined) {
      clearTimeout(pendingClose);
      pendingClose = undefined;
    }
    open(userId);
    users += 1;
    return () => {
      users -= 1;
      // Wait a moment before closing, so a remount (React StrictMode, a route change that
      // re-renders the frame) keeps the same connection instead of reconnecting.
      if (users === 0) {
        pendingClose = setTimeout(() => {
          pendingClose = undefined;
          if (users === 0) closeSocket();
        }, 250);
      }
    };
  }, [userId]);
}

/** The session's socket, or null when there is none. Re-renders when it changes. */
export function useSocket(): HushdeskSocket | null {
  return useSyncExternalStore(subscribe, () => connection?.socket ?? null);
}

/** Whether live updates are flowing: for the "Live" indicator. */
export function useSocketStatus(): SocketStatus {
  return useSyncExternalStore(subscribe, () => connection?.status ?? 'offline');
}
