import { Injectable } from '@nestjs/common';
import type { TicketGroupDto } from './dto/ticket-group.dto';
import { GroupsRepository } from './groups.repository';

/** The queues tickets can be routed to. */
@Injectable()
export class GroupsService {
  constructor(private readonly groups: GroupsRepository) {}

  list(): Promise<TicketGroupDto[]> {
    return this.groups.list();
  }
}
