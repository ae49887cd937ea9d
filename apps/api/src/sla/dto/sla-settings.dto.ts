import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

/** A year of real minutes: no target is longer. */
export const MAX_TARGET_MINUTES = 525_600;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class SlaTargetDto {
  @ApiProperty({ minimum: 1, maximum: MAX_TARGET_MINUTES, description: 'Minutes on the target’s clock' })
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  firstResponseMinutes: number;

  @ApiProperty({
    minimum: 1,
    maximum: MAX_TARGET_MINUTES,
    description: 'At least the first-response minutes',
  })
  @IsInt()
  @Min(1)
  @Max(MAX_TARGET_MINUTES)
  resolutionMinutes: number;

  @ApiProperty({ enum: ['business', '24x7'], description: 'Business hours only, or every minute' })
  @IsIn(['business', '24x7'], { message: 'clock must be one of: business, 24x7' })
  clock: 'business' | '24x7';
}

export class SlaTargetsDto {
  @ApiProperty({ type: SlaTargetDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SlaTargetDto)
  P1: SlaTargetDto;
  @ApiProperty({ type: SlaTargetDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SlaTargetDto)
  P2: SlaTargetDto;
  @ApiProperty({ type: SlaTargetDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SlaTargetDto)
  P3: SlaTargetDto;
  @ApiProperty({ type: SlaTargetDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SlaTargetDto)
  P4: SlaTargetDto;
}

export class UpdateSlaSettingsDto {
  @ApiProperty({ example: '08:30', maxLength: 5, description: 'Local opening time, HH:mm (24-hour)' })
  @IsString()
  @MaxLength(5)
  @Matches(TIME, { message: 'openingTime must be a time as HH:mm' })
  openingTime: string;

  @ApiProperty({
    example: '17:00',
    maxLength: 5,
    description: 'Local closing time, HH:mm, after the opening time',
  })
  @IsString()
  @MaxLength(5)
  @Matches(TIME, { message: 'closingTime must be a time as HH:mm' })
  closingTime: string;

  @ApiProperty({
    type: [Number],
    example: [1, 2, 3, 4, 5],
    description: 'ISO weekdays, 1 = Monday … 7 = Sunday',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'workingDays must name at least one day' })
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  workingDays: number[];

  @ApiProperty({
    type: [String],
    example: ['2026-12-25'],
    description: 'Local dates the desk is closed, YYYY-MM-DD',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @Matches(DATE, { each: true, message: 'bankHolidays must be dates as YYYY-MM-DD' })
  bankHolidays: string[];

  @ApiProperty({ type: SlaTargetsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => SlaTargetsDto)
  targets: SlaTargetsDto;
}

export class SlaSettingsDto extends UpdateSlaSettingsDto {
  @ApiProperty({ example: 'Europe/London', description: 'Set by the environment (SLA calendar zone)' })
  timezone: string;

  @ApiProperty({
    enum: ['environment', 'saved'],
    description: 'Still the environment’s defaults, or saved by an admin',
  })
  source: 'environment' | 'saved';

  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
}
