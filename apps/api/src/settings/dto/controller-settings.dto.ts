import { ApiProperty } from '@nestjs/swagger';
import { EmailField, TextField } from '../../common/validation/fields';

export class UpdateControllerSettingsDto {
  @TextField({ max: 200, description: "The controller's legal name", example: 'Northern Lines Telecom Ltd' })
  name: string;

  @TextField({ max: 500, description: 'Postal address; lines separated by new lines or commas' })
  address: string;

  @EmailField({ description: "The Data Protection Officer's email", example: 'dpo@example.com' })
  dpoEmail: string;

  @TextField({
    optional: true,
    nullable: true,
    max: 200,
    description: "The DPO's name; a role title will do",
  })
  dpoName?: string | null;

  @TextField({ optional: true, nullable: true, max: 40, example: '020 7946 0000' })
  dpoPhone?: string | null;
}

export class ControllerSettingsDto {
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ type: String, nullable: true }) dpoName: string | null;
  @ApiProperty({ type: String, nullable: true }) dpoEmail: string | null;
  @ApiProperty({ type: String, nullable: true }) dpoPhone: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
}

export class ControllerIdentityDto {
  @ApiProperty() name: string;
  @ApiProperty() address: string;
  @ApiProperty({ type: String, nullable: true }) dpoName: string | null;
  @ApiProperty() dpoEmail: string;
  @ApiProperty({ type: String, nullable: true }) dpoPhone: string | null;
}

export class PublishedControllerDto {
  @ApiProperty({ type: ControllerIdentityDto, nullable: true }) controller: ControllerIdentityDto | null;
}
