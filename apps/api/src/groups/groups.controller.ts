import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Roles } from '../common/auth/access.decorator';
import { ApiErrors } from '../common/http/api-errors';
import { TicketGroupDto } from './dto/ticket-group.dto';

@ApiTags('tickets')
@ApiErrors(429)
@Controller('groups')
export class GroupsController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: [TicketGroupDto], description: 'The queues tickets can be routed to' })
  list(): Promise<TicketGroupDto[]> {
    return this.dataSource.query('SELECT id, name FROM ticket_groups ORDER BY name');
  }
}
