import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  DSAR_DOWNLOAD_CODE_HEADER,
  type CreateDsarResponse,
  type DsarDashboard,
  type DsarDetail,
  type DsarDownloadCode,
  type DsarDownloadStatus,
  type DsarItem,
  type DsarRelease,
  type DsarSummary,
  type ErasurePreview,
  type ErasureReceipt,
  type Page,
} from '@hushdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentActor, Public, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { DomainError } from '../common/errors/domain-error';
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
  @ApiCreatedResponse({ description: '{id, reference, status, dueAt}' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateDsarDto): Promise<CreateDsarResponse> {
    return this.dsar.create(actor, body);
  }

  @Get()
  @Roles('dpo', 'customer')
  @ApiOkResponse({ description: 'Requests by due date; a customer sees their own' })
  list(@CurrentActor() actor: Actor, @Query() query: ListDsarQueryDto): Promise<Page<DsarSummary>> {
    return this.dsar.list(actor, query);
  }

  @Get('dashboard')
  @Roles('dpo')
  dashboard(): Promise<DsarDashboard> {
    return this.dsar.dashboard();
  }

  /**
   * The requester's expiring link: the token finds the package; the requester's session (a
   * portal request) or a one-time code in `x-download-code` (any other) opens it.
   */
  @Get('downloads/:token')
  @Public() // the session is checked inside: only the requester's, and only for a sign-in link
  @ApiOkResponse({ description: 'The package (ZIP); each download is audited' })
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
  @ApiOkResponse({ description: 'What the link needs (sign-in or a code) and whether it still works' })
  downloadStatus(@Param('token') token: string): Promise<DsarDownloadStatus> {
    return this.releases.status(downloadToken(token));
  }

  @Get(':id')
  @Roles('dpo', 'customer')
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DsarDetail> {
    return this.dsar.get(actor, id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Roles('dpo')
  verify(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: VerifyDsarDto,
  ): Promise<DsarDetail> {
    return this.dsar.verify(actor, id, body);
  }

  @Post(':id/request-information')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ description: 'Asks for ID or clarification; the clock pauses' })
  requestInformation(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetail> {
    return this.dsar.requestInformation(actor, id, body.reason);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('dpo')
  resume(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetail> {
    return this.dsar.resume(actor, id, body.reason);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('dpo')
  reject(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetail> {
    return this.dsar.reject(actor, id, body.reason);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ description: 'By 1 or 2 months, only within the first month (409 after)' })
  extend(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ExtendDsarDto,
  ): Promise<DsarDetail> {
    return this.dsar.extend(actor, id, body);
  }

  @Post(':id/collect')
  @HttpCode(202)
  @Roles('dpo')
  @ApiAcceptedResponse({
    description: 'Collection queued; progress in GET /dsar/:id and the dsar.progress event',
  })
  collect(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DsarDetail> {
    return this.dsar.collect(actor, id);
  }

  @Post(':id/subject')
  @HttpCode(202)
  @Roles('dpo')
  chooseSubject(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ChooseSubjectDto,
  ): Promise<DsarDetail> {
    return this.dsar.chooseSubject(actor, id, body);
  }

  @Get(':id/items')
  @Roles('dpo')
  items(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<DsarItem>> {
    return this.review.list(actor, id, query.limit ?? 50, query.cursor);
  }

  @Put(':id/items/:itemId/exclusion')
  @HttpCode(204)
  @Roles('dpo')
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
  @ApiOkResponse({ description: 'format=json (data.json), zip (the whole package) or csv (portability)' })
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
    description:
      '{downloadPath, pagePath, expiresAt, access, oneTimeCode?}: the requester’s link (DSAR_LINK_DAYS), shown once',
  })
  release(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DsarRelease> {
    return this.exports.release(actor, id);
  }

  @Post(':id/download-code')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({
    description: '{oneTimeCode, expiresAt}: a new code for the live link; the old one stops working',
  })
  downloadCode(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DsarDownloadCode> {
    return this.exports.renewCode(actor, id);
  }

  @Get(':id/erasure-preview')
  @Roles('dpo')
  erasurePreview(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ErasurePreview> {
    return this.eraser.previewFor(actor, id);
  }

  @Post(':id/erase')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({ description: 'The receipt: actions, what was kept and why, and the re-scan' })
  erase(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: EraseDsarDto,
  ): Promise<ErasureReceipt> {
    return this.eraser.eraseFor(actor, id, body.confirmation);
  }

  @Post(':id/rectify')
  @HttpCode(200)
  @Roles('dpo')
  rectify(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: RectifyDsarDto,
  ): Promise<DsarDetail> {
    return this.dsar.rectify(actor, id, body);
  }

  @Post(':id/restrict')
  @HttpCode(200)
  @Roles('dpo')
  restrict(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetail> {
    return this.dsar.restrict(actor, id, body.reason);
  }

  @Post(':id/lift-restriction')
  @HttpCode(200)
  @Roles('dpo')
  liftRestriction(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetail> {
    return this.dsar.liftRestriction(actor, id, body.reason);
  }

  @Post(':id/object')
  @HttpCode(200)
  @Roles('dpo')
  object(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetail> {
    return this.dsar.object(actor, id, body.reason);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('dpo')
  complete(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ReasonDto,
  ): Promise<DsarDetail> {
    return this.dsar.complete(actor, id, body.reason);
  }

  @Put(':id/evidence')
  @Roles('dpo')
  @ApiConsumes('application/pdf', 'image/png', 'image/jpeg', 'text/plain')
  @ApiOkResponse({ description: 'A third party’s authority (raw body; file name in x-file-name)' })
  evidence(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Req() request: FastifyRequest,
  ): Promise<DsarDetail> {
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
