import { Body, Controller, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../common/auth/actor';
import { CurrentActor, Roles } from '../../common/auth/access.decorator';
import { ApiError, ApiErrors } from '../../common/http/api-errors';
import { UuidParam } from '../../common/validation/uuid-param';
import { ResetPasswordDto, UpdateUserDto, UserDto } from '../dto/user.dto';
import { UserAdminService } from './user-admin.service';

@ApiTags('users')
@ApiErrors(400, 429)
@Controller('users')
export class UserAdminController {
  constructor(private readonly admin: UserAdminService) {}

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({
    type: UserDto,
    description: 'A change of role, organisation or enabled state ends the account’s sessions and sockets',
  })
  @ApiError(409, 'The change would leave no enabled administrator')
  @ApiErrors(404, 413, 414, 415)
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return this.admin.update(actor, id, body);
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({
    type: UserDto,
    description: 'Sets a temporary password, ends the account’s sessions; a new one is required at sign-in',
  })
  @ApiErrors(404, 413, 414, 415)
  resetPassword(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: ResetPasswordDto,
  ): Promise<UserDto> {
    return this.admin.resetPassword(actor, id, body.temporaryPassword);
  }
}
