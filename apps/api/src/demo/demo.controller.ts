import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../common/auth/access.decorator';
import { ApiErrors } from '../common/http/api-errors';
import { AppConfig } from '../config/app-config';
import { DEFAULT_DEMO_PASSWORD, DEMO_ACCOUNTS } from './demo-seed.service';
import { DemoInfoDto } from './dto/demo-info.dto';

@ApiTags('demo')
@ApiErrors(429)
@Controller('demo')
export class DemoController {
  constructor(private readonly config: AppConfig) {}

  /**
   * Lets the sign-in page offer the demo logins, and only on a demo install. Elsewhere it answers
   * with no logins rather than a 404, which every signed-out visit would log as a console error.
   */
  @Get()
  @Public()
  @ApiOkResponse({
    type: DemoInfoDto,
    description: 'The demo logins; none (and no password) when this is not a demo install',
  })
  info(): DemoInfoDto {
    if (!this.config.demo.enabled) return { accounts: [], password: null };
    return {
      accounts: DEMO_ACCOUNTS.map(({ email, role }) => ({ email, role })),
      password: this.config.demo.password === DEFAULT_DEMO_PASSWORD ? DEFAULT_DEMO_PASSWORD : null,
    };
  }
}
