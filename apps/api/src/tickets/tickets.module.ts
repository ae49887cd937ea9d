import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { SlaModule } from '../sla/sla.module';
import { UsersModule } from '../users/users.module';
import { AutoCloseJob } from './auto-close.job';
import { DashboardController } from './dashboard.controller';
import { TicketHistoryRepository } from './ticket-history.repository';
import { TicketsController } from './tickets.controller';
import { TicketsRepository } from './tickets.repository';
import { TicketsService } from './tickets.service';

@Module({
  imports: [RealtimeModule, SlaModule, GroupsModule, UsersModule],
  controllers: [TicketsController, DashboardController],
  providers: [TicketsService, TicketsRepository, TicketHistoryRepository, AutoCloseJob],
  // SlaModule is re-exported for the modules that found the SLA clock here.
  exports: [TicketsService, TicketsRepository, SlaModule],
})
export class TicketsModule {}
