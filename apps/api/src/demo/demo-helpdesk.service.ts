import { Injectable } from '@nestjs/common';
import type { Role } from '@hushdesk/contracts';
import { AttachmentsService } from '../attachments/attachments.service';
import type { Actor } from '../common/auth/actor';
import { Transactions } from '../database/transactions';
import { CollectionProgressRepository } from '../dsar/shared/collection-progress.repository';
import { DsarService } from '../dsar/intake/dsar.service';
import { MessagesService } from '../messages/messages.service';
import { PeopleService } from '../people/people.service';
import { RecordingsService } from '../recordings/recordings.service';
import { ControllerIdentityService } from '../settings/controller-identity.service';
import { TicketsService } from '../tickets/tickets.service';
import { OrganisationsRepository } from '../organisations/organisations.repository';
import { UsersRepository, type AccountRow } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { demoCallAudio } from './demo-audio';
import {
  DEMO_CONTROLLER,
  DEMO_CUSTOMERS,
  DEMO_LOGIN_PHONE,
  DEMO_POSTAL_REQUEST,
  DEMO_SECOND_ORGANISATION,
  DEMO_TICKETS,
  DEMO_UNLINKED_CALL,
  type DemoCall,
  type DemoCustomer,
  type DemoStep,
} from './demo-script';

/** The accounts the demo seed created, in the transaction that decided to seed. */
export interface DemoAccounts {
  organisationId: string;
  users: Record<Role, string>;
  passwordHash: string;
}

/** How long the seed waits for the demo DSAR's collection (a few hundred ms in practice). */
const COLLECTION_WAIT_MS = 30_000;

/**
 * A small living helpdesk for demo mode: two organisations, tickets in every state with replies,
 * internal notes and files, calls with audio, and data-subject requests under way. Every record goes
 * through the service a user's request would use, so the identifier index, SLA clocks, history and
 * audit trail are what they would be had people done it through the app.
 */
@Injectable()
export class DemoHelpdesk {
  constructor(
    private readonly transactions: Transactions,
    private readonly accounts: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly collection: CollectionProgressRepository,
    private readonly users: UsersService,
    private readonly tickets: TicketsService,
    private readonly messages: MessagesService,
    private readonly attachments: AttachmentsService,
    private readonly recordings: RecordingsService,
    private readonly dsars: DsarService,
    private readonly controller: ControllerIdentityService,
    private readonly people: PeopleService,
  ) {}

  async seed(accounts: DemoAccounts): Promise<{ tickets: number; calls: number; requests: number }> {
    const staff = {
      engineer: await this.actor(accounts.users.engineer),
      dpo: await this.actor(accounts.users.dpo),
      admin: await this.actor(accounts.users.admin),
    };
    const customers: Record<DemoCustomer, Actor> = {
      alex: await this.actor(accounts.users.customer),
      ...(await this.customers(accounts)),
    };
    await this.controller.update(staff.admin, DEMO_CONTROLLER);
    // Alex gives her number on My details, so her calls are matched to her.
    await this.people.update(customers.alex, customers.alex.personId, { phone: DEMO_LOGIN_PHONE });

    let calls = 0;
    for (const script of DEMO_TICKETS) {
      const requester = customers[script.requester];
      const ticket = await this.tickets.create(requester, script.ticket);
      for (const step of script.steps) {
        await this.play(step, ticket.id, requester, staff.engineer);
        if ('call' in step) calls++;
      }
    }
    await this.call(staff.engineer, DEMO_UNLINKED_CALL, null);
    calls++;

    // Alex's own access request from the portal (verified by her session), collected by the DPO
    // and waiting for review; and a postal erasure request waiting for the requester's ID.
    const access = await this.dsars.create(customers.alex, { kind: 'access' });
    await this.dsars.collect(staff.dpo, access.id);
    await this.collected(access.id);
    const received = new Date(Date.now() - DEMO_POSTAL_REQUEST.daysAgo * 86_400_000);
    await this.dsars.create(staff.dpo, {
      kind: DEMO_POSTAL_REQUEST.kind,
      subject: DEMO_POSTAL_REQUEST.subject,
      channel: DEMO_POSTAL_REQUEST.channel,
      details: DEMO_POSTAL_REQUEST.details,
      receivedAt: received.toISOString(),
    });
    return { tickets: DEMO_TICKETS.length, calls, requests: 2 };
  }

  private async play(step: DemoStep, ticketId: string, requester: Actor, engineer: Actor): Promise<void> {
    if ('reply' in step) {
      const author = step.by === 'engineer' ? engineer : requester;
      await this.messages.create(author, ticketId, { body: step.reply, visibility: 'public' });
    } else if ('note' in step) {
      await this.messages.create(engineer, ticketId, { body: step.note, visibility: 'internal' });
    } else if ('status' in step) {
      await this.tickets.update(engineer, ticketId, { status: step.status });
    } else if ('assign' in step) {
      await this.tickets.update(engineer, ticketId, { assigneeId: engineer.userId });
    } else if ('file' in step) {
      const uploader = step.by === 'engineer' ? engineer : requester;
      await this.attachments.add(uploader, ticketId, step.file, Buffer.from(step.text, 'utf8'));
    } else {
      await this.call(engineer, step.call, ticketId);
    }
  }

  private async call(engineer: Actor, call: DemoCall, ticketId: string | null): Promise<void> {
    const recording = await this.recordings.create(engineer, {
      callerNumber: call.number,
      direction: call.direction,
      startedAt: new Date(Date.now() - call.minutesAgo * 60_000).toISOString(),
      durationSeconds: call.durationSeconds,
      notes: call.notes,
      ...(ticketId ? { ticketId } : {}),
    });
    await this.recordings.putAudio(
      engineer,
      recording.id,
      demoCallAudio(call.durationSeconds, 110 + call.minutesAgo),
    );
  }

  /** The second Acme customer and a customer of a second organisation, with the demo password. */
  private async customers(accounts: DemoAccounts): Promise<Record<Exclude<DemoCustomer, 'alex'>, Actor>> {
    const ids = await this.transactions.run(async (tx) => {
      const northwind = await this.organisations.create(DEMO_SECOND_ORGANISATION, tx);
      const made = {} as Record<keyof typeof DEMO_CUSTOMERS, string>;
      for (const [key, c] of Object.entries(DEMO_CUSTOMERS) as [
        keyof typeof DEMO_CUSTOMERS,
        (typeof DEMO_CUSTOMERS)[keyof typeof DEMO_CUSTOMERS],
      ][]) {
        made[key] = await this.users.insert(tx, {
          email: c.email,
          role: 'customer',
          passwordHash: accounts.passwordHash,
          organisationId: c.org === 'acme' ? accounts.organisationId : northwind.id,
          person: { fullName: c.fullName, phone: c.phone },
        });
      }
      return made;
    });
    return { jamie: await this.actor(ids.jamie), chris: await this.actor(ids.chris) };
  }

  /** The seed acts as these people would; it has no session of its own. */
  private async actor(userId: string): Promise<Actor> {
    const row = (await this.accounts.account(userId)) as AccountRow;
    return {
      userId: row.id,
      personId: row.person_id,
      role: row.role,
      organisationId: row.organisation_id,
      sessionId: 'demo-seed',
    };
  }

  /** Collection runs beside the seed (jobs start after it); wait so the demo opens on a request in review. */
  private async collected(dsarId: string): Promise<void> {
    const until = Date.now() + COLLECTION_WAIT_MS;
    while (Date.now() < until) {
      if (!(await this.collection.isCollecting(dsarId))) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
