import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { TicketGroup } from '@hushdesk/contracts';
import { Roles } from '../common/auth/access.decorator';
import { GroupsService } from './groups.service';

@ApiTags('tickets')
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ description: 'The queues tickets can be routed to' })
  list(): Promise<TicketGroup[]> {
    return this.groups.list();
  }
}
