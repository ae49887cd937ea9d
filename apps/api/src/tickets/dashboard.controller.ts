import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { DashboardStats } from '@hushdesk/contracts';
import { Roles } from '../common/auth/access.decorator';
import { TicketsService } from './tickets.service';

@ApiTags('tickets')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly tickets: TicketsService) {}

  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ description: 'Open tickets by priority and by SLA state' })
  stats(): Promise<DashboardStats> {
    return this.tickets.dashboard();
  }
}
