import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { CreateUserDto, ListUsersQueryDto, UserDto, UserPageDto } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiErrors(400, 429)
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: UserDto })
  @ApiError(409, 'This email is already in use')
  @ApiErrors(413, 415)
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }

  @Get()
  @Roles('admin')
  @ApiOkResponse({ type: UserPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.users.list(actor, query);
  }
}
