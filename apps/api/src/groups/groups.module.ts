import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { TicketsDataModule } from '../tickets/tickets-data.module';
import { GroupsController } from './groups.controller';
import { GroupsRepository } from './groups.repository';
import { GroupsService } from './groups.service';

@Module({
  imports: [AuditModule, TicketsDataModule],
  controllers: [GroupsController],
  providers: [GroupsService, GroupsRepository],
  exports: [GroupsRepository],
})
export class GroupsModule {}
