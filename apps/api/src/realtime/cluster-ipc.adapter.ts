import {
  ClusterAdapterWithHeartbeat,
  type ClusterMessage,
  type ClusterResponse,
  type Offset,
  type ServerId,
} from 'socket.io-adapter';
import type { Namespace } from 'socket.io';

/** The key that marks a socket.io message on the cluster's IPC channel (relayed by the primary). */
export const SOCKET_IPC = 'hushdesk:socket.io';

/** What a worker sends its primary, and the primary passes on to every other worker. */
export interface SocketIpcMessage {
  [SOCKET_IPC]: true;
  message?: ClusterMessage;
  response?: ClusterResponse & { to: ServerId };
}

export const isSocketIpcMessage = (m: unknown): m is SocketIpcMessage =>
  typeof m === 'object' && m !== null && (m as Record<string, unknown>)[SOCKET_IPC] === true;

/**
 * socket.io across the API workers of one host (API_WORKERS) without Redis: broadcasts, room
 * joins, disconnections and fetchSockets go to the other workers through the cluster's IPC
 * channel, which the primary relays (`api-workers.ts`). socket.io's own ClusterAdapter does the
 * rest, as it does for its Redis streams and cluster adapters. With REDIS_URL the Redis adapter is
 * used instead, since it also reaches other hosts.
 */
class ClusterIpcAdapter extends ClusterAdapterWithHeartbeat {
  constructor(nsp: Namespace) {
    super(nsp, {});
    process.on('message', this.receive);
  }

  private readonly receive = (m: unknown) => {
    if (!isSocketIpcMessage(m)) return;
    if (m.message) this.onMessage(m.message);
    else if (m.response && m.response.to === this.uid) this.onResponse(m.response);
  };

  protected doPublish(message: ClusterMessage): Promise<Offset> {
    send({ [SOCKET_IPC]: true, message });
    return Promise.resolve('');
  }

  protected doPublishResponse(requesterUid: ServerId, response: ClusterResponse): Promise<void> {
    send({ [SOCKET_IPC]: true, response: { ...response, to: requesterUid } });
    return Promise.resolve();
  }

  override close(): void {
    super.close();
    process.off('message', this.receive);
  }
}

/** A worker that is being stopped may have lost its channel: its last messages are dropped. */
function send(m: SocketIpcMessage): void {
  if (process.send && process.connected) process.send(m, undefined, {}, () => undefined);
}

/** The adapter constructor socket.io takes (`server.adapter(...)`), one adapter per namespace. */
export function createClusterIpcAdapter() {
  return function (nsp: Namespace) {
    return new ClusterIpcAdapter(nsp);
  };
}
