import { Body, Controller, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { TicketDetail, TicketHistoryEntry, TicketListResponse } from '@hushdesk/contracts';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { UuidParam } from '../common/validation/uuid-param';
import { CreateTicketDto, TicketQueryDto, TicketSummaryDto, UpdateTicketDto } from './dto/ticket.dto';
import { TicketsService } from './tickets.service';

@ApiTags('tickets')
@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Post()
  @HttpCode(201)
  @Roles('customer', 'engineer')
  @ApiCreatedResponse({
    type: TicketSummaryDto,
    description: 'The ticket, with its reference and SLA clocks',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateTicketDto): Promise<TicketDetail> {
    return this.tickets.create(actor, body);
  }

  @Get()
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiOkResponse({ description: 'Keyset page of tickets, with counts per status' })
  list(@CurrentActor() actor: Actor, @Query() query: TicketQueryDto): Promise<TicketListResponse> {
    return this.tickets.list(actor, query);
  }

  @Get(':id')
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: TicketSummaryDto })
  @ApiNotFoundResponse({ description: 'No such ticket, or not yours' })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<TicketDetail> {
    return this.tickets.get(actor, id);
  }

  @Patch(':id')
  @Roles('engineer', 'admin')
  @ApiOkResponse({ type: TicketSummaryDto })
  @ApiConflictResponse({
    description: 'A status change the workflow does not allow; the message names the allowed ones',
  })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateTicketDto,
  ): Promise<TicketDetail> {
    return this.tickets.update(actor, id, body);
  }

  @Post(':id/undo')
  @HttpCode(200)
  @Roles('engineer', 'admin')
  @ApiOkResponse({
    type: TicketSummaryDto,
    description: 'The ticket with the caller’s last change taken back',
  })
  @ApiConflictResponse({
    description:
      'Nothing of the caller’s to undo, the change is too old, or someone changed those fields since',
  })
  undo(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<TicketDetail> {
    return this.tickets.undoLastChange(actor, id);
  }

  @Get(':id/history')
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ description: 'Changes to status, priority, assignee, group and tags, newest first' })
  history(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<TicketHistoryEntry[]> {
    return this.tickets.history(actor, id);
  }
}
