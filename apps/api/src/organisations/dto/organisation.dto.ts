import { ApiProperty } from '@nestjs/swagger';
import type { Organisation } from '@hushdesk/contracts';
import { TextField } from '../../common/validation/fields';
import type { OrganisationEntity } from '../organisation.entity';

export class CreateOrganisationDto {
  @TextField({ max: 200, description: 'Unique name of the customer organisation', example: 'Acme Ltd' })
  name: string;
}

export class OrganisationDto implements Organisation {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(entity: Pick<OrganisationEntity, 'id' | 'name' | 'createdAt'>): OrganisationDto {
    return { id: entity.id, name: entity.name, createdAt: entity.createdAt.toISOString() };
  }
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] }) items: OrganisationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
