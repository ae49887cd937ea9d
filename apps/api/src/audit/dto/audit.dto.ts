import { IsISO8601, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '../../common/pagination/keyset';
import { TextField, UuidField } from '../../common/validation/fields';

export class AuditQueryDto extends PageQueryDto {
  @UuidField({ optional: true }) actorId?: string;
  @UuidField({ optional: true }) subjectPersonId?: string;
  @TextField({ optional: true, max: 40, example: 'person.reveal' }) action?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  to?: string;
}
