import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { Actor } from '../common/auth/actor';
import { SessionsRepository, type LiveSession } from '../auth/sessions.repository';
import { AppConfig } from '../config/app-config';

/**
 * A socket is authenticated once, at its handshake. Sign-out and a password change close their
 * sockets at once (by room, on every instance); this check catches every other way a session
 * ends or an account changes (idle or absolute expiry, a revocation or a disabled account by any
 * path, a new role or organisation), so no path can be missed. Each instance checks its own
 * sockets, every SOCKET_RECHECK_SECONDS, with one query for all of them. A socket whose
 * account changed is closed too: its rooms were chosen for the old role, and its client connects
 * again into the right ones.
 */
@Injectable()
export class SocketSessionCheck implements BeforeApplicationShutdown {
  private readonly logger = new Logger(SocketSessionCheck.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly config: AppConfig,
  ) {}

  start(server: Server): void {
    this.timer = setInterval(() => {
      this.running ??= this.check(server).finally(() => (this.running = undefined));
    }, this.config.socketRecheckSeconds * 1000);
    this.timer.unref();
  }

  /** Closes this instance's sockets whose session is over or whose account changed. */
  async check(server: Server): Promise<void> {
    const sockets = [...server.of('/').sockets.values()];
    if (!sockets.length) return;
    const sessionIds = [...new Set(sockets.map((s) => (s.data as { actor?: Actor }).actor?.sessionId))];
    let live: Map<string, LiveSession>;
    try {
      const rows = await this.sessions.live(sessionIds.filter((id): id is string => !!id));
      live = new Map(rows.map((r) => [r.id, r]));
    } catch (e) {
      // A database outage revokes nothing: keep the sockets and check again next time.
      this.logger.warn(`socket session check skipped: ${e instanceof Error ? e.message : 'unknown error'}`);
      return;
    }
    let closed = 0;
    for (const socket of sockets) {
      const actor = (socket.data as { actor?: Actor }).actor;
      const session = actor && live.get(actor.sessionId);
      if (
        !session ||
        session.user_id !== actor.userId ||
        session.role !== actor.role ||
        session.organisation_id !== actor.organisationId
      ) {
        socket.disconnect(true);
        closed++;
      }
    }
    if (closed) this.logger.log(`closed ${closed} socket(s) whose session ended or whose account changed`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
