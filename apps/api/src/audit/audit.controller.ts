import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page } from '@hushdesk/contracts';
import { Roles } from '../common/auth/access.decorator';
import { AuditService, type AuditEntry, type AuditVerification } from './audit.service';
import { AuditQueryDto } from './dto/audit.dto';

@ApiTags('privacy')
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('dpo', 'admin')
  @ApiOkResponse({
    description: 'The audit trail, newest first, filtered by actor, subject, action and time',
  })
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntry>> {
    return this.audit.list(query);
  }

  @Get('verify')
  @Roles('dpo', 'admin')
  @ApiOkResponse({
    description:
      '{ok, entries, firstBroken, expiries}: the hash chain re-computed end to end, and each retention expiry that shortened it (when, how many entries, up to which seq, the retention days in force and who had set them)',
  })
  verify(): Promise<AuditVerification> {
    return this.audit.verify();
  }
}
