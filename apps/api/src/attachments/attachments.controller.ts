import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BlobStore } from '../blobs/blob-store';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { ApiFileResponse } from '../common/http/api-file-response';
import { contentDisposition } from '../common/http/content-disposition';
import { UuidParam } from '../common/validation/uuid-param';
import { AppConfig } from '../config/app-config';
import { AttachmentsService } from './attachments.service';
import { AttachmentInfoDto } from './dto/attachment.dto';
import { ACCEPTED_CONTENT_TYPES, ACCEPTED_FILES } from './file-type';
import { receiveUpload } from './upload-intake';

@ApiTags('tickets')
@ApiErrors(400, 404, 414, 429)
@Controller('tickets/:id/attachments')
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly blobs: BlobStore,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: [AttachmentInfoDto], description: 'Files on the ticket' })
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<AttachmentInfoDto[]> {
    return this.attachments.list(actor, id);
  }

  @Post()
  @HttpCode(201)
  @Roles('customer', 'engineer', 'admin')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({
    type: AttachmentInfoDto,
    description: `One file in the field "file": ${ACCEPTED_FILES}`,
  })
  @ApiError(503, 'File storage is unavailable; try again shortly (Retry-After says when)')
  @ApiError(409, 'The ticket is closed, or its processing is restricted')
  @ApiError(413, 'Over the size limit (10 MB by default)')
  @ApiErrors(415)
  async upload(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
  ): Promise<AttachmentInfoDto> {
    return receiveUpload(request, this.blobs, this.config.attachmentMaxBytes, (rawName, copy) =>
      this.attachments.add(actor, id, rawName, copy),
    );
  }

  @Get(':attachmentId')
  @Roles('customer', 'engineer', 'dpo', 'admin')
  @ApiFileResponse(ACCEPTED_CONTENT_TYPES, 'The file, as a download')
  @ApiError(404, 'No such ticket or attachment, or its file is missing from storage')
  @ApiError(503, 'File storage is unavailable; try again shortly (Retry-After says when)')
  async download(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('attachmentId') attachmentId: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { info, stream } = await this.attachments.open(actor, id, attachmentId);
    await reply
      .header('content-type', info.contentType)
      .header('content-length', String(info.sizeBytes))
      .header('content-disposition', contentDisposition(info.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(stream);
  }
}
