import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '@hushdesk/contracts';
import {
  COLLECTIONS,
  LAWFUL_BASES,
  MASKING_STYLES,
  PERSONAL_FIELDS,
  RETENTION_EVENTS,
  VISIBILITIES,
  type Collection,
  type FieldPolicy,
  type LawfulBasis,
  type MaskingStyle,
  type PersonalField,
  type Retention,
  type RetentionEvent,
  type Visibility,
} from '@hushdesk/privacy';
import { EMAIL_RECORDS, type EmailRecord } from '../email-records';

export class RetentionRuleDto implements Retention {
  @ApiProperty({ type: 'integer', example: 365 }) days: number;
  @ApiProperty({ enum: RETENTION_EVENTS, description: 'The event the period counts from' })
  from: RetentionEvent;
}

/** How each role sees the field. */
export class VisibilityByRoleDto implements Record<(typeof ROLES)[number], Visibility> {
  @ApiProperty({ enum: VISIBILITIES }) customer: Visibility;
  @ApiProperty({ enum: VISIBILITIES }) engineer: Visibility;
  @ApiProperty({ enum: VISIBILITIES }) dpo: Visibility;
  @ApiProperty({ enum: VISIBILITIES }) admin: Visibility;
}

export class FieldPolicyDto implements FieldPolicy {
  @ApiProperty({ enum: PERSONAL_FIELDS }) field: PersonalField;
  @ApiProperty({ example: 'Phone number' }) label: string;
  @ApiProperty({ example: 'Contact details' }) category: string;
  @ApiProperty({ type: [String] }) purposes: string[];
  @ApiProperty({ enum: LAWFUL_BASES }) lawfulBasis: LawfulBasis;
  @ApiProperty({ enum: COLLECTIONS }) collection: Collection;
  @ApiProperty({ type: RetentionRuleDto, nullable: true, description: 'null: kept with its record' })
  retention: RetentionRuleDto | null;
  @ApiProperty({ type: VisibilityByRoleDto }) visibility: VisibilityByRoleDto;
  @ApiProperty({ enum: MASKING_STYLES }) masking: MaskingStyle;
  @ApiProperty({ type: String, nullable: true, description: 'Shown next to optional fields in forms' })
  purposeHint: string | null;
}

/**
 * The body of `PATCH /privacy/fields/{name}`, for the document only: the service checks the patch
 * against the policy as it stands (`validatePolicyPatch`), so no validation decorators here.
 */
export class FieldPolicyPatchDto {
  @ApiPropertyOptional({ type: [String], maxItems: 10 }) purposes?: string[];
  @ApiPropertyOptional({ enum: LAWFUL_BASES }) lawfulBasis?: LawfulBasis;
  @ApiPropertyOptional({ enum: COLLECTIONS, description: 'One of the values the field allows' })
  collection?: Collection;
  @ApiPropertyOptional({ type: RetentionRuleDto, nullable: true, description: 'null: kept with its record' })
  retention?: RetentionRuleDto | null;
  @ApiPropertyOptional({ type: VisibilityByRoleDto, description: 'A value for each role' })
  visibility?: VisibilityByRoleDto;
  @ApiPropertyOptional({ enum: MASKING_STYLES }) masking?: MaskingStyle;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 }) purposeHint?: string | null;
}

/** A field policy on the DPO's registry screen: with what is stored and what it may be set to. */
export class FieldPolicyOverviewDto extends FieldPolicyDto {
  @ApiProperty({ type: 'integer', description: 'How many values are stored' }) storedValues: number;
  @ApiProperty({ example: '2 years after the last ticket closed' }) retentionText: string;
  @ApiProperty({ enum: COLLECTIONS, isArray: true, description: 'The collection values it allows' })
  collections: Collection[];
  @ApiProperty({ type: String, nullable: true, description: 'Why it allows fewer than all' })
  collectionNote: string | null;
}

export class FieldPurgeReportDto {
  @ApiProperty({ enum: PERSONAL_FIELDS }) field: string;
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ type: 'integer', description: 'Values deleted, or that would be' }) values: number;
}

/** What a form asks for: a collected field and the purpose to show next to an optional one. */
export class CollectedFieldDto {
  @ApiProperty({ enum: PERSONAL_FIELDS }) field: PersonalField;
  @ApiProperty() label: string;
  @ApiProperty({ enum: COLLECTIONS }) collection: Collection;
  @ApiProperty({ type: String, nullable: true }) purposeHint: string | null;
}

/** One line of the public privacy notice: a registry field, or a record the email channel keeps. */
export class NoticeFieldDto {
  @ApiProperty({ enum: [...PERSONAL_FIELDS, ...EMAIL_RECORDS] }) field: PersonalField | EmailRecord;
  @ApiProperty() label: string;
  @ApiProperty() category: string;
  @ApiProperty({ enum: COLLECTIONS }) collection: Collection;
  @ApiProperty({ type: [String] }) purposes: string[];
  @ApiProperty({ enum: LAWFUL_BASES }) lawfulBasis: LawfulBasis;
  @ApiProperty({ example: '2 years after the last ticket closed' }) retention: string;
}

class FieldRetentionLineDto {
  @ApiProperty({ enum: PERSONAL_FIELDS }) field: PersonalField;
  @ApiProperty() retention: string;
  @ApiProperty({ type: 'integer', description: 'Values nulled, or that would be' }) values: number;
}

export class FieldRetentionReportDto {
  @ApiProperty() dryRun: boolean;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [FieldRetentionLineDto] }) fields: FieldRetentionLineDto[];
}
