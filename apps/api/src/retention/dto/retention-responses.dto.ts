import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@hushdesk/contracts';

/** A retention run. The report is the engine's own record of what went (or would go). */
export class RetentionRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] }) status: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({
    type: 'object',
    nullable: true,
    additionalProperties: true,
    description:
      'Null until the run has reported: per category what expired, was deleted or anonymised, and what was skipped and why (legal hold, open DSAR)',
  })
  report: unknown;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt: string | null;
}

export class RetentionPolicyDto {
  @ApiProperty({ enum: ['recordings', 'closed_tickets', 'dsar_packages', 'audit'] }) category: string;
  @ApiProperty({ type: 'integer' }) days: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: 'integer', description: 'The shortest period allowed' }) minDays: number;
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
