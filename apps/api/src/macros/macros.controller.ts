import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { UuidParam } from '../common/validation/uuid-param';
import {
  AppliedMacroDto,
  ApplyMacroDto,
  CreateMacroDto,
  MacroDto,
  MacroQueryDto,
  UpdateMacroDto,
} from './dto/macro.dto';
import { MacrosService } from './macros.service';

@ApiTags('macros')
@ApiErrors(400, 429)
@Controller('macros')
export class MacrosController {
  constructor(private readonly macros: MacrosService) {}

  @Get()
  @Roles('engineer', 'admin')
  @ApiOkResponse({ type: [MacroDto], description: 'Shared macros and the caller’s own, by title' })
  list(@CurrentActor() actor: Actor, @Query() query: MacroQueryDto): Promise<MacroDto[]> {
    return this.macros.list(actor, query.q);
  }

  @Post()
  @HttpCode(201)
  @Roles('engineer', 'admin')
  @ApiCreatedResponse({ type: MacroDto })
  @ApiError(403, 'A shared macro, by someone who is not an admin')
  @ApiErrors(413, 415)
  create(@CurrentActor() actor: Actor, @Body() body: CreateMacroDto): Promise<MacroDto> {
    return this.macros.create(actor, body);
  }

  @Patch(':id')
  @Roles('engineer', 'admin')
  @ApiOkResponse({ type: MacroDto })
  @ApiError(403, 'A shared macro, by someone who is not an admin')
  @ApiError(404, 'No such macro, or someone else’s personal one')
  @ApiErrors(413, 414, 415)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateMacroDto,
  ): Promise<MacroDto> {
    return this.macros.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('engineer', 'admin')
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiError(403, 'A shared macro, by someone who is not an admin')
  @ApiError(404, 'No such macro, or someone else’s personal one')
  @ApiErrors(414)
  async delete(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.macros.delete(actor, id);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @Roles('engineer', 'admin')
  @ApiOkResponse({
    type: AppliedMacroDto,
    description: 'The text for the reply box, with the macro’s ticket changes made (in the history)',
  })
  @ApiError(404, 'No such macro or ticket, or someone else’s personal macro')
  @ApiError(
    409,
    'A status change the workflow does not allow, or processing is restricted (as PATCH /api/tickets/{id})',
  )
  @ApiErrors(413, 414, 415)
  apply(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ApplyMacroDto,
  ): Promise<AppliedMacroDto> {
    return this.macros.apply(actor, id, body.ticketId);
  }
}
