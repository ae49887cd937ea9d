import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@hushdesk/contracts';

export class AuditEntryDto {
  @ApiProperty({ description: 'Position in the hash chain (a bigint, as a string)', example: '42' })
  seq: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId: string | null;
  @ApiProperty({ enum: ROLES, nullable: true }) actorRole: Role | null;
  @ApiProperty({ example: 'person.reveal' }) action: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) subjectPersonId: string | null;
  @ApiProperty({ type: String, nullable: true }) targetType: string | null;
  @ApiProperty({ type: String, nullable: true }) targetId: string | null;
  @ApiProperty({ type: [String] }) fields: string[];
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty() hash: string;
}

export class AuditEntryPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

class AuditBreakDto {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty() reason: string;
}

class RetentionSetterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ROLES, nullable: true }) role: Role | null;
}

export class AuditExpiryDto {
  @ApiProperty({ format: 'date-time', description: 'When the entries were removed' }) at: string;
  @ApiProperty({ type: 'integer' }) entries: number;
  @ApiProperty({ description: 'The chain now starts after this sequence number' }) upToSeq: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) olderThan: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) retentionDays: number | null;
  @ApiProperty({ type: RetentionSetterDto, nullable: true }) setBy: RetentionSetterDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) setAt: string | null;
}

export class AuditVerificationDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: 'integer' }) entries: number;
  @ApiProperty({ type: AuditBreakDto, nullable: true }) firstBroken: AuditBreakDto | null;
  @ApiProperty({ type: [AuditExpiryDto] }) expiries: AuditExpiryDto[];
}
