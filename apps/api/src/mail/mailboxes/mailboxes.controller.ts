import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../common/auth/access.decorator';
import type { Actor } from '../../common/auth/actor';
import { ApiError, ApiErrors } from '../../common/http/api-errors';
import { UuidParam } from '../../common/validation/uuid-param';
import { CreateMailboxDto, UpdateMailboxDto } from './dto/mailbox.dto';
import { MailboxDto, MailboxTestResultDto, QuarantineEntryDto } from './dto/mailbox-responses.dto';
import { MailboxesService } from './mailboxes.service';

@ApiTags('mail')
@ApiErrors(429)
@Controller('mailboxes')
export class MailboxesController {
  constructor(private readonly mailboxes: MailboxesService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: [MailboxDto], description: 'Every IMAP mailbox, oldest first; never a secret' })
  list(): Promise<MailboxDto[]> {
    return this.mailboxes.list();
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: MailboxDto, description: 'Added; its first poll is queued' })
  @ApiErrors(400, 413, 415)
  @ApiError(409, 'This account already has a mailbox for this folder (`fields` names folder)')
  create(@CurrentActor() actor: Actor, @Body() body: CreateMailboxDto): Promise<MailboxDto> {
    return this.mailboxes.create(actor, body);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: MailboxDto, description: 'The mailbox as it now is' })
  @ApiErrors(400, 404, 413, 414, 415)
  @ApiError(409, 'This account already has a mailbox for this folder (`fields` names folder)')
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateMailboxDto,
  ): Promise<MailboxDto> {
    return this.mailboxes.update(actor, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse({ description: 'Deleted; it is no longer polled. Mail already imported stays' })
  @ApiErrors(400, 404, 414)
  async remove(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.mailboxes.remove(actor, id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({
    type: MailboxTestResultDto,
    description: 'Connects, signs in and opens the folder read-only (changes no mail); at most 15 s',
  })
  @ApiErrors(400, 404, 414)
  test(@UuidParam('id') id: string): Promise<MailboxTestResultDto> {
    return this.mailboxes.test(id);
  }

  @Get(':id/quarantine')
  @Roles('admin')
  @ApiOkResponse({
    type: [QuarantineEntryDto],
    description: 'Messages left on the server and not imported (too large, unreadable), newest first',
  })
  @ApiErrors(400, 404, 414)
  quarantine(@UuidParam('id') id: string): Promise<QuarantineEntryDto[]> {
    return this.mailboxes.quarantine(id);
  }
}
