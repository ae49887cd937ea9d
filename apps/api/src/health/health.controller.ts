import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/access.decorator';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { HealthDto } from './dto/health.dto';

@ApiTags('health')
@ApiErrors(429)
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthDto })
  @ApiError(503, 'The database does not answer')
  async check(): Promise<HealthDto> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new DomainError(DomainErrorCode.Unavailable, 'The database does not answer');
    }
    return { status: 'ok' };
  }
}
