import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DSAR_DOWNLOAD_CODE_HEADER } from '@hushdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Public, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { ApiFileResponse } from '../common/http/api-file-response';
import { PageQueryDto } from '../common/pagination/keyset';
import { UuidParam } from '../common/validation/uuid-param';
import { DsarEraser } from './erasure/dsar-erasure.service';
import { SessionService } from '../auth/session.service';
import { DsarExports, type ExportFile } from './export/dsar-exports.service';
import { DsarReleases } from './export/dsar-releases.service';
import { DsarReview } from './review/dsar-review.service';
import { DsarService } from './intake/dsar.service';
import {
  ChooseSubjectDto,
  CreateDsarDto,
  EraseDsarDto,
  ExclusionDto,
  ExportQueryDto,
  ExtendDsarDto,
  ListDsarQueryDto,
  ReasonDto,
  RectifyDsarDto,
  RedactionDecisionDto,
  VerifyDsarDto,
} from './dto/dsar.dto';
import {
  CreateDsarResponseDto,
  DsarDashboardDto,
  DsarDetailDto,
  DsarDownloadCodeDto,
  DsarDownloadStatusDto,
  DsarItemPageDto,
  DsarPageDto,
  DsarReleaseDto,
  ErasurePreviewDto,
  ErasureReceiptDto,
} from './dto/dsar-responses.dto';
import { contentDisposition } from '../common/http/content-disposition';

async function sendFile(reply: FastifyReply, file: ExportFile): Promise<void> {
  // A streamed body has no length of its own; a file's is known, so the client sees its progress.
  if (file.size !== undefined) reply.header('content-length', String(file.size));
  await reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(file.body);
}

/** Data-subject requests: the DPO's module, and the customer's own requests from the portal. */
@ApiTags('dsar')
@ApiErrors(429)
@Controller('dsar')
export class DsarController {
  constructor(
    private readonly dsar: DsarService,
    private readonly review: DsarReview,
    private readonly exports: DsarExports,
    private readonly eraser: DsarEraser,
    private readonly releases: DsarReleases,
    private readonly sessions: SessionService,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('dpo', 'customer')
  @ApiCreatedResponse({
    type: CreateDsarResponseDto,
    description: 'The request, with its reference and due date',
  })
  @ApiError(409, 'The same request is already open')
  @ApiErrors(400, 413, 415)
  create(@CurrentActor() actor: Actor, @Body() body: CreateDsarDto): Promise<CreateDsarResponseDto> {
    return this.dsar.create(actor, body);
  }

  @Get()
  @Roles('dpo', 'customer')
  @ApiOkResponse({ type: DsarPageDto, description: 'Requests by due date; a customer sees their own' })
  @ApiErrors(400)
  list(@CurrentActor() actor: Actor, @Query() query: ListDsarQueryDto): Promise<DsarPageDto> {
    return this.dsar.list(actor, query);
  }

  @Get('dashboard')
  @Roles('dpo')
  @ApiOkResponse({ type: DsarDashboardDto, description: 'Open requests by deadline state and by week due' })
  dashboard(): Promise<DsarDashboardDto> {
    return this.dsar.dashboard();
  }

  /**
   * The requester's expiring link: the token finds the package; the requester's session (a
   * portal request) or a one-time code in `x-download-code` (any other) opens it.
   */
  @Get('downloads/:token')
  @Public() // the session is checked inside: only the requester's, and only for a sign-in link
  @ApiHeader({
    name: DSAR_DOWNLOAD_CODE_HEADER,
    required: false,
    description: 'The one-time code, for a link that needs one',
  })
  @ApiFileResponse(['application/zip'], 'The package (ZIP); each download is audited')
  @ApiError(401, 'The link needs the requester signed in, or its one-time code')
  @ApiError(403, 'Signed in as someone else, the code is wrong, or a cross-site request')
  @ApiError(404, 'No such download, or its package is missing from storage')
  @ApiError(410, 'The link has expired, or its code was used or locked')
  @ApiError(503, 'File storage is unavailable; try again shortly (Retry-After says when)')
  @ApiErrors(400, 414)
  async download(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const code = request.headers[DSAR_DOWNLOAD_CODE_HEADER];
    const file = await this.exports.download(downloadToken(token), {
      actor: await this.sessions.authenticate(request),
      code: typeof code === 'string' ? code : undefined,
    });
    await sendFile(reply, file);
  }

  @Get('downloads/:token/status')
  @Public()
  @ApiOkResponse({
    type: DsarDownloadStatusDto,
    description: 'What the link needs (sign-in or a code) and whether it still works',
  })
  @ApiError(404, 'No such download')
  @ApiErrors(400, 414)
  downloadStatus(@Param('token') token: string): Promise<DsarDownloadStatusDto> {
    return this.releases.status(downloadToken(token));
  }

  @Get(':id')
  @Roles('dpo', 'customer')
  @ApiOkResponse({ type: DsarDetailDto })
  @ApiError(404, 'No such request, or not yours')
  @ApiErrors(400, 414)
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DsarDetailDto> {
    return this.dsar.get(actor, id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ type: DsarDetailDto })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  verify(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: VerifyDsarDto,
  ): Promise<DsarDetailDto> {
    return this.dsar.verify(actor, id, body);
  }

  @Post(':id/request-information')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ type: DsarDetailDto, description: 'Asks for ID or clarification; the clock pauses' })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  requestInformation(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetailDto> {
    return this.dsar.requestInformation(actor, id, body.reason);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ type: DsarDetailDto })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  resume(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetailDto> {
    return this.dsar.resume(actor, id, body.reason);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ type: DsarDetailDto })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  reject(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetailDto> {
    return this.dsar.reject(actor, id, body.reason);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({
    type: DsarDetailDto,
    description: 'By 1 or 2 months, only within the first month (409 after)',
  })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  extend(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ExtendDsarDto,
  ): Promise<DsarDetailDto> {
    return this.dsar.extend(actor, id, body);
  }

  @Post(':id/collect')
  @HttpCode(202)
  @Roles('dpo')
  @ApiAcceptedResponse({
    type: DsarDetailDto,
    description: 'Collection queued; progress in GET /dsar/:id and the dsar.progress event',
  })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  collect(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DsarDetailDto> {
    return this.dsar.collect(actor, id);
  }

  @Post(':id/subject')
  @HttpCode(202)
  @Roles('dpo')
  @ApiAcceptedResponse({
    type: DsarDetailDto,
    description: 'The subject decided; collection continues (progress as for collect)',
  })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  chooseSubject(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ChooseSubjectDto,
  ): Promise<DsarDetailDto> {
    return this.dsar.chooseSubject(actor, id, body);
  }

  @Get(':id/items')
  @Roles('dpo')
  @ApiOkResponse({ type: DsarItemPageDto, description: 'What was found, for review' })
  @ApiError(404, 'No such request')
  @ApiError(409, 'Nothing collected yet')
  @ApiErrors(400, 414)
  items(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<DsarItemPageDto> {
    return this.review.list(actor, id, query.limit ?? 50, query.cursor);
  }

  @Put(':id/items/:itemId/exclusion')
  @HttpCode(204)
  @Roles('dpo')
  @ApiNoContentResponse({ description: 'The item is left out of (or back in) the package' })
  @ApiError(404, 'No such request, or no such item in it')
  @ApiError(409, 'The request is not in review')
  @ApiErrors(400, 413, 414, 415)
  async exclude(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Param('itemId') itemId: string,
    @Body() body: ExclusionDto,
  ): Promise<void> {
    await this.review.exclude(actor, id, numericId('itemId', itemId), body.excluded, body.reason);
  }

  @Put(':id/redactions/:redactionId')
  @HttpCode(204)
  @Roles('dpo')
  @ApiNoContentResponse({ description: 'The identifier is redacted in (or restored to) the package' })
  @ApiError(404, 'No such request, or no such redaction in it')
  @ApiError(409, 'The request is not in review')
  @ApiErrors(400, 413, 414, 415)
  async redaction(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Param('redactionId') redactionId: string,
    @Body() body: RedactionDecisionDto,
  ): Promise<void> {
    await this.review.decideRedaction(
      actor,
      id,
      numericId('redactionId', redactionId),
      body.redacted,
      body.reason,
    );
  }

  @Get(':id/export')
  @Roles('dpo', 'customer')
  @ApiOkResponse({
    description: 'format=json (data.json), zip (the whole package) or csv (portability)',
    content: {
      'application/json': { schema: { type: 'object', description: 'data.json of the package' } },
      'application/zip': { schema: { type: 'string', format: 'binary' } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiError(404, 'No such request, or not yours, or a file of its package is missing from storage')
  @ApiError(409, 'Nothing collected yet, or not released to the requester yet')
  @ApiError(503, 'File storage is unavailable; try again shortly (Retry-After says when)')
  @ApiErrors(400, 414)
  async export(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query() query: ExportQueryDto,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendFile(reply, await this.exports.export(actor, id, query.format ?? 'json'));
  }

  @Post(':id/release')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({
    description: 'The requester’s link (DSAR_LINK_DAYS) and, where needed, its one-time code: shown once',
    type: DsarReleaseDto,
  })
  @ApiError(404, 'No such request, or a file of its package is missing from storage')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiError(503, 'File storage is unavailable; try again shortly (Retry-After says when)')
  @ApiErrors(400, 413, 414, 415)
  release(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DsarReleaseDto> {
    return this.exports.release(actor, id);
  }

  @Post(':id/download-code')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({
    type: DsarDownloadCodeDto,
    description: 'A new code for the live link; the old one stops working',
  })
  @ApiError(404, 'No such request')
  @ApiError(409, 'No live link, or its access is by sign-in')
  @ApiErrors(400, 413, 414, 415)
  downloadCode(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DsarDownloadCodeDto> {
    return this.exports.renewCode(actor, id);
  }

  @Get(':id/erasure-preview')
  @Roles('dpo')
  @ApiOkResponse({ type: ErasurePreviewDto, description: 'What an erasure would remove and keep, and why' })
  @ApiError(404, 'No such request')
  @ApiError(409, 'Not an erasure request ready to erase')
  @ApiErrors(400, 414)
  erasurePreview(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ErasurePreviewDto> {
    return this.eraser.previewFor(actor, id);
  }

  @Post(':id/erase')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({
    type: ErasureReceiptDto,
    description: 'The receipt: actions, what was kept and why, and the re-scan',
  })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  erase(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: EraseDsarDto,
  ): Promise<ErasureReceiptDto> {
    return this.eraser.eraseFor(actor, id, body.confirmation);
  }

  @Post(':id/rectify')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ type: DsarDetailDto })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  rectify(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: RectifyDsarDto,
  ): Promise<DsarDetailDto> {
    return this.dsar.rectify(actor, id, body);
  }

  @Post(':id/restrict')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ type: DsarDetailDto })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  restrict(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetailDto> {
    return this.dsar.restrict(actor, id, body.reason);
  }

  @Post(':id/lift-restriction')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ type: DsarDetailDto })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  liftRestriction(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetailDto> {
    return this.dsar.liftRestriction(actor, id, body.reason);
  }

  @Post(':id/object')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ type: DsarDetailDto })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  object(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetailDto> {
    return this.dsar.object(actor, id, body.reason);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ type: DsarDetailDto })
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 413, 414, 415)
  complete(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetailDto> {
    return this.dsar.complete(actor, id, body.reason);
  }

  @Put(':id/evidence')
  @Roles('dpo')
  @ApiConsumes('application/pdf', 'image/png', 'image/jpeg', 'text/plain')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({
    type: DsarDetailDto,
    description: 'A third party’s authority (raw body; file name in x-file-name)',
  })
  @ApiError(413, 'The file is larger than the attachment limit')
  @ApiError(404, 'No such request')
  @ApiError(409, 'The request is not in a state that allows this (its allowedActions say what does)')
  @ApiErrors(400, 414, 415)
  evidence(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
  ): Promise<DsarDetailDto> {
    const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw DomainError.invalidField('evidence', 'is required as the request body');
    }
    const fileName = String(request.headers['x-file-name'] ?? 'evidence').replace(/[^\w. -]+/g, '_');
    return this.dsar.uploadEvidence(actor, id, {
      bytes: body,
      fileName,
      contentType: String(request.headers['content-type'] ?? ''),
    });
  }
}

function downloadToken(token: string): string {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token))
    throw DomainError.invalidField('token', 'is not a download token');
  return token;
}

function numericId(field: string, value: string): string {
  if (!/^\d{1,18}$/.test(value)) throw DomainError.invalidField(field, 'must be a numeric id');
  return value;
}
