import { BeforeApplicationShutdown, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import {
  SESSION_COOKIE,
  SOCKET_EVENTS,
  type ClientToServerEvents,
  type PresenceActivity,
  type PresenceEntry,
  type ServerToClientEvents,
} from '@hushdesk/contracts';
import { parse as parseCookie } from 'cookie';
import type { Server, Socket } from 'socket.io';
import { SessionService } from '../auth/session.service';
import type { Actor } from '../common/auth/actor';
import { originAllowed } from '../common/http/csrf';
import { AppConfig } from '../config/app-config';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { NameView } from '../privacy/name-view';
import { PeopleService } from '../people/people.service';
import { isStaff } from '../tickets/ticket-scope';
import { TicketsService } from '../tickets/tickets.service';
import { rooms } from './rooms';
import { SocketSessionCheck } from './socket-session-check.service';
import { TicketEvents } from './ticket-events.service';
import type { TicketMessageDto } from '../messages/dto/message.dto';
import type { TicketSummaryDto } from '../tickets/dto/ticket.dto';

interface SocketData {
  actor: Actor;
  name: string | null;
  /** What this connection is doing on each ticket it watches. */
  activity: Record<string, PresenceActivity>;
}

type ServerEvents = ServerToClientEvents<TicketSummaryDto, TicketMessageDto>;
type HushdeskServer = Server<ClientToServerEvents, ServerEvents, Record<string, never>, SocketData>;
type HushdeskSocket = Socket<ClientToServerEvents, ServerEvents, Record<string, never>, SocketData>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Live updates. The handshake is authenticated like HTTP (session cookie, or `auth.token` as a
 * bearer token) and refused otherwise, as is a browser's handshake from an origin that HTTP writes
 * would refuse. Each connection joins its user's and its session's rooms; staff also join the staff
 * room, customers their organisation's room. Presence ("Sam is replying") is for staff and is
 * read from the sockets in a ticket's presence room, so it works across instances.
 */
@WebSocketGateway({ cors: false })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, BeforeApplicationShutdown {
  private readonly logger = new Logger(RealtimeGateway.name);
  @WebSocketServer() private server: HushdeskServer;
  private closing = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly sessions: SessionService,
    private readonly events: TicketEvents,
    private readonly sessionCheck: SocketSessionCheck,
    private readonly people: PeopleService,
    private readonly tickets: TicketsService,
    private readonly config: AppConfig,
    private readonly policies: FieldPoliciesService,
  ) {}

  afterInit(server: HushdeskServer): void {
    this.events.attach(server as unknown as Server);
    this.sessionCheck.start(server as unknown as Server);
    server.use((socket, next) => {
      // A page elsewhere must not ride on the cookie the browser attaches to its handshake.
      if (!originAllowed(socket.handshake.headers, this.config.corsOrigins)) {
        next(new Error('origin not allowed'));
        return;
      }
      this.authenticate(socket as HushdeskSocket)
        .then((ok) => next(ok ? undefined : new Error('unauthorized')))
        .catch((e: unknown) => {
          this.logger.warn(`socket handshake failed: ${e instanceof Error ? e.message : 'unknown error'}`);
          next(new Error('unavailable'));
        });
    });
  }

  private async authenticate(socket: HushdeskSocket): Promise<boolean> {
    const token = socket.handshake.auth?.token;
    const cookies = parseCookie(socket.handshake.headers.cookie ?? '');
    const actor = await this.sessions.authenticateCredentials(
      typeof token === 'string' ? `Bearer ${token}` : undefined,
      cookies[SESSION_COOKIE],
    );
    // An account whose password an admin reset hears nothing until a new one is chosen.
    if (!actor || actor.mustChangePassword) return false;
    socket.data = { actor, name: await this.people.fullNameOf(actor.personId), activity: {} };
    return true;
  }

  async handleConnection(socket: HushdeskSocket): Promise<void> {
    const { actor } = socket.data;
    const joined = [rooms.user(actor.userId), rooms.session(actor.sessionId)];
    if (isStaff(actor)) joined.push(rooms.staff, rooms.role(actor.role));
    else if (actor.organisationId) joined.push(rooms.organisation(actor.organisationId));
    await socket.join(joined);
    socket.on('disconnecting', () => {
      const watched = [...socket.rooms].filter((r) => r.startsWith('presence:'));
      // After the socket has left its rooms, tell the others.
      setImmediate(() =>
        watched.forEach((room) => void this.broadcastPresence(room.slice('presence:'.length))),
      );
    });
  }

  /** Staff follow a ticket for presence; everything else already reaches them through their rooms. */
  @SubscribeMessage(SOCKET_EVENTS.watchTicket)
  async watch(
    @ConnectedSocket() socket: HushdeskSocket,
    @MessageBody() given: unknown,
  ): Promise<{ ok: boolean }> {
    if (typeof given !== 'string' || !UUID.test(given) || !isStaff(socket.data.actor)) return { ok: false };
    // One room per ticket, however a client cases its id.
    const ticketId = given.toLowerCase();
    if (!(await this.tickets.exists(ticketId))) return { ok: false };
    socket.data.activity[ticketId] = 'viewing';
    await socket.join(rooms.presence(ticketId));
    await this.broadcastPresence(ticketId);
    return { ok: true };
  }

  @SubscribeMessage(SOCKET_EVENTS.unwatchTicket)
  async unwatch(@ConnectedSocket() socket: HushdeskSocket, @MessageBody() given: unknown): Promise<void> {
    const ticketId = typeof given === 'string' ? given.toLowerCase() : '';
    if (!socket.rooms.has(rooms.presence(ticketId))) return;
    delete socket.data.activity[ticketId];
    await socket.leave(rooms.presence(ticketId));
    await this.broadcastPresence(ticketId);
  }

  @SubscribeMessage(SOCKET_EVENTS.setActivity)
  async activity(
    @ConnectedSocket() socket: HushdeskSocket,
    @MessageBody() body: { ticketId?: unknown; activity?: unknown },
  ): Promise<void> {
    const ticketId = typeof body?.ticketId === 'string' ? body.ticketId.toLowerCase() : '';
    if (!socket.rooms.has(rooms.presence(ticketId))) return;
    const activity = body.activity === 'replying' ? 'replying' : 'viewing';
    if (socket.data.activity[ticketId] === activity) return;
    socket.data.activity[ticketId] = activity;
    await this.broadcastPresence(ticketId);
  }

  /** One entry per person; "replying" wins over "viewing" when they have several tabs open. */
  /**
   * Before shutdown: start no new presence updates and let running ones finish, so none is cut off
   * half-way through a Redis round trip when the adapter closes.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inFlight]);
  }

  private broadcastPresence(ticketId: string): Promise<void> {
    if (this.closing) return Promise.resolve();
    const update = this.sendPresence(ticketId).finally(() => this.inFlight.delete(update));
    this.inFlight.add(update);
    return update;
  }

  private async sendPresence(ticketId: string): Promise<void> {
    const room = rooms.presence(ticketId);
    let sockets: Awaited<ReturnType<ReturnType<HushdeskServer['in']>['fetchSockets']>>;
    try {
      sockets = await this.server.in(room).fetchSockets();
    } catch (e) {
      // Presence is best effort: during shutdown, or with Redis briefly away, skip this update.
      this.logger.debug?.(`presence update skipped: ${e instanceof Error ? e.message : 'unknown'}`);
      return;
    }
    const byUser = new Map<string, PresenceEntry>();
    for (const s of sockets) {
      const activity = s.data.activity?.[ticketId];
      if (!activity) continue;
      const current = byUser.get(s.data.actor.userId);
      if (!current || activity === 'replying') {
        byUser.set(s.data.actor.userId, { userId: s.data.actor.userId, name: s.data.name, activity });
      }
    }
    const present = [...byUser.values()];
    const policy = await this.policies.get('person.fullName').catch((e: unknown) => {
      this.logger.debug?.(`presence update skipped: ${e instanceof Error ? e.message : 'unknown'}`);
      return null;
    });
    if (!policy) return;
    // Each watcher hears others' names as its role's `person.fullName` row says, and its own in
    // clear; watchers who would hear the same list get one emit.
    const emits = new Map<string, { present: PresenceEntry[]; to: string[] }>();
    for (const s of sockets) {
      const view = new NameView(policy, s.data.actor);
      const shown = view.clear ? present : present.map((e) => ({ ...e, name: view.of(e.name, e.userId) }));
      const key = JSON.stringify(shown);
      const entry = emits.get(key) ?? { present: shown, to: [] };
      entry.to.push(s.id);
      emits.set(key, entry);
    }
    for (const { present: shown, to } of emits.values()) {
      this.server.to(to).emit(SOCKET_EVENTS.presence, { ticketId, present: shown });
    }
  }
}
