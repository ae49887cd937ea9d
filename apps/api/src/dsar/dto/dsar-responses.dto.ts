import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import {
  DSAR_CHANNELS,
  DSAR_ITEM_TYPES,
  DSAR_KINDS,
  DSAR_STATUSES,
  ROLES,
  VERIFICATION_METHODS,
  type DsarAction,
  type DsarChannel,
  type DsarDeadlineState,
  type DsarDownloadAccess,
  type DsarItemType,
  type DsarKind,
  type DsarProgress,
  type DsarStatus,
  type Role,
  type VerificationMethod,
} from '@hushdesk/contracts';

const DEADLINE_STATES = ['on_time', 'due_soon', 'overdue', 'paused', 'closed'] as const;
const DSAR_ACTIONS = [
  'verify',
  'request_information',
  'resume',
  'reject',
  'extend',
  'collect',
  'choose_subject',
  'release',
  'erase',
  'rectify',
  'restrict',
  'lift_restriction',
  'object',
  'complete',
  'upload_evidence',
] as const satisfies readonly DsarAction[];
const DOWNLOAD_ACCESS = ['sign_in', 'one_time_code'] as const satisfies readonly DsarDownloadAccess[];

export class CreateDsarResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'DSAR-000012' }) reference: string;
  @ApiProperty({ enum: DSAR_STATUSES }) status: DsarStatus;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
}

export class DsarSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'DSAR-000012' }) reference: string;
  @ApiProperty({ enum: DSAR_KINDS }) kind: DsarKind;
  @ApiProperty({ enum: DSAR_STATUSES }) status: DsarStatus;
  @ApiProperty({ enum: DSAR_CHANNELS }) channel: DsarChannel;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: DEADLINE_STATES }) deadlineState: DsarDeadlineState;
  @ApiProperty({ description: 'Who it is about, for the DPO ("Former customer #12" after erasure)' })
  subjectLabel: string;
  @ApiProperty({ enum: ['subject', 'third_party'] }) requesterRelation: 'subject' | 'third_party';
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class DsarPageDto {
  @ApiProperty({ type: [DsarSummaryDto] }) items: DsarSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class DsarSubjectIdentifiersDto {
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() fullName?: string;
  @ApiPropertyOptional({ format: 'uuid' }) personId?: string;
}

export class DsarRequestedChangesDto {
  @ApiPropertyOptional({ description: 'The new sign-in email the person asked for' }) email?: string;
}

class DsarEvidenceDto {
  @ApiProperty() fileName: string;
  @ApiProperty({ type: 'integer' }) sizeBytes: number;
}

class DsarVerificationDto {
  @ApiProperty({ enum: VERIFICATION_METHODS }) method: VerificationMethod;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ format: 'date-time' }) verifiedAt: string;
}

class DsarRejectionDto {
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) rejectedAt: string;
}

export class DsarPauseDto {
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) to: string | null;
  @ApiProperty() reason: string;
}

class DsarExtensionDto {
  @ApiProperty({ enum: [1, 2] }) months: 1 | 2;
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: string;
}

export class DsarProgressDto implements DsarProgress {
  @ApiProperty({ example: 'messages' }) phase: string;
  @ApiProperty({ type: 'integer' }) done: number;
  @ApiProperty({ type: 'integer' }) total: number;
}

export class DsarCountsDto {
  @ApiProperty({ type: 'integer' }) contact: number;
  @ApiProperty({ type: 'integer' }) accounts: number;
  @ApiProperty({ type: 'integer' }) tickets: number;
  @ApiProperty({ type: 'integer' }) messages: number;
  @ApiProperty({ type: 'integer' }) mentions: number;
  @ApiProperty({ type: 'integer' }) attachments: number;
  @ApiProperty({ type: 'integer' }) recordings: number;
  @ApiProperty({
    type: 'integer',
    description: 'Emails they sent, on their tickets or naming them, and emails sent to them',
  })
  emails: number;
  @ApiProperty({ type: 'integer' }) auditEntries: number;
  @ApiProperty({ type: 'integer' }) earlierRequests: number;
  @ApiProperty({ type: 'integer' }) excluded: number;
  @ApiProperty({ type: 'integer' }) redactions: number;
}

export class DsarCandidateDto {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: String, nullable: true }) fullName: string | null;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationName: string | null;
  @ApiProperty({ enum: ['email', 'phone', 'fullName', 'personId'], isArray: true })
  matchedBy: ('email' | 'phone' | 'fullName' | 'personId')[];
  @ApiProperty({ enum: ROLES, nullable: true }) accountRole: Role | null;
}

class DsarReleaseInfoDto {
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty() downloadPath: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) downloadedAt: string | null;
  @ApiProperty({ enum: DOWNLOAD_ACCESS }) access: DsarDownloadAccess;
}

class ErasureCountDto {
  @ApiProperty() what: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

class ErasureKeptDto extends ErasureCountDto {
  @ApiProperty() why: string;
}

class ErasureActionDto {
  @ApiProperty() action: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

class ErasureRescanDto {
  @ApiProperty({ type: 'integer' }) remaining: number;
  @ApiProperty({ type: [String] }) checked: string[];
}

export class ErasureReceiptDto {
  @ApiProperty({ example: 'DSAR-000012' }) reference: string;
  @ApiProperty({ format: 'date-time' }) erasedAt: string;
  @ApiProperty({ type: [ErasureActionDto] }) actions: ErasureActionDto[];
  @ApiProperty({ type: [ErasureKeptDto], description: 'What was kept, and why' }) kept: ErasureKeptDto[];
  @ApiProperty({ type: ErasureRescanDto }) rescan: ErasureRescanDto;
}

export class ErasurePreviewDto {
  @ApiProperty({ type: [ErasureCountDto] }) erase: ErasureCountDto[];
  @ApiProperty({ type: [ErasureKeptDto] }) keep: ErasureKeptDto[];
  @ApiProperty({ example: 'ERASE DSAR-000012', description: 'Type this exactly to confirm' })
  confirmationPhrase: string;
}

export class DsarDetailDto extends DsarSummaryDto {
  @ApiProperty({ type: DsarSubjectIdentifiersDto, description: 'Empty after erasure' })
  subject: DsarSubjectIdentifiersDto;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) subjectPersonId: string | null;
  @ApiProperty({ enum: ['person', 'nobody'], nullable: true }) subjectDecision: 'person' | 'nobody' | null;
  @ApiProperty({ type: String, nullable: true }) details: string | null;
  @ApiProperty({ type: DsarRequestedChangesDto, nullable: true })
  requestedChanges: DsarRequestedChangesDto | null;
  @ApiProperty({ type: String, nullable: true }) requesterName: string | null;
  @ApiProperty({ type: DsarEvidenceDto, nullable: true }) evidence: DsarEvidenceDto | null;
  @ApiProperty({ type: DsarVerificationDto, nullable: true }) verification: DsarVerificationDto | null;
  @ApiProperty({ type: DsarRejectionDto, nullable: true }) rejection: DsarRejectionDto | null;
  @ApiProperty({ type: [DsarPauseDto] }) pauses: DsarPauseDto[];
  @ApiProperty({ type: DsarExtensionDto, nullable: true }) extension: DsarExtensionDto | null;
  @ApiProperty({ format: 'date-time', description: 'The last moment an extension may be decided' })
  extensionAllowedUntil: string;
  @ApiProperty({ type: DsarProgressDto, nullable: true }) progress: DsarProgressDto | null;
  @ApiProperty({ type: DsarCountsDto, nullable: true }) counts: DsarCountsDto | null;
  @ApiProperty({ description: 'Collection finished and found nothing about the subject' })
  noDataFound: boolean;
  @ApiProperty({ type: [DsarCandidateDto] }) candidates: DsarCandidateDto[];
  @ApiProperty({ type: DsarReleaseInfoDto, nullable: true }) release: DsarReleaseInfoDto | null;
  @ApiProperty({ type: ErasureReceiptDto, nullable: true }) receipt: ErasureReceiptDto | null;
  @ApiProperty() restrictionActive: boolean;
  @ApiProperty({ type: String, nullable: true }) outcome: string | null;
  @ApiProperty({ enum: DSAR_ACTIONS, isArray: true }) allowedActions: DsarAction[];
}

class DsarWeekDto {
  @ApiProperty({ format: 'date', example: '2026-01-05' }) weekStart: string;
  @ApiProperty({ type: 'integer' }) count: number;
}

export class DsarDashboardDto {
  @ApiProperty({ type: 'integer' }) open: number;
  @ApiProperty({ type: 'integer' }) dueSoon: number;
  @ApiProperty({ type: 'integer' }) overdue: number;
  @ApiProperty({ type: 'integer' }) paused: number;
  @ApiProperty({ type: [DsarWeekDto], description: 'Open requests by the Monday of the week they are due' })
  byWeek: DsarWeekDto[];
}

export class DsarTextSegmentDto {
  @ApiProperty() text: string;
}

/** Another person's identifier in an item's text: redacted unless the DPO undoes it. */
export class DsarRedactionSegmentDto {
  @ApiProperty() redactionId: string;
  @ApiProperty({ enum: ['email', 'phone', 'name'] }) kind: 'email' | 'phone' | 'name';
  @ApiProperty() original: string;
  @ApiProperty() redacted: boolean;
}

class DsarExclusionDto {
  @ApiProperty() reason: string;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** A piece of an item's text: plain, or another person's identifier (redacted unless undone). */
export type DsarSegment = DsarTextSegmentDto | DsarRedactionSegmentDto;

@ApiExtraModels(DsarTextSegmentDto, DsarRedactionSegmentDto)
export class DsarItemDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: DSAR_ITEM_TYPES }) type: DsarItemType;
  @ApiProperty() sourceId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ticketId: string | null;
  @ApiProperty({ type: String, nullable: true }) ticketReference: string | null;
  @ApiProperty({ type: [String], example: ['requester', 'mention:email'] }) foundBy: string[];
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) at: string | null;
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(DsarTextSegmentDto) }, { $ref: getSchemaPath(DsarRedactionSegmentDto) }],
    },
  })
  segments: DsarSegment[];
  @ApiProperty({ type: DsarExclusionDto, nullable: true }) excluded: DsarExclusionDto | null;
}

export class DsarItemPageDto {
  @ApiProperty({ type: [DsarItemDto] }) items: DsarItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class DsarReleaseDto {
  @ApiProperty({ description: 'The API download: GET it signed in, or with the code in x-download-code' })
  downloadPath: string;
  @ApiProperty({ description: 'The web page to send the requester' }) pagePath: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: DOWNLOAD_ACCESS }) access: DsarDownloadAccess;
  @ApiPropertyOptional({ example: 'ABCD-EFGH', description: 'Only for one_time_code: works once' })
  oneTimeCode?: string;
}

export class DsarDownloadCodeDto {
  @ApiProperty({ example: 'ABCD-EFGH' }) oneTimeCode: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class DsarDownloadStatusDto {
  @ApiProperty({ enum: DOWNLOAD_ACCESS }) access: DsarDownloadAccess;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ enum: ['available', 'expired', 'code_used', 'code_locked'] })
  state: 'available' | 'expired' | 'code_used' | 'code_locked';
}
