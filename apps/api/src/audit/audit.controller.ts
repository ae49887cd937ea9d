import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../common/auth/access.decorator';
import { ApiErrors } from '../common/http/api-errors';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit.dto';
import { AuditEntryPageDto, AuditVerificationDto } from './dto/audit-entry.dto';

@ApiTags('privacy')
@ApiErrors(429)
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('dpo', 'admin')
  @ApiOkResponse({
    type: AuditEntryPageDto,
    description: 'The audit trail, newest first, filtered by actor, subject, action and time',
  })
  @ApiErrors(400)
  list(@Query() query: AuditQueryDto): Promise<AuditEntryPageDto> {
    return this.audit.list(query);
  }

  @Get('verify')
  @Roles('dpo', 'admin')
  @ApiOkResponse({
    type: AuditVerificationDto,
    description:
      '{ok, entries, firstBroken, expiries}: the hash chain re-computed end to end, and each retention expiry that shortened it (when, how many entries, up to which seq, the retention days in force and who had set them)',
  })
  verify(): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }
}
