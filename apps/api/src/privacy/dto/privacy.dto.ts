import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsEmailAddress, TextField } from '../../common/validation/fields';

export class PurgeDto {
  @ApiPropertyOptional({ description: 'Count only; change nothing (default true)' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class MentionsQueryDto {
  @ApiPropertyOptional({ format: 'email', maxLength: 320 })
  @IsOptional()
  @MaxLength(320)
  @IsEmailAddress()
  email?: string;
  @TextField({ optional: true, max: 40 }) phone?: string;
  @TextField({ optional: true, max: 200 }) name?: string;
}

export class SuppressionDto {
  @ApiPropertyOptional({ format: 'email', maxLength: 320 })
  @IsOptional()
  @MaxLength(320)
  @IsEmailAddress()
  email?: string;
  @TextField({ optional: true, max: 40 }) phone?: string;

  @ApiPropertyOptional({ enum: ['objection', 'request'] })
  @IsIn(['objection', 'request'], { message: 'reason must be one of: objection, request' })
  reason: 'objection' | 'request';
}

export class RedactDto {
  @ApiProperty({ description: 'Why; recorded in the audit trail', minLength: 5, maxLength: 500 })
  @IsString()
  @MinLength(5, { message: 'reason must say why, in at least 5 characters' })
  @MaxLength(500)
  reason: string;
}

export class RevealTicketFieldDto {
  @ApiProperty({ enum: ['contactPhone'] })
  @IsIn(['contactPhone'], { message: 'field must be contactPhone' })
  field: 'contactPhone';

  @ApiProperty({ description: 'Why; recorded in the audit trail', minLength: 5, maxLength: 500 })
  @IsString()
  @MinLength(5, { message: 'reason must say why, in at least 5 characters' })
  @MaxLength(500)
  reason: string;
}

export class ShareSafeQueryDto {
  @ApiPropertyOptional({
    enum: ['json', 'text'],
    description: '`text`: the copy as a file download (its name scrubbed too); default `json`',
  })
  @IsOptional()
  @IsIn(['json', 'text'], { message: 'format must be one of: json, text' })
  format?: 'json' | 'text';
}
