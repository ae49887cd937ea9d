import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { UuidParam } from '../common/validation/uuid-param';
import { StartRunDto, UpdateRetentionPolicyDto } from './dto/retention.dto';
import { RetentionService } from './retention.service';

@ApiTags('retention')
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Post('runs')
  @HttpCode(201)
  @Roles('dpo', 'admin')
  @ApiOkResponse({ description: '{id, status, report}: a dry run reports at once; a real run is queued' })
  start(@CurrentActor() actor: Actor, @Body() body: StartRunDto) {
    return this.retention.start(actor, body.dryRun ?? false);
  }

  @Get('runs')
  @Roles('dpo', 'admin')
  recent() {
    return this.retention.recent();
  }

  @Get('runs/:id')
  @Roles('dpo', 'admin')
  get(@UuidParam('id') id: string) {
    return this.retention.get(id);
  }

  @Get('policies')
  @Roles('dpo', 'admin')
  policies() {
    return this.retention.policies();
  }

  @Patch('policies/:category')
  @Roles('dpo', 'admin')
  updatePolicy(
    @CurrentActor() actor: Actor,
    @Param('category') category: string,
    @Body() body: UpdateRetentionPolicyDto,
  ) {
    return this.retention.updatePolicy(actor, category, body.days);
  }

  @Get('forecast')
  @Roles('dpo', 'admin')
  forecast() {
    return this.retention.forecast();
  }

  @Get('holds')
  @Roles('dpo', 'admin')
  holds() {
    return this.retention.holds();
  }
}
