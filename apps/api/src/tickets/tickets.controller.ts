import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { UuidParam } from '../common/validation/uuid-param';
import {
  CreateTicketDto,
  TicketDetailDto,
  TicketHistoryEntryDto,
  TicketListDto,
  TicketQueryDto,
  UpdateTicketDto,
} from './dto/ticket.dto';
import { TicketsService } from './tickets.service';

@ApiTags('tickets')
@ApiErrors(400, 429)
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Post()
  @HttpCode(201)
  @Roles('customer', 'engineer')
  @ApiCreatedResponse({
    type: TicketDetailDto,
    description: 'The ticket, with its reference and SLA clocks',
  })
  @ApiErrors(413, 415)
  create(@CurrentActor() actor: Actor, @Body() body: CreateTicketDto): Promise<TicketDetailDto> {
    return this.tickets.create(actor, body);
  }

  @Get()
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: TicketListDto, description: 'Keyset page of tickets, with counts per status' })
  list(@CurrentActor() actor: Actor, @Query() query: TicketQueryDto): Promise<TicketListDto> {
    return this.tickets.list(actor, query);
  }

  @Get(':id')
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: TicketDetailDto })
  @ApiError(404, 'No such ticket, or not yours')
  @ApiErrors(414)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<TicketDetailDto> {
    return this.tickets.get(actor, id);
  }

  @Patch(':id')
  @Roles('engineer', 'admin')
  @ApiOkResponse({ type: TicketDetailDto })
  @ApiError(
    409,
    'A status change the workflow does not allow (the message names the allowed ones), or processing is restricted',
  )
  @ApiErrors(404, 413, 414, 415)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateTicketDto,
  ): Promise<TicketDetailDto> {
    return this.tickets.update(actor, id, body);
  }

  @Post(':id/undo')
  @HttpCode(200)
  @Roles('engineer', 'admin')
  @ApiOkResponse({
    type: TicketDetailDto,
    description: 'The ticket with the caller’s last change taken back',
  })
  @ApiError(
    409,
    'Nothing of the caller’s to undo, the change is too old, or someone changed those fields since',
  )
  @ApiErrors(404, 413, 414, 415)
  undo(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<TicketDetailDto> {
    return this.tickets.undoLastChange(actor, id);
  }

  @Post(':id/solve')
  @HttpCode(200)
  @Roles('customer')
  @ApiOkResponse({
    type: TicketDetailDto,
    description: 'The request marked solved by its customer (no change when it already is)',
  })
  @ApiError(409, 'The request is closed, or processing is restricted')
  @ApiErrors(404, 413, 414, 415)
  solve(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<TicketDetailDto> {
    return this.tickets.solve(actor, id);
  }

  @Get(':id/history')
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({
    type: [TicketHistoryEntryDto],
    description: 'Changes to status, priority, assignee, group and tags, newest first',
  })
  @ApiErrors(404, 414)
  history(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<TicketHistoryEntryDto[]> {
    return this.tickets.history(actor, id);
  }
}
