import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  DSAR_CHANNELS,
  DSAR_KINDS,
  VERIFICATION_METHODS,
  type DsarChannel,
  type DsarKind,
  type VerificationMethod,
} from '@hushdesk/contracts';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsObject, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/keyset';
import { EmailField, EnumField, TextField, UuidField } from '../../common/validation/fields';
import { UpdatePersonDto } from '../../people/dto/person.dto';

export class DsarSubjectDto {
  @EmailField({ optional: true }) email?: string;
  @TextField({ optional: true, max: 40, description: 'Any common phone format' }) phone?: string;
  @TextField({ optional: true, max: 200 }) fullName?: string;
  @UuidField({ optional: true }) personId?: string;
}

export class DsarRequesterDto {
  @EnumField(['subject', 'third_party']) relation: 'subject' | 'third_party';
  @TextField({ optional: true, max: 200, description: 'The authorised third party (e.g. a solicitor)' })
  name?: string;
}

export class CreateDsarDto {
  @EnumField(DSAR_KINDS) kind: DsarKind;

  @ApiPropertyOptional({ type: DsarSubjectDto })
  @IsOptional()
  @IsObject({ message: 'subject must be an object' })
  @ValidateNested()
  @Type(() => DsarSubjectDto)
  subject?: DsarSubjectDto;

  @EnumField(DSAR_CHANNELS, { optional: true }) channel?: DsarChannel;

  @ApiPropertyOptional({
    description: 'When the request reached us (ISO 8601); may be in the past',
    maxLength: 40,
  })
  @IsOptional()
  @MaxLength(40)
  @IsISO8601({ strict: true }, { message: 'receivedAt must be an ISO 8601 date or date-time' })
  receivedAt?: string;

  @ApiPropertyOptional({ type: DsarRequesterDto })
  @IsOptional()
  @IsObject({ message: 'requester must be an object' })
  @ValidateNested()
  @Type(() => DsarRequesterDto)
  requester?: DsarRequesterDto;

  @TextField({ optional: true, max: 4000, description: 'What the person asked for, in their words' })
  details?: string;
}

export class ListDsarQueryDto extends PageQueryDto {
  @EnumField(['open', 'closed', 'all'], { optional: true }) state?: 'open' | 'closed' | 'all';
  @EnumField(DSAR_KINDS, { optional: true }) kind?: DsarKind;
}

export class ReasonDto {
  @TextField({ max: 2000, description: 'Recorded with the decision' }) reason: string;
}

export class OptionalReasonDto {
  @TextField({ optional: true, max: 2000 }) reason?: string;
}

export class VerifyDsarDto {
  @EnumField(VERIFICATION_METHODS) method: VerificationMethod;
  @TextField({ optional: true, max: 2000 }) note?: string;
}

export class ExtendDsarDto {
  @ApiProperty({ enum: [1, 2] })
  @IsIn([1, 2], { message: 'months must be 1 or 2' })
  months: 1 | 2;

  @TextField({ max: 2000, description: 'Why the request is complex or numerous' }) reason: string;
}

/** One of the candidates, or `nobody: true` when no one on record is the subject. */
export class ChooseSubjectDto {
  @UuidField({ optional: true, description: 'One of the candidates' }) personId?: string;

  @ApiPropertyOptional({ description: 'No one on record is the subject: they are only mentioned' })
  @IsOptional()
  @IsIn([true], { message: 'nobody must be true when given' })
  nobody?: true;
}

export class ExclusionDto {
  @ApiProperty()
  @IsBoolean({ message: 'excluded must be true or false' })
  excluded: boolean;

  @TextField({ max: 2000 }) reason: string;
}

export class RedactionDecisionDto {
  @ApiProperty()
  @IsBoolean({ message: 'redacted must be true or false' })
  redacted: boolean;

  @TextField({ max: 2000 }) reason: string;
}

export class ExportQueryDto {
  @EnumField(['json', 'zip', 'csv'], { optional: true }) format?: 'json' | 'zip' | 'csv';
}

export class EraseDsarDto {
  @TextField({ max: 100, description: 'The phrase the erasure preview asks for, e.g. "ERASE DSAR-000012"' })
  confirmation: string;
}

/** The person's fields the DPO corrects (the document's name for `changes`; no password here). */
export class RectifyChangesDto extends OmitType(UpdatePersonDto, ['currentPassword'] as const) {}

export class RectifyDsarDto {
  // Validated as a person update, as `PATCH /people/{id}` does; documented without currentPassword,
  // which only a person changing their own sign-in email sends (here it is accepted and ignored).
  @ApiProperty({ type: RectifyChangesDto })
  @IsObject({ message: 'changes must be an object' })
  @ValidateNested()
  @Type(() => UpdatePersonDto)
  changes: UpdatePersonDto;

  @TextField({ optional: true, max: 2000 }) note?: string;
}
