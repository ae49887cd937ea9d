import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { UuidParam } from '../common/validation/uuid-param';
import { MergeTicketDto, TicketMergeDto } from './dto/ticket-merge.dto';
import { TicketMergeService } from './ticket-merge.service';

const REFUSED =
  'Requesters who may not see each other’s tickets, a ticket already merged, a closed target, or processing restricted';

@ApiTags('tickets')
@ApiErrors(400, 429)
@Controller('tickets')
export class TicketMergeController {
  constructor(private readonly merges: TicketMergeService) {}

  @Get(':id/merge')
  @Roles('engineer', 'admin')
  @ApiOkResponse({
    type: TicketMergeDto,
    description: 'What merging into that ticket would move; nothing is written',
  })
  @ApiError(409, REFUSED)
  @ApiErrors(404, 414)
  preview(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query() query: MergeTicketDto,
  ): Promise<TicketMergeDto> {
    return this.merges.preview(actor, id, query.intoTicketId);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('engineer', 'admin')
  @ApiOkResponse({
    type: TicketMergeDto,
    description: 'What moved: the ticket is closed and points at the one it went into',
  })
  @ApiError(409, REFUSED)
  @ApiErrors(404, 413, 414, 415)
  merge(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: MergeTicketDto,
  ): Promise<TicketMergeDto> {
    return this.merges.merge(actor, id, body.intoTicketId);
  }
}
