import { SESSION_COOKIE, type ClientToServerEvents, type ServerToClientEvents } from '@hushdesk/contracts';
import type { TicketMessage, TicketSummary } from '@hushdesk/api-client';
import { io, type Socket } from 'socket.io-client';

export type ClientSocket = Socket<ServerToClientEvents<TicketSummary, TicketMessage>, ClientToServerEvents>;

/**
 * A real socket.io client, authenticated by bearer token or by the session cookie; `origin` plays
 * the page a browser would name in the handshake's Origin header.
 */
export function connect(
  baseUrl: string,
  auth: { bearer?: string; cookie?: string; origin?: string },
): Promise<ClientSocket> {
  const socket: ClientSocket = io(baseUrl, {
    transports: ['websocket'],
    reconnection: false,
    auth: auth.bearer ? { token: auth.bearer.replace(/^Bearer /, '') } : {},
    extraHeaders: {
      ...(auth.cookie ? { cookie: `${SESSION_COOKIE}=${auth.cookie}` } : {}),
      ...(auth.origin ? { origin: auth.origin } : {}),
    },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (e) => {
      socket.close();
      reject(e);
    });
  });
}

/** Records every event a socket receives, to assert on what arrived and what did not. */
export class Inbox {
  readonly events: { name: string; payload: unknown }[] = [];
  constructor(socket: ClientSocket) {
    socket.onAny((name: string, payload: unknown) => this.events.push({ name, payload }));
  }
  of<T>(name: string): T[] {
    return this.events.filter((e) => e.name === name).map((e) => e.payload as T);
  }
  async waitFor<T>(name: string, match: (payload: T) => boolean = () => true, ms = 5000): Promise<T> {
    const until = Date.now() + ms;
    for (;;) {
      const found = this.of<T>(name).find(match);
      if (found) return found;
      if (Date.now() > until) throw new Error(`no ${name} event within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

/** Resolves with the reason when the server closes the socket; rejects if it is still open after `ms`. */
export function disconnection(socket: ClientSocket, ms = 5000): Promise<string> {
  if (!socket.connected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the socket was still connected after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
