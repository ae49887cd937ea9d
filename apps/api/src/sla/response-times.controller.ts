import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorator';
import { ApiErrors } from '../common/http/api-errors';
import { ResponseTimeDto } from './dto/response-time.dto';
import { SlaClockService } from './sla-clock.service';

@ApiTags('sla')
@ApiErrors(429)
@Controller('sla')
export class ResponseTimesController {
  constructor(private readonly sla: SlaClockService) {}

  /** The targets per priority, so a customer logging a request knows when to expect a reply. */
  @Get('response-times')
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: [ResponseTimeDto], description: 'The SLA targets, one per priority' })
  responseTimes(): ResponseTimeDto[] {
    return this.sla.responseTimes();
  }
}
