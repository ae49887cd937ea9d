import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiErrors } from '../common/http/api-errors';
import { SlaSettingsDto, UpdateSlaSettingsDto } from './dto/sla-settings.dto';
import { SlaSettings } from './sla-settings.service';

@ApiTags('settings')
@ApiErrors(429)
@Controller('settings/sla')
export class SlaSettingsController {
  constructor(private readonly settings: SlaSettings) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({
    type: SlaSettingsDto,
    description: 'The environment’s values until an admin saves others',
  })
  get(): Promise<SlaSettingsDto> {
    return this.settings.get();
  }

  @Put()
  @Roles('admin')
  @ApiOkResponse({
    type: SlaSettingsDto,
    description: 'Applies to SLA clocks started from now on, on every instance',
  })
  @ApiErrors(400, 413, 415)
  put(@CurrentActor() actor: Actor, @Body() body: UpdateSlaSettingsDto): Promise<SlaSettingsDto> {
    return this.settings.update(actor, body);
  }
}
