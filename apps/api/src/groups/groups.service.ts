import { Injectable } from '@nestjs/common';
import type { TicketGroup } from '@hushdesk/contracts';
import { GroupsRepository } from './groups.repository';

/** The queues tickets can be routed to. */
@Injectable()
export class GroupsService {
  constructor(private readonly groups: GroupsRepository) {}

  list(): Promise<TicketGroup[]> {
    return this.groups.list();
  }
}
