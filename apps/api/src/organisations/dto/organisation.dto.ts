import { IsBoolean, IsOptional } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TextField } from '../../common/validation/fields';
import type { OrganisationEntity } from '../organisation.entity';

export class CreateOrganisationDto {
  @TextField({ max: 200, description: 'Unique name of the customer organisation', example: 'Acme Ltd' })
  name: string;
}

export class UpdateOrganisationDto {
  @TextField({ optional: true, min: 1, max: 200 }) name?: string;

  @ApiPropertyOptional({
    description:
      'Let every customer of the organisation see all its tickets (not for the email contacts one)',
  })
  @IsOptional()
  @IsBoolean()
  sharedTicketVisibility?: boolean;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() sharedTicketVisibility: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(
    entity: Pick<OrganisationEntity, 'id' | 'name' | 'sharedTicketVisibility' | 'createdAt'>,
  ): OrganisationDto {
    return {
      id: entity.id,
      name: entity.name,
      sharedTicketVisibility: entity.sharedTicketVisibility,
      createdAt: entity.createdAt.toISOString(),
    };
  }
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] }) items: OrganisationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
