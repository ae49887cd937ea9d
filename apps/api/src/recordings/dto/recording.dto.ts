import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../common/pagination/keyset';
import { EnumField, IntField, TextField, UuidField } from '../../common/validation/fields';

export class CreateRecordingDto {
  @TextField({ max: 40, example: '07700 900123', description: 'Any common format; stored in E.164' })
  callerNumber: string;

  @EnumField(['inbound', 'outbound']) direction: 'inbound' | 'outbound';

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'startedAt must be an ISO 8601 date-time' })
  startedAt: string;

  @IntField({ min: 0, max: 86_400, description: 'Length of the call in seconds' }) durationSeconds: number;

  @UuidField({ optional: true }) ticketId?: string;
  @UuidField({ optional: true, description: 'Matched by the caller number when not given' })
  personId?: string;
  @TextField({ optional: true, max: 20_000 }) notes?: string;
}

export class ListRecordingsQueryDto extends PageQueryDto {
  @UuidField({ optional: true }) personId?: string;
  @UuidField({ optional: true }) ticketId?: string;
}

export class HoldDto {
  @ApiProperty({
    description: 'Why the recording must be kept past its retention, e.g. a dispute',
    minLength: 5,
    maxLength: 500,
  })
  @IsString()
  @MinLength(5, { message: 'reason must say why, in at least 5 characters' })
  @MaxLength(500)
  reason: string;
}

/** Why and since when a recording is kept past its retention. */
export class RecordingHoldDto {
  @ApiProperty() reason: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) byId: string | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class RecordingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ description: 'Per field policy: masked for engineers by default' })
  callerNumber?: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction: string;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty() durationSeconds: number;
  @ApiPropertyOptional({ type: String, nullable: true }) agentId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) ticketId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) personId: string | null;
  @ApiProperty({
    enum: ['given', 'matched', 'ambiguous', 'none', 'withheld'],
    description:
      'How the person was linked. `withheld` (with `personId` null) to roles that see people’s phones masked or hidden, whatever the match',
  })
  personMatch: string;
  @ApiPropertyOptional({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() hasAudio: boolean;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: RecordingHoldDto, nullable: true }) hold: RecordingHoldDto | null;
}
