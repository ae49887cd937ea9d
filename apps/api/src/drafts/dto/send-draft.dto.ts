import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsUUID } from 'class-validator';
import { MESSAGE_VISIBILITIES, type MessageVisibility } from '@hushdesk/contracts';
import { AttachmentInfoDto } from '../../attachments/dto/attachment.dto';
import { EnumField, TextField } from '../../common/validation/fields';
import { TicketMessageDto } from '../../messages/dto/message.dto';
import { DRAFT_FILES_MAX, DRAFT_MAX } from './reply-draft.dto';

/** The reply box's send: its text and the files kept in the draft, all or nothing. */
export class SendDraftDto {
  @TextField({
    max: DRAFT_MAX,
    optional: true,
    description: 'The reply or note (Markdown); may be left out when files are sent alone',
  })
  body?: string;

  @EnumField(MESSAGE_VISIBILITIES) visibility: MessageVisibility;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: DRAFT_FILES_MAX,
    description: "Files kept in the caller's draft of this ticket, moved onto the ticket with the message",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DRAFT_FILES_MAX)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attachmentIds?: string[];
}

export class SentDraftDto {
  @ApiProperty({ type: TicketMessageDto, nullable: true, description: 'null when only files were sent' })
  message: TicketMessageDto | null;
  @ApiProperty({ type: [AttachmentInfoDto], description: 'The files, now on the ticket, in the order given' })
  attachments: AttachmentInfoDto[];
}
