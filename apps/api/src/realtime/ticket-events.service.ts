import { Injectable, Logger } from '@nestjs/common';
import {
  DSAR_SOCKET_EVENT,
  SOCKET_EVENTS,
  STAFF_ROLES,
  type DsarProgressEvent,
  type SlaWarningEvent,
  type Role,
} from '@hushdesk/contracts';
import type { TicketMessageDto } from '../messages/dto/message.dto';
import type { TicketSummaryDto } from '../tickets/dto/ticket.dto';
import type { FieldPolicy } from '@hushdesk/privacy';
import type { Server } from 'socket.io';
import { FieldPoliciesService } from '../privacy/field-policies.service';
import { NameView } from '../privacy/name-view';
import { rooms } from './rooms';

/** Who besides staff may hear about a ticket. */
export interface TicketAudience {
  requesterId: string;
  organisationId: string;
  organisationShared: boolean;
}

/** A room whose sockets all belong to one role, so one rendering of names fits all of them. */
interface Listeners {
  room: string;
  role: Role;
}

/** An account named in an event: it hears its own name in clear, whatever its role's row says. */
interface Named {
  userId: string;
  role: Role;
}

/**
 * Publishes ticket events to the socket rooms allowed to hear them. Staff hear everything; the
 * customer side hears only public events of tickets it can see. Internal notes go to staff only,
 * so customers never learn they exist. With the Redis adapter, emits reach every instance.
 *
 * Names in an event follow the `person.fullName` policy of whoever hears it: each role's listeners
 * get their own rendering, and a person named in the event hears their own name. With every row
 * clear (the default) that is one emit to every room, as it was.
 */
@Injectable()
export class TicketEvents {
  private readonly logger = new Logger(TicketEvents.name);
  private server?: Server;

  constructor(private readonly policies: FieldPoliciesService) {}

  attach(server: Server): void {
    this.server = server;
  }

  private staffListeners(): Listeners[] {
    return STAFF_ROLES.map((role) => ({ room: rooms.role(role), role }));
  }

  private customerListeners(a: TicketAudience): Listeners[] {
    const room = a.organisationShared ? rooms.organisation(a.organisationId) : rooms.user(a.requesterId);
    return [{ room, role: 'customer' }];
  }

  ticketCreated(ticket: TicketSummaryDto, audience: TicketAudience): Promise<void> {
    return this.emitNamed(
      SOCKET_EVENTS.ticketCreated,
      [...this.staffListeners(), ...this.customerListeners(audience)],
      ticketPeople(ticket),
      (view) => view.ticket(ticket),
    );
  }

  ticketUpdated(ticket: TicketSummaryDto, audience: TicketAudience): Promise<void> {
    return this.emitNamed(
      SOCKET_EVENTS.ticketUpdated,
      [...this.staffListeners(), ...this.customerListeners(audience)],
      ticketPeople(ticket),
      (view) => view.ticket(ticket),
    );
  }

  messageCreated(message: TicketMessageDto, audience: TicketAudience, authorRole: Role): Promise<void> {
    const listeners =
      message.visibility === 'internal'
        ? this.staffListeners()
        : [...this.staffListeners(), ...this.customerListeners(audience)];
    return this.emitNamed(
      SOCKET_EVENTS.messageCreated,
      listeners,
      [{ userId: message.author.id, role: authorRole }],
      (view) => view.message(message),
    );
  }

  /** Progress of a retention run, for the DPO console (staff only; it carries no personal data). */
  retentionProgress(progress: { runId: string; status: string; deleted: number }): void {
    this.server?.to(rooms.staff).emit(SOCKET_EVENTS.retentionProgress, progress);
  }

  /** Progress of a DSAR collection, for the DPO console (ids, status and counts only). */
  dsarProgress(event: DsarProgressEvent): void {
    this.server?.to(rooms.staff).emit(DSAR_SOCKET_EVENT, event);
  }

  /**
   * An SLA warning, to these accounts (the ticket's assignee and its group's members) and, when it
   * had neither, to every engineer (ids, reference and times only, so one payload fits every
   * listener). One emit to the union of rooms: someone in two of them hears it once.
   */
  slaWarning(warning: SlaWarningEvent, to: { userIds: string[]; everyEngineer: boolean }): void {
    const targets = [
      ...to.userIds.map((id) => rooms.user(id)),
      ...(to.everyEngineer ? [rooms.role('engineer')] : []),
    ];
    if (targets.length) this.server?.to(targets).emit(SOCKET_EVENTS.slaWarning, warning);
  }

  /** Closes every live connection of these users, on every instance (a password change, an erasure). */
  disconnectUsers(userIds: string[]): void {
    if (userIds.length) this.server?.in(userIds.map((id) => rooms.user(id))).disconnectSockets(true);
  }

  /** Closes the live connections of these sessions only, on every instance (signing out). */
  disconnectSessions(sessionIds: string[]): void {
    if (sessionIds.length) this.server?.in(sessionIds.map((id) => rooms.session(id))).disconnectSockets(true);
  }

  /**
   * Emits `render`'s payload to each listening room as that room's role may see names, and to each
   * person named in it (when they are listening) with their own name in clear. Identical
   * renderings are merged into one emit. Never throws: a live update is best effort, and the
   * change it announces is already committed.
   */
  private async emitNamed<T>(
    event: string,
    listeners: Listeners[],
    named: Named[],
    render: (view: NameView) => T,
  ): Promise<void> {
    const server = this.server;
    if (!server) return;
    let policy: FieldPolicy;
    try {
      policy = await this.policies.get('person.fullName');
    } catch (e) {
      this.logger.warn(`${event} not sent: ${e instanceof Error ? e.message : 'unknown error'}`);
      return;
    }
    const emits = new Map<string, { payload: T; to: Set<string>; except: Set<string> }>();
    const add = (payload: T, room: string, except: string[] = []) => {
      const key = JSON.stringify(payload);
      const entry = emits.get(key) ?? { payload, to: new Set<string>(), except: new Set<string>() };
      entry.to.add(room);
      for (const r of except) entry.except.add(r);
      emits.set(key, entry);
    };
    for (const { room, role } of listeners) {
      const shared = render(new NameView(policy, { role, userId: null }));
      const sharedKey = JSON.stringify(shared);
      const except: string[] = [];
      for (const person of named) {
        // Only someone of this room's role can be in it; their own copy goes to their user room.
        if (person.role !== role || !mayBeIn(room, person, role)) continue;
        const own = render(new NameView(policy, { role, userId: person.userId }));
        if (JSON.stringify(own) === sharedKey) continue;
        add(own, rooms.user(person.userId));
        except.push(rooms.user(person.userId));
      }
      add(shared, room, except);
    }
    for (const { payload, to, except } of emits.values()) {
      server
        .to([...to])
        .except([...except])
        .emit(event, payload);
    }
  }
}

/** The accounts a ticket summary names: its requester (a customer) and assignee (an engineer). */
function ticketPeople(ticket: TicketSummaryDto): Named[] {
  const people: Named[] = [{ userId: ticket.requester.id, role: 'customer' }];
  if (ticket.assignee) people.push({ userId: ticket.assignee.id, role: 'engineer' });
  return people;
}

/**
 * Whether a named account can be among a room's sockets: staff of a role are all in their role's
 * room; a customer is in their own user room and their organisation's room. A customer named on a
 * ticket is its requester or wrote on it, so they belong to the ticket's organisation.
 */
function mayBeIn(room: string, person: Named, role: Role): boolean {
  if (role !== 'customer') return true;
  return room.startsWith('org:') || room === rooms.user(person.userId);
}
