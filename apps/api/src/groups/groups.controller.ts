import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { TicketGroup } from '@hushdesk/contracts';
import { DataSource } from 'typeorm';
import { Roles } from '../common/auth/access.decorator';

@ApiTags('tickets')
@Controller('groups')
export class GroupsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ description: 'The queues tickets can be routed to' })
  list(): Promise<TicketGroup[]> {
    return this.dataSource.query('SELECT id, name FROM ticket_groups ORDER BY name');
  }
}
