import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsUUID } from 'class-validator';
import { SLA_CLOCKS, SLA_WARNING_KINDS, type SlaClockName, type SlaWarningKind } from '@hushdesk/contracts';

/** One SLA warning: the ticket's id and reference, which clock, and when it is due; no subject, no names. */
export class SlaWarningDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ example: 'HD-000123' }) reference: string;
  @ApiProperty({ enum: SLA_CLOCKS }) clock: SlaClockName;
  @ApiProperty({
    enum: SLA_WARNING_KINDS,
    description: '`atRisk` before the deadline, `breached` once it passed',
  })
  kind: SlaWarningKind;
  @ApiProperty({ format: 'date-time', description: 'The deadline the warning is about' }) dueAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** A listed warning, with whether the caller has read it (on any device). */
export class ListedSlaWarningDto extends SlaWarningDto {
  @ApiProperty({ description: 'The caller has marked it read' }) read: boolean;
}

export class SlaWarningListDto {
  @ApiProperty({ type: [ListedSlaWarningDto], description: 'Newest first, at most 50' })
  items: ListedSlaWarningDto[];
  @ApiProperty({ minimum: 0, description: "How many of the caller's warnings (listed or older) are unread" })
  unread: number;
}

/** The most ids one call may name: the list shows 50; "all" needs none. */
export const MARK_READ_LIMIT = 200;

export class MarkSlaWarningsReadDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MARK_READ_LIMIT,
    description:
      "The warnings to mark read; every one of the caller's when absent. Ids of warnings the caller does not get are ignored",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MARK_READ_LIMIT)
  @IsUUID('all', { each: true })
  ids?: string[];
}

export class SlaWarningsReadDto {
  @ApiProperty({ minimum: 0, description: "How many of the caller's warnings are still unread" })
  unread: number;
}
