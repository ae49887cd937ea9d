import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorator';
import { ApiErrors } from '../common/http/api-errors';
import { DashboardStatsDto } from './dto/ticket.dto';
import { TicketsService } from './tickets.service';

@ApiTags('tickets')
@ApiErrors(429)
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly tickets: TicketsService) {}

  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: DashboardStatsDto, description: 'Open tickets by priority and by SLA state' })
  stats(): Promise<DashboardStatsDto> {
    return this.tickets.dashboard();
  }
}
