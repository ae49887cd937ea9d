import { Logger, type INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { createClusterIpcAdapter } from './cluster-ipc.adapter';

/**
 * socket.io with the Redis adapter when REDIS_URL is set, so an event emitted on one API instance
 * reaches clients connected to any other. Without it, a worker of several on one host
 * (API_WORKERS) reaches the others through the cluster's IPC channel, and a lone process uses the
 * in-memory adapter.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly logger = new Logger('Realtime');
  private clients: Redis[] = [];
  private adapter?: ReturnType<typeof createAdapter> | ReturnType<typeof createClusterIpcAdapter>;

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl?: string,
    private readonly clusterWorker = false,
  ) {
    super(app);
  }

  async connect(): Promise<void> {
    if (!this.redisUrl) {
      if (this.clusterWorker) this.adapter = createClusterIpcAdapter();
      return;
    }
    const pub = new Redis(this.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
    const sub = pub.duplicate();
    this.clients = [pub, sub];
    for (const client of this.clients) {
      // ioredis reconnects by itself; log instead of crashing on a dropped connection.
      client.on('error', (e: Error) => this.logger.warn(`redis: ${e.message}`));
    }
    await Promise.all(this.clients.map((c) => c.connect()));
    this.adapter = createAdapter(pub, sub);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, { ...options, serveClient: false });
    if (this.adapter) server.adapter(this.adapter);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    // The adapter unsubscribes without waiting; a PING answered on each client means those
    // commands are done (Redis answers in order), so quitting cannot cut them off.
    await Promise.all(this.clients.map((c) => c.ping().catch(() => undefined)));
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
    this.clients = [];
  }
}
