import { Controller, Get } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { DemoInfo } from '@hushdesk/contracts';
import { Public } from '../common/auth/access.decorator';
import { DomainError } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { DEFAULT_DEMO_PASSWORD, DEMO_ACCOUNTS } from './demo-seed';

@ApiTags('demo')
@Controller('demo')
export class DemoController {
  constructor(private readonly config: AppConfig) {}

  /** Lets the sign-in page offer the demo logins, and only on a demo install. */
  @Get()
  @Public()
  @ApiOkResponse({ description: 'The demo logins' })
  @ApiNotFoundResponse({ description: 'Not a demo install' })
  info(): DemoInfo {
    if (!this.config.demo.enabled) throw DomainError.notFound('Demo mode');
    return {
      accounts: DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })),
      password: this.config.demo.password === DEFAULT_DEMO_PASSWORD ? DEFAULT_DEMO_PASSWORD : null,
    };
  }
}
