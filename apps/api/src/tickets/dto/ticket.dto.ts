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
  SLA_STATES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type Priority,
  type TicketStatus,
  type TicketType,
} from '@hushdesk/ticketing';
import { TICKET_CHANNELS, type PersonKind, type SlaState, type TicketChannel } from '@hushdesk/contracts';
import { PageQueryDto } from '../../common/pagination/keyset';
import { EnumField, TextField, UuidField } from '../../common/validation/fields';
import { PersonRefDto } from '../../people/dto/person-ref.dto';

/** Tags are short lower-case words; duplicates collapse. */
export function TagsField(): PropertyDecorator {
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
    Matches(TAG_PATTERN, {
      each: true,
      message: 'tags must each be 1–40 letters, digits, spaces, dots, dashes or underscores',
    })(target, key);
  };
}

/** The rule every tag follows (after trimming and lower-casing). */
export const TAG_PATTERN = /^[a-z0-9][a-z0-9 _.-]{0,39}$/;

/** One tag, by the same rule as `TagsField`: trimmed, lower-cased, 1–40 characters. */
export function TagField(): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ type: String, maxLength: 40, pattern: TAG_PATTERN.source, example: 'voip' })(target, key);
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))(target, key);
    IsString()(target, key);
    Matches(TAG_PATTERN, {
      message: `${String(key)} must be 1–40 letters, digits, spaces, dots, dashes or underscores`,
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

class NamedRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}
export class SlaClockDto {
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) dueAt: string | null;
  @ApiProperty({ enum: SLA_STATES }) state: SlaState;
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
  @ApiProperty({ type: PersonRefDto, description: 'The customer account that raised it' })
  requester: PersonRefDto;
  @ApiProperty({ type: NamedRefDto }) organisation: NamedRefDto;
  @ApiProperty({ type: PersonRefDto, nullable: true }) assignee: PersonRefDto | null;
  @ApiProperty({ type: NamedRefDto, nullable: true }) group: NamedRefDto | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'The next SLA deadline still running; null when none runs',
  })
  nextDueAt: string | null;
  @ApiProperty({ type: SlaDto }) sla: SlaDto;
}

export class EquipmentInfoDto {
  @ApiProperty({ type: String, nullable: true }) assetTag: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Make and model' }) model: string | null;
  @ApiProperty({ type: String, nullable: true }) serialNumber: string | null;
  @ApiProperty({ type: String, nullable: true }) location: string | null;
}

/** Where a merged ticket went. */
export class MergedIntoDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'HD-000123' }) reference: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class TicketDetailDto extends TicketSummaryDto {
  @ApiProperty() description: string;
  @ApiProperty({ type: EquipmentInfoDto, nullable: true }) equipment: EquipmentInfoDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Per field policy: masked or null when hidden' })
  contactPhone: string | null;
  @ApiProperty({
    enum: TICKET_CHANNELS,
    description: 'How it came in: portal, a call logged by staff, or mail',
  })
  channel: TicketChannel;
  @ApiProperty({ format: 'uuid', description: "The requester's person record: GET /api/people/{id}" })
  requesterPersonId: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) firstRespondedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) resolvedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({
    enum: TICKET_STATUSES,
    isArray: true,
    description: 'Statuses the caller may move the ticket to; empty for customers',
  })
  allowedTransitions: TicketStatus[];
  @ApiProperty({ description: 'Restricted by a data-subject request: read-only for all but the DPO' })
  processingRestricted: boolean;
  @ApiProperty({
    type: MergedIntoDto,
    nullable: true,
    description:
      'Set when this ticket was merged into another; a customer gets it only when they may see that ticket',
  })
  mergedInto: MergedIntoDto | null;
}

/** Tickets per status, each counted up to `countsLimit`. */
class StatusCountsDto implements Record<TicketStatus, number> {
  @ApiProperty({ type: 'integer' }) new: number;
  @ApiProperty({ type: 'integer' }) open: number;
  @ApiProperty({ type: 'integer' }) pending_customer: number;
  @ApiProperty({ type: 'integer' }) on_hold: number;
  @ApiProperty({ type: 'integer' }) resolved: number;
  @ApiProperty({ type: 'integer' }) closed: number;
}

export class TicketListDto {
  @ApiProperty({ type: [TicketSummaryDto] }) items: TicketSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass back as `cursor` for the next page' })
  nextCursor: string | null;
  @ApiProperty({ type: StatusCountsDto, description: 'For the same filters, without the status filter' })
  counts: StatusCountsDto;
  @ApiProperty({ type: 'integer', description: 'A count equal to it means "that many or more"' })
  countsLimit: number;
  @ApiProperty({ description: 'The counts cover only the first `countsLimit` matches, and there were more' })
  countsPartial: boolean;
  @ApiProperty({
    description:
      'The counts are exact (the whole queue, kept as tickets change): `countsLimit` does not apply',
  })
  countsExact: boolean;
}

class HistoryActorDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'null: the helpdesk itself' })
  id: string | null;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ enum: ['customer', 'staff'] }) kind: PersonKind;
}

/** The ticket fields whose changes the history records. */
export const HISTORY_FIELDS = [
  'status',
  'priority',
  'assignee',
  'group',
  'tags',
  'merged_into',
  'merged_from',
] as const;

export class TicketHistoryEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: HISTORY_FIELDS })
  field: (typeof HISTORY_FIELDS)[number];
  @ApiProperty({ type: String, nullable: true, description: 'Display value; null means "no one" or none' })
  from: string | null;
  @ApiProperty({ type: String, nullable: true }) to: string | null;
  @ApiProperty({ type: HistoryActorDto }) actor: HistoryActorDto;
  @ApiProperty({ format: 'date-time' }) at: string;
}

class OpenByPriorityDto implements Record<Priority, number> {
  @ApiProperty({ type: 'integer' }) P1: number;
  @ApiProperty({ type: 'integer' }) P2: number;
  @ApiProperty({ type: 'integer' }) P3: number;
  @ApiProperty({ type: 'integer' }) P4: number;
}

class OpenBySlaDto {
  @ApiProperty({ type: 'integer' }) ok: number;
  @ApiProperty({ type: 'integer' }) at_risk: number;
  @ApiProperty({ type: 'integer' }) breached: number;
  @ApiProperty({ type: 'integer' }) paused: number;
}

export class DashboardStatsDto {
  @ApiProperty({ type: OpenByPriorityDto }) openByPriority: OpenByPriorityDto;
  @ApiProperty({ type: OpenBySlaDto }) openBySla: OpenBySlaDto;
}
