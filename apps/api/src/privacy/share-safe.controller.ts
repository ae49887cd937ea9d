import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { contentDisposition } from '../common/http/content-disposition';
import { UuidParam } from '../common/validation/uuid-param';
import { RevealedFieldDto } from '../people/dto/person-ref.dto';
import { RedactDto, RevealTicketFieldDto, ShareSafeQueryDto } from './dto/privacy.dto';
import { RedactionResultDto, ShareSafeAttachmentDto, ShareSafeTicketDto } from './dto/privacy-responses.dto';
import { RedactionService } from './redaction.service';
import { ShareSafeService } from './share-safe.service';

@ApiTags('privacy')
@ApiErrors(400, 404, 414, 429)
@Controller('tickets/:id')
export class ShareSafeController {
  constructor(
    private readonly shareSafeCopies: ShareSafeService,
    private readonly redaction: RedactionService,
  ) {}

  /**
   * A copy of the ticket safe to send to a third-party vendor: the technical facts and the public
   * thread, with every email, phone number and known person's name replaced by a placeholder.
   */
  @Get('share-safe')
  @Roles('engineer', 'dpo')
  @ApiOkResponse({ type: ShareSafeTicketDto, description: 'The ticket with every person’s data stripped' })
  async shareSafe(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ShareSafeTicketDto> {
    return this.shareSafeCopies.ticketCopy(actor, id);
  }

  @Post('messages/:messageId/redact')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({
    type: RedactionResultDto,
    description: 'Identifiers in the message are replaced for good; the redaction is audited',
  })
  @ApiErrors(413, 415)
  redact(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('messageId') messageId: string,
    @Body() body: RedactDto,
  ): Promise<RedactionResultDto> {
    return this.redaction.redactMessage(actor, id, messageId, body.reason);
  }

  @Get('attachments/:attachmentId/share-safe')
  @Roles('engineer', 'dpo')
  @ApiOkResponse({
    description:
      'A text attachment with every person’s data stripped, name included: `{fileName, text}`, or with `format=text` the file itself as a download',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ShareSafeAttachmentDto) } },
      'text/plain': { schema: { type: 'string' } },
    },
  })
  @ApiExtraModels(ShareSafeAttachmentDto)
  @ApiError(400, 'Not a text file, or the query is not valid')
  async shareSafeAttachment(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('attachmentId') attachmentId: string,
    @Query() query: ShareSafeQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ShareSafeAttachmentDto | string> {
    const copy = await this.shareSafeCopies.attachmentCopy(actor, id, attachmentId);
    if (query.format !== 'text') return copy;
    void reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-disposition', contentDisposition(copy.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store');
    return copy.text;
  }

  @Post('attachments/:attachmentId/redact')
  @HttpCode(200)
  @Roles('dpo')
  @ApiOkResponse({
    type: RedactionResultDto,
    description: 'Identifiers in a text attachment are replaced for good; audited',
  })
  @ApiError(400, 'Not a text file, or the input is not valid')
  @ApiErrors(413, 415)
  redactAttachment(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @UuidParam('attachmentId') attachmentId: string,
    @Body() body: RedactDto,
  ): Promise<RedactionResultDto> {
    return this.redaction.redactAttachment(actor, id, attachmentId, body.reason);
  }

  /** The clear contact phone of a ticket, for calling the customer back; the reveal and its reason are audited. */
  @Post('reveal')
  @HttpCode(200)
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: RevealedFieldDto, description: 'The ticket’s contact phone in clear' })
  @ApiErrors(413, 415)
  async reveal(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: RevealTicketFieldDto,
  ): Promise<RevealedFieldDto> {
    return this.shareSafeCopies.revealContactPhone(actor, id, body);
  }
}
