import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, IsOptional, Matches, ValidateNested } from 'class-validator';
import { PRIORITIES, TICKET_STATUSES, type Priority, type TicketStatus } from '@hushdesk/ticketing';
import { EnumField, TextField, UuidField } from '../../common/validation/fields';

/**
 * The queue filters a view saves. No search text: it may name a person, and a saved view would
 * then keep personal data nobody looks for in an erasure.
 */
export class ViewFiltersDto {
  @EnumField(TICKET_STATUSES, { optional: true }) status?: TicketStatus;
  @EnumField(PRIORITIES, { optional: true }) priority?: Priority;
  @ApiPropertyOptional({
    description: 'A user id, `me` (whoever looks at the view) or `unassigned`',
    pattern: '^(me|unassigned|[0-9a-fA-F-]{36})$',
    maxLength: 36,
  })
  @IsOptional()
  @Matches(/^(me|unassigned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'assigneeId must be a user id, me or unassigned',
  })
  assigneeId?: string;
  @UuidField({ optional: true }) groupId?: string;
  @EnumField(['at_risk', 'breached'], { optional: true }) sla?: 'at_risk' | 'breached';
}

export class CreateViewDto {
  @TextField({ max: 60, example: 'My P1s' }) name: string;
  @ApiPropertyOptional({ description: 'Shown to every member of staff (admins only); personal by default' })
  @IsOptional()
  @IsBoolean()
  shared?: boolean;
  @ApiProperty({ type: ViewFiltersDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ViewFiltersDto)
  filters: ViewFiltersDto;
}

/** A rename or new filters; `shared` cannot change (a personal view is never published by editing). */
export class UpdateViewDto {
  @TextField({ optional: true, max: 60, example: 'Open P1s' }) name?: string;
  @ApiPropertyOptional({ type: ViewFiltersDto, description: 'Replaces the filters as a whole' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ViewFiltersDto)
  filters?: ViewFiltersDto;
}

export class ViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Shown to all staff; otherwise the caller’s own' }) shared: boolean;
  @ApiProperty({ type: ViewFiltersDto }) filters: ViewFiltersDto;
  @ApiProperty({ type: 'integer', description: 'Tickets the caller may see that match, up to `countLimit`' })
  count: number;
  @ApiProperty({ description: 'The count stopped at the limit: "that many or more"' })
  countAtLeast: boolean;
}
