import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { project } from '@hushdesk/privacy';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { DomainError, DomainErrorCode } from '../common/errors/domain-error';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { contentDisposition } from '../common/http/content-disposition';
import { UuidParam } from '../common/validation/uuid-param';
import { formatReference } from '../tickets/ticket-rows';
import { TicketsService } from '../tickets/tickets.service';
import { RevealedFieldDto } from '../people/dto/person-ref.dto';
import { RedactDto, RevealTicketFieldDto, ShareSafeQueryDto } from './dto/privacy.dto';
import { RedactionResultDto, ShareSafeAttachmentDto, ShareSafeTicketDto } from './dto/privacy-responses.dto';
import { FieldPoliciesService } from './field-policies.service';
import { RedactionService } from './redaction.service';

@ApiTags('privacy')
@ApiErrors(400, 404, 414, 429)
@Controller('tickets/:id')
export class ShareSafeController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly redaction: RedactionService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
    private readonly policies: FieldPoliciesService,
  ) {}

  /**
   * A copy of the ticket safe to send to a third-party vendor: the technical facts and the public
   * thread, with every email, phone number and known person's name replaced by a placeholder.
   */
  @Get('share-safe')
  @Roles('engineer', 'dpo')
  @ApiOkResponse({ type: ShareSafeTicketDto, description: 'The ticket with every person’s data stripped' })
  async shareSafe(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ShareSafeTicketDto> {
    const ticket = await this.tickets.findVisible(actor, id);
    const messages: { body: string; created_at: Date; staff: boolean }[] = await this.dataSource.query(
      `SELECT m.body, m.created_at, u.role <> 'customer' AS staff FROM ticket_messages m JOIN users u ON u.id = m.author_id
        WHERE m.ticket_id = $1 AND m.visibility = 'public' ORDER BY m.created_at`,
      [id],
    );
    const manager = this.dataSource.manager;
    const clean = async (text: string) => (await this.redaction.scrub(manager, text)).text;
    const copy = {
      reference: formatReference(ticket.reference),
      type: ticket.type,
      priority: ticket.priority,
      category: ticket.category,
      subject: await clean(ticket.subject),
      description: await clean(ticket.description),
      equipment: {
        model: ticket.equipment_model,
        serialNumber: ticket.equipment_serial_number,
      },
      thread: await Promise.all(
        messages.map(async (m) => ({
          from: m.staff ? 'Support' : 'Customer',
          at: m.created_at.toISOString(),
          body: await clean(m.body),
        })),
      ),
    };
    await this.audit.recordNow({ actor, action: 'ticket.share_safe_copy', target: { type: 'ticket', id } });
    return copy;
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
    await this.tickets.findVisible(actor, id);
    const copy = await this.redaction.shareSafeAttachment(actor, id, attachmentId);
    await this.audit.recordNow({
      actor,
      action: 'ticket.share_safe_copy',
      target: { type: 'attachment', id: attachmentId },
    });
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
    const ticket = await this.tickets.findVisible(actor, id);
    // Hidden means hidden: no reveal of what the role may not see at all (as for a person's fields).
    const policy = await this.policies.get('ticket.contactPhone');
    if (
      project(ticket.contact_phone, policy, actor.role, actor.userId === ticket.requester_id) === undefined
    ) {
      throw new DomainError(DomainErrorCode.Forbidden, `${body.field} is not visible to your role`);
    }
    await this.audit.recordNow({
      actor,
      action: 'person.reveal',
      subjectPersonId: ticket.requester_person_id,
      target: { type: 'ticket', id },
      fields: ['ticket.contactPhone'],
      reason: body.reason,
    });
    return { field: body.field, value: ticket.contact_phone };
  }
}
