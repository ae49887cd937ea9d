import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PersonRef } from '@hushdesk/contracts';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import { UsersService } from './users.service';

@ApiTags('users')
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
  @ApiOkResponse({ description: 'Active engineers, by name' })
  list(@CurrentActor() actor: Actor): Promise<PersonRef[]> {
    return this.users.engineers(actor);
  }
}
