import { Global, Module } from '@nestjs/common';
import { PersonPrivacyRepository } from '../people/person-privacy.repository';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditRepository, PersonPrivacyRepository],
  exports: [AuditService],
})
export class AuditModule {}
