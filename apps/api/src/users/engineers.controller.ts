import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PersonRef } from '@hushdesk/contracts';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/access.decorator';
import { ApiErrors } from '../common/http/api-errors';
import { PersonRefDto } from '../people/dto/person-ref.dto';
import { FieldPoliciesService } from '../privacy/field-policies.service';

@ApiTags('users')
@ApiErrors(429)
@Controller('engineers')
export class EngineersController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policies: FieldPoliciesService,
  ) {}

  /**
   * Who a ticket can be assigned to: names only, for the assignment picker, as the caller's
   * `person.fullName` row shows them (the caller always by name). By name when names are clear;
   * otherwise by what is shown, so the order gives away nothing the names would not.
   */
  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ type: [PersonRefDto], description: 'Active engineers, by name' })
  async list(@CurrentActor() actor: Actor): Promise<PersonRefDto[]> {
    const [rows, names] = await Promise.all([
      this.dataSource.query(
        `SELECT u.id, p.full_name AS name FROM users u JOIN people p ON p.id = u.person_id
          WHERE u.role = 'engineer' AND u.disabled_at IS NULL ORDER BY p.full_name NULLS LAST, u.id`,
      ) as Promise<PersonRef[]>,
      this.policies.names(actor),
    ]);
    if (names.clear) return rows;
    const shown = rows.map((r) => names.ref(r));
    const key = (r: PersonRef) => (r.id === actor.userId ? '' : (r.name ?? '\uffff'));
    return shown.sort((a, b) => key(a).localeCompare(key(b)) || a.id.localeCompare(b.id));
  }
}
