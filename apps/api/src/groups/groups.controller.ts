import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorator';
import { ApiErrors } from '../common/http/api-errors';
import { TicketGroupDto } from './dto/ticket-group.dto';
import { GroupsService } from './groups.service';

@ApiTags('tickets')
@ApiErrors(429)
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: [TicketGroupDto], description: 'The queues tickets can be routed to' })
  list(): Promise<TicketGroupDto[]> {
    return this.groups.list();
  }
}
