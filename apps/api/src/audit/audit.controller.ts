import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Page } from '@hushdesk/contracts';
import { Roles } from '../common/auth/access.decorator';
import { AuditService, type AuditEntry } from './audit.service';
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
  @ApiOkResponse({ description: '{ok, entries, firstBroken}: the hash chain re-computed end to end' })
  verify(): Promise<{ ok: boolean; entries: number; firstBroken: { seq: number; reason: string } | null }> {
    return this.audit.verify();
  }
}
