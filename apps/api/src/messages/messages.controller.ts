import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { PageQueryDto } from '../common/pagination/keyset';
import { UuidParam } from '../common/validation/uuid-param';
import { CreateMessageDto, TicketMessageDto, TicketMessagePageDto } from './dto/message.dto';
import { MessagesService } from './messages.service';

@ApiTags('tickets')
@ApiErrors(400, 404, 414, 429)
@Controller('tickets/:id/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiOkResponse({
    type: TicketMessagePageDto,
    description: 'The thread, oldest first; customers get public replies only',
  })
  list(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<TicketMessagePageDto> {
    return this.messages.list(actor, id, query);
  }

  @Post()
  @HttpCode(201)
  @Roles('customer', 'engineer', 'admin')
  @ApiCreatedResponse({ type: TicketMessageDto })
  @ApiError(409, 'The ticket is closed, or its processing is restricted')
  @ApiErrors(413, 415)
  create(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: CreateMessageDto,
  ): Promise<TicketMessageDto> {
    return this.messages.create(actor, id, body);
  }
}
