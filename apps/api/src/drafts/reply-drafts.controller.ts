import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { UuidParam } from '../common/validation/uuid-param';
import { DraftSendingService } from './draft-sending.service';
import { ReplyDraftDto, SaveReplyDraftDto } from './dto/reply-draft.dto';
import { SendDraftDto, SentDraftDto } from './dto/send-draft.dto';
import { ReplyDraftsService } from './reply-drafts.service';

@ApiTags('tickets')
@ApiErrors(400, 429)
@Controller('tickets')
export class ReplyDraftsController {
  constructor(
    private readonly drafts: ReplyDraftsService,
    private readonly sending: DraftSendingService,
  ) {}

  @Get(':id/draft')
  @Roles('engineer', 'admin')
  @ApiOkResponse({ type: ReplyDraftDto, description: 'The caller’s own unsent reply; empty when none' })
  @ApiError(404, 'No such ticket')
  @ApiErrors(414)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ReplyDraftDto> {
    return this.drafts.get(actor, id);
  }

  @Put(':id/draft')
  @Roles('engineer', 'admin')
  @ApiOkResponse({ type: ReplyDraftDto, description: 'The saved draft (empty text deletes it)' })
  @ApiError(404, 'No such ticket')
  @ApiErrors(413, 414, 415)
  save(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: SaveReplyDraftDto,
  ): Promise<ReplyDraftDto> {
    return this.drafts.save(actor, id, body);
  }

  @Post(':id/draft/send')
  @HttpCode(201)
  @Roles('engineer', 'admin')
  @ApiCreatedResponse({
    type: SentDraftDto,
    description:
      'The reply or note and the files named, sent together, and the draft gone; on any refusal, nothing changed',
  })
  @ApiError(404, 'No such ticket, or no such file in the caller’s draft')
  @ApiError(409, 'The ticket is closed, or its processing is restricted')
  @ApiError(503, 'File storage is unavailable; try again shortly (Retry-After says when)')
  @ApiErrors(413, 414, 415)
  send(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: SendDraftDto,
  ): Promise<SentDraftDto> {
    return this.sending.send(actor, id, body);
  }

  @Delete(':id/draft')
  @HttpCode(204)
  @Roles('engineer', 'admin')
  @ApiNoContentResponse({ description: 'Deleted, or there was none' })
  @ApiError(404, 'No such ticket')
  @ApiErrors(414)
  async delete(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.drafts.delete(actor, id);
  }
}
