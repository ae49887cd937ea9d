import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { UuidParam } from '../common/validation/uuid-param';
import { StartRunDto, UpdateRetentionPolicyDto } from './dto/retention.dto';
import {
  RetentionForecastWeekDto,
  RetentionHoldDto,
  RetentionPolicyDto,
  RetentionRunDto,
} from './dto/retention-responses.dto';
import { RetentionService } from './retention.service';

@ApiTags('retention')
@ApiErrors(429)
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Post('runs')
  @HttpCode(201)
  @Roles('dpo', 'admin')
  @ApiCreatedResponse({
    type: RetentionRunDto,
    description: 'A dry run reports at once; a real run is queued and reports progress over socket.io',
  })
  @ApiErrors(400, 413, 415)
  start(@CurrentActor() actor: Actor, @Body() body: StartRunDto) {
    return this.retention.start(actor, body.dryRun ?? false);
  }

  @Get('runs')
  @Roles('dpo', 'admin')
  @ApiOkResponse({ type: [RetentionRunDto], description: 'The latest runs, newest first' })
  recent(): Promise<RetentionRunDto[]> {
    return this.retention.recent();
  }

  @Get('runs/:id')
  @Roles('dpo', 'admin')
  @ApiOkResponse({ type: RetentionRunDto })
  @ApiErrors(400, 404, 414)
  get(@UuidParam('id') id: string): Promise<RetentionRunDto> {
    return this.retention.get(id);
  }

  @Get('policies')
  @Roles('dpo', 'admin')
  @ApiOkResponse({ type: [RetentionPolicyDto] })
  policies(): Promise<RetentionPolicyDto[]> {
    return this.retention.policies();
  }

  @Patch('policies/:category')
  @Roles('dpo', 'admin')
  @ApiOkResponse({ type: RetentionPolicyDto, description: 'The policy as it now applies' })
  @ApiError(400, 'Not a retention category, or the period is outside its minimum and maximum')
  @ApiErrors(413, 414, 415)
  updatePolicy(
    @CurrentActor() actor: Actor,
    @Param('category') category: string,
    @Body() body: UpdateRetentionPolicyDto,
  ): Promise<RetentionPolicyDto | undefined> {
    return this.retention.updatePolicy(actor, category, body.days);
  }

  @Get('forecast')
  @Roles('dpo', 'admin')
  @ApiOkResponse({ type: [RetentionForecastWeekDto], description: 'Recording expiries per week ahead' })
  forecast(): Promise<RetentionForecastWeekDto[]> {
    return this.retention.forecast();
  }

  @Get('holds')
  @Roles('dpo', 'admin')
  @ApiOkResponse({ type: [RetentionHoldDto], description: 'Recordings under legal hold, latest first' })
  holds(): Promise<RetentionHoldDto[]> {
    return this.retention.holds();
  }
}
