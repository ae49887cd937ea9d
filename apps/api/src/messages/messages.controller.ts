import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page, TicketMessage } from '@hushdesk/contracts';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { PageQueryDto } from '../common/pagination/keyset';
import { UuidParam } from '../common/validation/uuid-param';
import { CreateMessageDto, TicketMessageDto } from './dto/message.dto';
import { MessagesService } from './messages.service';

@ApiTags('tickets')
@Controller('tickets/:id/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiOkResponse({ description: 'The thread, oldest first; customers get public replies only' })
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<TicketMessage>> {
    return this.messages.list(actor, id, query);
  }

  @Post()
  @HttpCode(201)
  @Roles('customer', 'engineer', 'admin')
  @ApiCreatedResponse({ type: TicketMessageDto })
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CreateMessageDto,
  ): Promise<TicketMessage> {
    return this.messages.create(actor, id, body);
  }
}
