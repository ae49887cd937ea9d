import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { DSAR_STATUSES, PASSWORD_MAX_LENGTH, type DsarStatus } from '@hushdesk/contracts';
import { EmailField, PasswordField, TextField } from '../../common/validation/fields';

/** Rectification: each field optional; null clears an optional field. Off fields are refused by policy. */
export class UpdatePersonDto {
  @TextField({
    optional: true,
    nullable: true,
    max: 200,
    description: 'null clears it, unless the field policy makes it required',
  })
  fullName?: string | null;
  @EmailField({
    optional: true,
    description:
      'The sign-in email. Changed by the person themselves, it needs currentPassword and goes to the DPO as a rectification request (202)',
  })
  email?: string;

  @PasswordField({
    optional: true,
    max: PASSWORD_MAX_LENGTH,
    description: 'Needed only when a person changes their own sign-in email',
  })
  currentPassword?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  jobTitle?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  employer?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(1000)
  workAddress?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(200)
  imHandle?: string | null;
}

export const REVEALABLE = [
  'fullName',
  'email',
  'phone',
  'jobTitle',
  'employer',
  'workAddress',
  'imHandle',
] as const;

export class RevealDto {
  @ApiProperty({ enum: REVEALABLE })
  @IsIn(REVEALABLE as unknown as string[], { message: `field must be one of: ${REVEALABLE.join(', ')}` })
  field: (typeof REVEALABLE)[number];

  @ApiProperty({
    description: 'Why you need the clear value; recorded in the audit trail',
    minLength: 5,
    maxLength: 500,
  })
  @IsString()
  @MinLength(5, { message: 'reason must say why, in at least 5 characters' })
  @MaxLength(500)
  reason: string;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ type: String, nullable: true }) fullName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) email?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) phone?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) jobTitle?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) employer?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) workAddress?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) imHandle?: string | null;
  @ApiProperty({ type: [String], description: 'Fields shown masked to you; reveal them with a reason' })
  masked: string[];
  @ApiProperty({ description: 'On the do-not-contact list' }) doNotContact: boolean;
}

export class SignInEmailChangeDto {
  @ApiProperty({ format: 'uuid', description: 'The rectification request' }) id: string;
  @ApiProperty({ example: 'DSAR-000123' }) reference: string;
  @ApiProperty({ enum: DSAR_STATUSES, example: 'verified' }) status: DsarStatus;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
}

/** 202: the other fields are saved; the sign-in email waits for the DPO. */
export class PersonUpdateAcceptedDto {
  @ApiProperty({ type: PersonDto }) person: PersonDto;
  @ApiProperty({ type: SignInEmailChangeDto }) emailChange: SignInEmailChangeDto;
}
