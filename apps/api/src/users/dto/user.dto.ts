import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES, type Role } from '@hushdesk/contracts';
import { PageQueryDto } from '../../common/pagination/keyset';
import { EmailField, EnumField, PasswordField, TextField, UuidField } from '../../common/validation/fields';

export class CreatePersonDto {
  @TextField({ max: 200, example: 'Alex Morgan' }) fullName: string;
  @TextField({ optional: true, max: 40, example: '07700 900123' }) phone?: string;
  @TextField({ optional: true, max: 200 }) jobTitle?: string;
  @TextField({ optional: true, max: 200 }) employer?: string;
  @TextField({ optional: true, max: 1000 }) workAddress?: string;
  @TextField({ optional: true, max: 200 }) imHandle?: string;
}

export class CreateUserDto {
  @EmailField({ example: 'alex.morgan@example.com' }) email: string;

  @PasswordField({ min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }) password: string;

  @EnumField(ROLES) role: Role;

  @UuidField({ optional: true, description: 'Required for customers: the organisation they belong to' })
  organisationId?: string;

  @ApiPropertyOptional({ type: CreatePersonDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CreatePersonDto)
  person?: CreatePersonDto;
}

export class ListUsersQueryDto extends PageQueryDto {
  @EnumField(ROLES, { optional: true }) role?: Role;
  @UuidField({ optional: true }) organisationId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) fullName: string | null;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) organisationId: string | null;
  @ApiProperty({ type: String, nullable: true }) organisationName: string | null;
  @ApiProperty() disabled: boolean;
  @ApiProperty({ description: 'An admin reset the password; a new one is chosen at the next sign-in' })
  mustChangePassword: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class UpdateUserDto {
  @EnumField(ROLES, { optional: true }) role?: Role;

  @UuidField({
    optional: true,
    nullable: true,
    description: 'Required for customers; staff belong to none (a role change away from customer clears it)',
  })
  organisationId?: string | null;

  @ApiPropertyOptional({ description: 'Disable (true) or enable (false) the account' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ResetPasswordDto {
  @PasswordField({
    min: PASSWORD_MIN_LENGTH,
    max: PASSWORD_MAX_LENGTH,
    description: 'A temporary password to hand over; the account must choose a new one at its next sign-in',
  })
  temporaryPassword: string;
}
