import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES, type Role } from '@hushdesk/contracts';
import { EmailField, PasswordField } from '../../common/validation/fields';

export class LoginDto {
  @EmailField({ example: 'engineer@hushdesk.local' }) email: string;
  // No minimum here: old or demo passwords must still be able to sign in.
  @PasswordField({ max: PASSWORD_MAX_LENGTH, example: 'hushdesk' }) password: string;
}

export class ChangePasswordDto {
  @PasswordField({ max: PASSWORD_MAX_LENGTH }) currentPassword: string;
  @PasswordField({ min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH }) newPassword: string;
}

export class AuthUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) organisationId: string | null;
  @ApiProperty({ type: String, nullable: true }) fullName: string | null;
  @ApiProperty({
    description: 'An admin reset the password: choose a new one (POST /api/auth/password) first',
  })
  mustChangePassword: boolean;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Short-lived HS256 token for the Authorization header' }) accessToken: string;
  @ApiProperty({ description: 'Seconds until accessToken expires' }) expiresIn: number;
  @ApiProperty({ type: AuthUserDto }) user: AuthUserDto;
}
