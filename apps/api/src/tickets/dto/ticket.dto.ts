import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type Priority,
  type TicketStatus,
  type TicketType,
} from '@hushdesk/ticketing';
import { PageQueryDto } from '../../common/pagination/keyset';
import { EnumField, TextField, UuidField } from '../../common/validation/fields';

/** Tags are short lower-case words; duplicates collapse. */
function TagsField(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: [String], maxItems: 20, example: ['voip', 'site-b'] })(target, key);
    IsOptional()(target, key);
    Transform(({ value }) =>
      Array.isArray(value)
        ? [...new Set(value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)))]
        : value,
    )(target, key);
    IsArray()(target, key);
    ArrayMaxSize(20)(target, key);
    IsString({ each: true })(target, key);
    Matches(/^[a-z0-9][a-z0-9 _.-]{0,39}$/, {
      each: true,
      message: 'tags must each be 1–40 letters, digits, spaces, dots, dashes or underscores',
    })(target, key);
  };
}

export class EquipmentDto {
  @TextField({ optional: true, max: 100, example: 'ACME-00412' }) assetTag?: string;
  @TextField({ optional: true, max: 200, example: 'Yealink T54W' }) model?: string;
  @TextField({ optional: true, max: 100, example: 'SN8841200931' }) serialNumber?: string;
  @TextField({ optional: true, max: 300, example: 'Reception desk, 2nd floor' }) location?: string;
}

export class CreateTicketDto {
  @EnumField(TICKET_TYPES) type: TicketType;
  @TextField({ max: 200, example: 'VoIP handset has no dial tone' }) subject: string;
  @TextField({ max: 20_000, example: 'Since this morning the handset at reception shows "No service".' })
  description: string;
  @EnumField(PRIORITIES, { optional: true }) priority?: Priority;
  @TextField({ optional: true, max: 40, example: 'voice' }) category?: string;

  @ApiPropertyOptional({ type: EquipmentDto, description: 'Faults only: the equipment concerned' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EquipmentDto)
  equipment?: EquipmentDto;

  @TextField({ optional: true, max: 40, description: 'Only to call the customer back about this ticket' })
  contactPhone?: string;

  @UuidField({ optional: true, description: 'Staff only: the customer account the ticket is for' })
  requesterId?: string;

  @UuidField({ optional: true }) groupId?: string;
  @TagsField() tags?: string[];
}

export class UpdateTicketDto {
  @EnumField(TICKET_STATUSES, { optional: true }) status?: TicketStatus;
  @EnumField(PRIORITIES, { optional: true }) priority?: Priority;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'null to unassign' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'assigneeId must be a UUID or null',
  })
  assigneeId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    message: 'groupId must be a UUID or null',
  })
  groupId?: string | null;

  @TagsField() tags?: string[];
}

export class TicketQueryDto extends PageQueryDto {
  @EnumField(TICKET_STATUSES, { optional: true }) status?: TicketStatus;
  @EnumField(PRIORITIES, { optional: true }) priority?: Priority;

  @ApiPropertyOptional({
    description: 'A user id, `me` or `unassigned`',
    pattern: '^(me|unassigned|[0-9a-fA-F-]{36})$',
    maxLength: 36,
  })
  @IsOptional()
  @Matches(/^(me|unassigned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'assigneeId must be a user id, me or unassigned',
  })
  assigneeId?: string;

  @UuidField({ optional: true }) requesterId?: string;
  @UuidField({ optional: true }) groupId?: string;
  @UuidField({ optional: true }) organisationId?: string;
  @EnumField(['at_risk', 'breached'], { optional: true }) sla?: 'at_risk' | 'breached';

  @ApiPropertyOptional({
    description: 'Full-text search over subjects, descriptions and messages, or a reference',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

class RefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}
class SlaClockDto {
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ enum: ['ok', 'at_risk', 'breached', 'met', 'paused', 'none'] }) state: string;
}
class SlaDto {
  @ApiProperty({ type: SlaClockDto }) firstResponse: SlaClockDto;
  @ApiProperty({ type: SlaClockDto }) resolution: SlaClockDto;
}

/** Documents the response shape; the service maps rows to this explicitly. */
export class TicketSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'HD-000123' }) reference: string;
  @ApiProperty({ enum: TICKET_TYPES }) type: TicketType;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: TicketStatus;
  @ApiProperty({ enum: PRIORITIES }) priority: Priority;
  @ApiProperty({ type: String, nullable: true }) category: string | null;
  @ApiProperty({ type: RefDto }) requester: RefDto;
  @ApiProperty({ type: RefDto }) organisation: { id: string; name: string };
  @ApiProperty({ type: RefDto, nullable: true }) assignee: RefDto | null;
  @ApiProperty({ type: RefDto, nullable: true }) group: { id: string; name: string } | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextDueAt: string | null;
  @ApiProperty({ type: SlaDto }) sla: SlaDto;
}
