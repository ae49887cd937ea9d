import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import { ApiErrors } from '../common/http/api-errors';
import { MarkSlaWarningsReadDto, SlaWarningListDto, SlaWarningsReadDto } from './dto/sla-warning.dto';
import { SlaWarningsService } from './sla-warnings.service';

@ApiTags('notifications')
@ApiErrors(429)
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly warnings: SlaWarningsService) {}

  @Get('sla')
  @Roles('engineer', 'admin')
  @ApiOkResponse({ type: SlaWarningListDto, description: "The caller's recent SLA warnings, newest first" })
  sla(@CurrentActor() actor: Actor): Promise<SlaWarningListDto> {
    return this.warnings.recent(actor);
  }

  @Post('sla/read')
  @HttpCode(200)
  @Roles('engineer', 'admin')
  @ApiErrors(400, 413, 415)
  @ApiOkResponse({
    type: SlaWarningsReadDto,
    description: "Marks the caller's named warnings (all when `ids` is absent) read, on every device",
  })
  markRead(@CurrentActor() actor: Actor, @Body() body: MarkSlaWarningsReadDto): Promise<SlaWarningsReadDto> {
    return this.warnings.markRead(actor, body.ids);
  }
}
