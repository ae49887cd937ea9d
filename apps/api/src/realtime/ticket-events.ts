import { Injectable } from '@nestjs/common';
import {
  DSAR_SOCKET_EVENT,
  SOCKET_EVENTS,
  type DsarProgressEvent,
  type TicketMessage,
  type TicketSummary,
} from '@hushdesk/contracts';
import type { Server } from 'socket.io';
import { rooms } from './rooms';

/** Who besides staff may hear about a ticket. */
export interface TicketAudience {
  requesterId: string;
  organisationId: string;
  organisationShared: boolean;
}

/**
 * Publishes ticket events to the socket rooms allowed to hear them. Staff hear everything; the
 * customer side hears only public events of tickets it can see. Internal notes go to staff only,
 * so customers never learn they exist. With the Redis adapter, emits reach every instance.
 */
@Injectable()
export class TicketEvents {
  private server?: Server;

  attach(server: Server): void {
    this.server = server;
  }

  private customerRooms(a: TicketAudience): string[] {
    return a.organisationShared ? [rooms.organisation(a.organisationId)] : [rooms.user(a.requesterId)];
  }

  ticketCreated(ticket: TicketSummary, audience: TicketAudience): void {
    this.server?.to([rooms.staff, ...this.customerRooms(audience)]).emit(SOCKET_EVENTS.ticketCreated, ticket);
  }

  ticketUpdated(ticket: TicketSummary, audience: TicketAudience): void {
    this.server?.to([rooms.staff, ...this.customerRooms(audience)]).emit(SOCKET_EVENTS.ticketUpdated, ticket);
  }

  /** Progress of a retention run, for the DPO console (staff only; it carries no personal data). */
  retentionProgress(progress: { runId: string; status: string; deleted: number }): void {
    this.server?.to(rooms.staff).emit(SOCKET_EVENTS.retentionProgress, progress);
  }

  /** Progress of a DSAR collection, for the DPO console (ids, status and counts only). */
  dsarProgress(event: DsarProgressEvent): void {
    this.server?.to(rooms.staff).emit(DSAR_SOCKET_EVENT, event);
  }

  /** Closes every live connection of these users, on every instance (a password change, an erasure). */
  disconnectUsers(userIds: string[]): void {
    if (userIds.length) this.server?.in(userIds.map((id) => rooms.user(id))).disconnectSockets(true);
  }

  /** Closes the live connections of these sessions only, on every instance (signing out). */
  disconnectSessions(sessionIds: string[]): void {
    if (sessionIds.length) this.server?.in(sessionIds.map((id) => rooms.session(id))).disconnectSockets(true);
  }

  messageCreated(message: TicketMessage, audience: TicketAudience): void {
    const to =
      message.visibility === 'internal' ? [rooms.staff] : [rooms.staff, ...this.customerRooms(audience)];
    this.server?.to(to).emit(SOCKET_EVENTS.messageCreated, message);
  }
}
