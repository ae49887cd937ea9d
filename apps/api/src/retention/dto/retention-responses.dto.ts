import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { ROLES, type Role } from '@hushdesk/contracts';
import { FieldRetentionReportDto } from '../../privacy/dto/field-policy.dto';
import { RETENTION_CATEGORIES } from '../retention-policy.entity';

class SkippedCountsDto {
  @ApiProperty({ type: 'integer' }) legalHold: number;
  @ApiProperty({ type: 'integer' }) openDsar: number;
}

class SkippedRecordingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['legal_hold', 'open_dsar'] }) why: 'legal_hold' | 'open_dsar';
}

class RecordingSweepDto {
  @ApiProperty({ type: 'integer', description: 'Past their retention and free to go' }) expired: number;
  @ApiProperty({ type: 'integer' }) deleted: number;
  @ApiProperty({ type: [String], description: 'At most 1000; the counts are always complete' }) ids: string[];
  @ApiProperty({ type: SkippedCountsDto }) skipped: SkippedCountsDto;
  @ApiProperty({ type: [SkippedRecordingDto] }) skippedIds: SkippedRecordingDto[];
}

class AuditSweepDto {
  @ApiProperty({ format: 'date-time' }) olderThan: string;
  @ApiProperty({ type: 'integer' }) entries: number;
  @ApiProperty({ type: 'integer' }) retentionDays: number;
}

class ClosedTicketSweepDto {
  @ApiProperty({ format: 'date-time' }) closedBefore: string;
  @ApiProperty({ type: 'integer' }) anonymised: number;
  @ApiProperty({ type: [String] }) ids: string[];
}

class DsarPackageSweepDto {
  @ApiProperty({ format: 'date-time' }) createdBefore: string;
  @ApiProperty({ type: 'integer' }) deleted: number;
}

class OpenDsarSkipDto {
  @ApiProperty({ type: 'integer', description: 'Kept while a data-subject request about them is open' })
  openDsar: number;
}

class SentMailSweepDto {
  @ApiProperty({
    format: 'date-time',
    description: 'Mail rendered before this loses its address, subject and text',
  })
  renderedBefore: string;
  @ApiProperty({ type: 'integer', description: 'Rows whose content is past the period' }) due: number;
  @ApiProperty({ type: 'integer', description: 'Rows whose content was emptied' }) scrubbed: number;
  @ApiProperty({ type: OpenDsarSkipDto }) skipped: OpenDsarSkipDto;
}

class RawEmailSweepDto {
  @ApiProperty({ type: 'integer' }) retentionDays: number;
  @ApiProperty({ type: 'integer', description: 'Raw copies past their period and free to go' })
  expired: number;
  @ApiProperty({ type: 'integer', description: 'Raw copies deleted' }) deleted: number;
  @ApiProperty({ type: [String], description: 'Ids of the mails, at most 1000' }) ids: string[];
  @ApiProperty({ type: OpenDsarSkipDto }) skipped: OpenDsarSkipDto;
  @ApiProperty({ type: SentMailSweepDto, description: 'Rendered content of mail we sent or kept' })
  sentMail: SentMailSweepDto;
}

class BlobSweepDto {
  @ApiProperty({ type: 'integer' }) deleted: number;
  @ApiProperty({ type: 'integer' }) failed: number;
}

export class ReplyDraftSweepDto {
  @ApiProperty({ format: 'date-time', description: 'Drafts last saved before this instant' })
  savedBefore: string;
  @ApiProperty({ type: 'integer' }) deleted: number;
}

export class SlaWarningSweepDto {
  @ApiProperty({ format: 'date-time', description: 'Warnings sent before this instant' })
  sentBefore: string;
  @ApiProperty({ type: 'integer' }) deleted: number;
}

/** What a run deleted, or for a dry run would delete; the optional parts appear as the run reaches them. */
export class RetentionReportDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiPropertyOptional({ format: 'date-time' }) finishedAt?: string;
  @ApiProperty({ type: RecordingSweepDto }) recordings: RecordingSweepDto;
  @ApiPropertyOptional({ type: RawEmailSweepDto }) rawEmails?: RawEmailSweepDto;
  @ApiPropertyOptional({ type: FieldRetentionReportDto }) fields?: FieldRetentionReportDto;
  @ApiPropertyOptional({ type: AuditSweepDto }) audit?: AuditSweepDto;
  @ApiPropertyOptional({ type: ClosedTicketSweepDto }) closedTickets?: ClosedTicketSweepDto;
  @ApiPropertyOptional({ type: DsarPackageSweepDto }) dsarPackages?: DsarPackageSweepDto;
  @ApiPropertyOptional({ type: ReplyDraftSweepDto }) replyDrafts?: ReplyDraftSweepDto;
  @ApiPropertyOptional({ type: SlaWarningSweepDto }) slaWarnings?: SlaWarningSweepDto;
  @ApiProperty({ type: BlobSweepDto }) blobs: BlobSweepDto;
  @ApiProperty({ type: [String], description: 'Categories with a period this engine does not enforce yet' })
  notYetSwept: string[];
}

/** A retention run. The report is the engine's own record of what went (or would go). */
@ApiExtraModels(RetentionReportDto)
export class RetentionRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({
    nullable: true,
    anyOf: [
      { $ref: getSchemaPath(RetentionReportDto) },
      { type: 'object', maxProperties: 0, description: 'The run has not started' },
    ],
    description:
      'Empty until the run has started, partial while it runs: per category what expired, was deleted or anonymised, and what was skipped and why (legal hold, open DSAR)',
  })
  report: RetentionReportDto | Record<string, never> | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt: string | null;
}

export class RetentionPolicyDto {
  @ApiProperty({ enum: RETENTION_CATEGORIES })
  category: string;
  @ApiProperty({ type: 'integer' }) days: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer', description: 'The shortest period allowed' }) minDays: number;
  @ApiProperty({ type: 'integer', description: 'The longest period allowed' }) maxDays: number;
  @ApiProperty({ enum: ROLES, isArray: true, description: 'Roles that may change it' }) editableBy: Role[];
}

export class RetentionForecastWeekDto {
  @ApiProperty({ format: 'date', example: '2026-01-05', description: 'Monday of the ISO week' })
  weekStart: string;
  @ApiProperty({ type: 'integer', description: 'Recordings that expire that week' }) recordings: number;
}

/** A recording kept past its retention by a legal hold. */
export class RetentionHoldDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) heldAt: string;
}
