import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { IntField } from '../../common/validation/fields';

export class StartRunDto {
  @ApiPropertyOptional({ description: 'Report what would go, changing nothing' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class UpdateRetentionPolicyDto {
  @IntField({ min: 1, max: 36_500, description: 'Retention period in days' }) days: number;
}
