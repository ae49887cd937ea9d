import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module';
import { JobsModule } from '../jobs/jobs.module';
import { MailNotificationsModule } from '../mail/outbox/mail-notifications.module';
import { PrivacyCoreModule } from '../privacy/privacy-core.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { SlaModule } from '../sla/sla.module';
import { UsersModule } from '../users/users.module';
import { AuditModule } from '../audit/audit.module';
import { AutoCloseJob } from './auto-close.job';
import { TicketBulkController } from './ticket-bulk.controller';
import { TicketBulkService } from './ticket-bulk.service';
import { TicketTagsController } from './ticket-tags.controller';
import { TicketTagsService } from './ticket-tags.service';
import { DashboardController } from './dashboard.controller';
import { TicketsController } from './tickets.controller';
import { TicketsDataModule } from './tickets-data.module';
import { TicketsService } from './tickets.service';

@Module({
  imports: [
    TicketsDataModule,
    RealtimeModule,
    SlaModule,
    GroupsModule,
    UsersModule,
    PrivacyCoreModule,
    JobsModule,
    MailNotificationsModule,
    AuditModule,
  ],
  controllers: [TicketBulkController, TicketTagsController, TicketsController, DashboardController],
  providers: [TicketsService, TicketBulkService, TicketTagsService, AutoCloseJob],
  // SlaModule is re-exported for the modules that found the SLA clock here.
  exports: [TicketsService, TicketsDataModule, SlaModule],
})
export class TicketsModule {}
