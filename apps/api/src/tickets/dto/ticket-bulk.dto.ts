import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsObject,
  IsOptional,
  IsUUID,
  Matches,
  ValidateNested,
} from 'class-validator';
import { PRIORITIES, TICKET_STATUSES, type Priority, type TicketStatus } from '@hushdesk/ticketing';
import { EnumField } from '../../common/validation/fields';
import { TagsField, TicketQueryDto } from './ticket.dto';

/** The most tickets one bulk change may touch: "select all matching" beyond it asks for a narrower filter. */
export const BULK_LIMIT = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The queue's filters, resolved on the server with the caller's own scope. */
export class BulkTicketFilterDto extends OmitType(TicketQueryDto, ['cursor', 'limit'] as const) {}

export class BulkTicketChangesDto {
  @EnumField(TICKET_STATUSES, { optional: true }) status?: TicketStatus;
  @EnumField(PRIORITIES, { optional: true }) priority?: Priority;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null to unassign' })
  @IsOptional()
  @Matches(UUID, { message: 'assigneeId must be a UUID or null' })
  assigneeId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null for no group' })
  @IsOptional()
  @Matches(UUID, { message: 'groupId must be a UUID or null' })
  groupId?: string | null;
  /** Added to each ticket's tags. */
  @TagsField() addTags?: string[];
  /** Taken from each ticket's tags. */
  @TagsField() removeTags?: string[];
}

/** Either `ticketIds` or `filter` (select all matching), and the changes to make to each. */
export class BulkChangeTicketsDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, maxItems: BULK_LIMIT })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BULK_LIMIT)
  @IsUUID('all', { each: true })
  ticketIds?: string[];

  @ApiPropertyOptional({
    type: BulkTicketFilterDto,
    description: 'Every ticket the caller may change that matches',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BulkTicketFilterDto)
  filter?: BulkTicketFilterDto;

  @ApiProperty({ type: BulkTicketChangesDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => BulkTicketChangesDto)
  changes: BulkTicketChangesDto;
}

export class BulkChangeResultDto {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'The change, to undo it as one; null when nothing changed',
  })
  id: string | null;
  @ApiProperty({ type: 'integer', description: 'Tickets changed' }) changed: number;
  @ApiProperty({ type: 'integer', description: 'Tickets that already were as asked' }) unchanged: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Tickets left as they were: the workflow does not allow that status from theirs, or processing is restricted',
  })
  skipped: number;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'Undo is possible until then',
  })
  undoableUntil: string | null;
}

export class BulkUndoResultDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: 'integer', description: 'Tickets put back as they were' }) restored: number;
  @ApiProperty({
    type: 'integer',
    description: 'Tickets left alone: someone changed those fields since, or processing is now restricted',
  })
  skipped: number;
}
