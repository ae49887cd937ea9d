import { Controller, Delete, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AttachmentInfoDto } from '../attachments/dto/attachment.dto';
import { ACCEPTED_FILES } from '../attachments/file-type';
import { receiveUpload } from '../attachments/upload-intake';
import { BlobStore } from '../blobs/blob-store';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { UuidParam } from '../common/validation/uuid-param';
import { AppConfig } from '../config/app-config';
import { DraftFileDto } from './dto/reply-draft.dto';
import { ReplyDraftFilesService } from './reply-draft-files.service';

/** Files in the caller's own reply draft; listed with the draft (`GET /tickets/:id/draft`). */
@ApiTags('tickets')
@ApiErrors(400, 414, 429)
@Controller('tickets/:id/draft/attachments')
export class ReplyDraftFilesController {
  constructor(
    private readonly files: ReplyDraftFilesService,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('engineer', 'admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({
    type: DraftFileDto,
    description: `Kept in the caller's draft, seen by nobody else. One file in the field "file": ${ACCEPTED_FILES}`,
  })
  @ApiError(404, 'No such ticket')
  @ApiError(409, 'The ticket is closed, or its processing is restricted')
  @ApiError(413, 'Over the size limit (10 MB by default)')
  @ApiError(503, 'File storage is unavailable; try again shortly (Retry-After says when)')
  @ApiErrors(415)
  async upload(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
  ): Promise<DraftFileDto> {
    return receiveUpload(request, this.blobs, this.config.attachmentMaxBytes, (rawName, copy) =>
      this.files.add(actor, id, rawName, copy),
    );
  }

  @Post(':attachmentId/send')
  @HttpCode(201)
  @Roles('engineer', 'admin')
  @ApiCreatedResponse({
    type: AttachmentInfoDto,
    description: 'The file, moved out of the draft onto the ticket as the reply is sent',
  })
  @ApiError(404, 'No such ticket, or no such file in the caller’s draft')
  @ApiError(409, 'The ticket is closed, or its processing is restricted')
  @ApiError(503, 'File storage is unavailable; try again shortly (Retry-After says when)')
  send(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('attachmentId') attachmentId: string,
  ): Promise<AttachmentInfoDto> {
    return this.files.send(actor, id, attachmentId);
  }

  @Delete(':attachmentId')
  @HttpCode(204)
  @Roles('engineer', 'admin')
  @ApiNoContentResponse({ description: 'Removed from the draft, and its file deleted' })
  @ApiError(404, 'No such ticket, or no such file in the caller’s draft')
  async remove(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('attachmentId') attachmentId: string,
  ): Promise<void> {
    await this.files.remove(actor, id, attachmentId);
  }
}
