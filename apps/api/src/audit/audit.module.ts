import { Module } from '@nestjs/common';
import { PeopleDataModule } from '../people/people-data.module';
import { AuditController } from './audit.controller';
import { AuditDsarRepository } from './audit-dsar.repository';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

@Module({
  imports: [PeopleDataModule],
  controllers: [AuditController],
  providers: [AuditService, AuditRepository, AuditDsarRepository],
  exports: [AuditService, AuditDsarRepository],
})
export class AuditModule {}
