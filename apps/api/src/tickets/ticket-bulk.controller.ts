import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { UuidParam } from '../common/validation/uuid-param';
import { BulkChangeResultDto, BulkChangeTicketsDto, BulkUndoResultDto } from './dto/ticket-bulk.dto';
import { TicketBulkService } from './ticket-bulk.service';

@ApiTags('tickets')
@ApiErrors(400, 413, 415, 429)
@Controller('tickets/bulk-changes')
export class TicketBulkController {
  constructor(private readonly bulk: TicketBulkService) {}

  @Post()
  @HttpCode(200)
  @Roles('engineer', 'admin')
  @ApiOkResponse({
    type: BulkChangeResultDto,
    description: 'Every ticket of the selection changed, each in its history; one undo for all',
  })
  @ApiError(404, 'A selected ticket does not exist or is not the caller’s to see')
  change(@CurrentActor() actor: Actor, @Body() body: BulkChangeTicketsDto): Promise<BulkChangeResultDto> {
    return this.bulk.change(actor, body);
  }

  @Post(':id/undo')
  @HttpCode(200)
  @Roles('engineer', 'admin')
  @ApiOkResponse({ type: BulkUndoResultDto, description: 'The caller’s bulk change taken back' })
  @ApiError(404, 'No such bulk change of the caller’s')
  @ApiError(409, 'Already undone, or too long ago')
  @ApiErrors(414)
  undo(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<BulkUndoResultDto> {
    return this.bulk.undo(actor, id);
  }
}
