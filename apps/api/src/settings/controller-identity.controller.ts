import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Public, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiErrors } from '../common/http/api-errors';
import { ControllerIdentityService } from './controller-identity.service';
import {
  ControllerSettingsDto,
  PublishedControllerDto,
  UpdateControllerSettingsDto,
} from './dto/controller-settings.dto';

@ApiTags('settings')
@ApiErrors(429)
@Controller()
export class ControllerIdentityController {
  constructor(private readonly identity: ControllerIdentityService) {}

  @Get('settings/controller')
  @Roles('dpo', 'admin')
  @ApiOkResponse({ type: ControllerSettingsDto, description: 'Nulls until an admin has set them' })
  get(): Promise<ControllerSettingsDto> {
    return this.identity.settings();
  }

  @Put('settings/controller')
  @Roles('admin')
  @ApiOkResponse({ type: ControllerSettingsDto, description: 'The identity as now published' })
  @ApiErrors(400, 413, 415)
  put(
    @CurrentActor() actor: Actor,
    @Body() body: UpdateControllerSettingsDto,
  ): Promise<ControllerSettingsDto> {
    return this.identity.update(actor, body);
  }

  /** The privacy notice names the controller: public, like the notice. */
  @Get('privacy/notice/controller')
  @Public()
  @ApiOkResponse({ type: PublishedControllerDto, description: '`controller` is null until an admin sets it' })
  async published(): Promise<PublishedControllerDto> {
    return { controller: await this.identity.identity() };
  }
}
