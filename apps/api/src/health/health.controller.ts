import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/access.decorator';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { HealthDto } from './dto/health.dto';
import { HealthService } from './health.service';

@ApiTags('health')
@ApiErrors(429)
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiError(503, 'The database does not answer')
  check(): Promise<HealthDto> {
    return this.health.check();
  }
}
