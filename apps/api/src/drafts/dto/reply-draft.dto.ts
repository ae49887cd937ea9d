import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { MESSAGE_VISIBILITIES, type MessageVisibility } from '@hushdesk/contracts';
import { EnumField } from '../../common/validation/fields';

/** As long as a message may be. */
export const DRAFT_MAX = 20_000;

/** Enough for any reply; a bound so one draft cannot hoard storage. */
export const DRAFT_FILES_MAX = 20;

export class SaveReplyDraftDto {
  @ApiProperty({ maxLength: DRAFT_MAX, description: 'The text as typed (Markdown); empty deletes the draft' })
  @IsString()
  @MaxLength(DRAFT_MAX)
  body: string;

  @EnumField(MESSAGE_VISIBILITIES) visibility: MessageVisibility;
}

/** A file kept in the caller's own draft: not on the ticket, seen by nobody else. */
export class DraftFileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'As uploaded (cleaned); only its uploader sees it' }) fileName: string;
  @ApiProperty({ example: 'text/plain', description: 'Detected from the content' }) contentType: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ReplyDraftDto {
  @ApiProperty({ description: 'Empty when there is no draft' }) body: string;
  @ApiProperty({ enum: MESSAGE_VISIBILITIES }) visibility: MessageVisibility;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'null when there is none' })
  savedAt: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When it is deleted unless saved again (the `reply_drafts` retention period)',
  })
  expiresAt: string | null;
  @ApiProperty({
    type: () => [DraftFileDto],
    description: 'Files attached in the reply box and not sent yet, oldest first',
  })
  files: DraftFileDto[];
}
