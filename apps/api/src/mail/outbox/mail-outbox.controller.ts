import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../common/auth/access.decorator';
import type { Actor } from '../../common/auth/actor';
import { ApiError, ApiErrors } from '../../common/http/api-errors';
import { UuidParam } from '../../common/validation/uuid-param';
import {
  MailRecipientDto,
  MailStatusDto,
  MailSubscriptionDto,
  OutboxItemDetailDto,
  OutboxPageDto,
  OutboxQueryDto,
  UpdateMailSubscriptionDto,
} from './dto/mail-outbox.dto';
import { MailOutboxService } from './mail-outbox.service';

@ApiTags('mail')
@ApiErrors(429)
@Controller()
export class MailOutboxController {
  constructor(private readonly mail: MailOutboxService) {}

  @Get('mail/outbox')
  @Roles('admin')
  @ApiOkResponse({
    type: OutboxPageDto,
    description: 'Mail that was sent, kept (no SMTP_URL), suppressed or failed, newest first',
  })
  @ApiErrors(400)
  list(@CurrentActor() actor: Actor, @Query() query: OutboxQueryDto): Promise<OutboxPageDto> {
    return this.mail.list(actor, query);
  }

  @Get('mail/outbox/:id')
  @Roles('admin')
  @ApiOkResponse({
    type: OutboxItemDetailDto,
    description: 'One mail, with its plain-text body once rendered',
  })
  @ApiError(404, 'No such mail')
  @ApiErrors(400, 414)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<OutboxItemDetailDto> {
    return this.mail.get(actor, id);
  }

  @Get('mail/status')
  @Roles('admin')
  @ApiOkResponse({ type: MailStatusDto, description: 'How mail is sent and received here' })
  status(): MailStatusDto {
    return this.mail.status();
  }

  @Get('mail/subscriptions/me')
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: MailSubscriptionDto, description: 'What the caller chose to hear of by mail' })
  subscription(@CurrentActor() actor: Actor): Promise<MailSubscriptionDto> {
    return this.mail.subscription(actor);
  }

  @Put('mail/subscriptions/me')
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: MailSubscriptionDto, description: 'The choices as saved' })
  @ApiErrors(400, 413, 415)
  subscribe(
    @CurrentActor() actor: Actor,
    @Body() body: UpdateMailSubscriptionDto,
  ): Promise<MailSubscriptionDto> {
    return this.mail.subscribe(actor, body);
  }

  @Get('tickets/:id/mail-recipient')
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({
    type: MailRecipientDto,
    description: 'Whether a public reply would be emailed, and to whom, as the caller may see them',
  })
  @ApiError(404, 'No such ticket')
  @ApiErrors(400, 414)
  recipient(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<MailRecipientDto> {
    return this.mail.recipient(actor, id);
  }
}
