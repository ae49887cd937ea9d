import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { PersonRef } from '@hushdesk/contracts';
import { DataSource } from 'typeorm';
import { Roles } from '../common/auth/access.decorator';

@ApiTags('users')
@Controller('engineers')
export class EngineersController {
  constructor(private readonly dataSource: DataSource) {}

  /** Who a ticket can be assigned to: names only, for the assignment picker. */
  @Get()
  @Roles('engineer', 'dpo', 'admin')
  @ApiOkResponse({ description: 'Active engineers, by name' })
  list(): Promise<PersonRef[]> {
    return this.dataSource.query(
      `SELECT u.id, p.full_name AS name FROM users u JOIN people p ON p.id = u.person_id
        WHERE u.role = 'engineer' AND u.disabled_at IS NULL ORDER BY p.full_name NULLS LAST, u.id`,
    );
  }
}
