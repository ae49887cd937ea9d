import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import { ApiErrors } from '../common/http/api-errors';
import { PersonRefDto } from '../people/dto/person-ref.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiErrors(429)
@Controller('engineers')
export class EngineersController {
  constructor(private readonly users: UsersService) {}

  /**
   * Who a ticket can be assigned to: names only, for the assignment picker, as the caller's
   * `person.fullName` row shows them (the caller always by name). By name when names are clear;
   * otherwise by what is shown, so the order gives away nothing the names would not.
   */
  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: [PersonRefDto], description: 'Active engineers, by name' })
  list(@CurrentActor() actor: Actor): Promise<PersonRefDto[]> {
    return this.users.engineers(actor);
  }
}
