import { Module } from '@nestjs/common';
import { GroupsController } from '../groups/groups.controller';
import { MessagesController } from '../messages/messages.controller';
import { MessagesService } from '../messages/messages.service';
import { RealtimeModule } from '../realtime/realtime.module';
import { SlaClockService } from '../sla/sla-clock';
import { AutoCloseJob } from './auto-close.job';
import { DashboardController } from './dashboard.controller';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({
  imports: [RealtimeModule],
  controllers: [TicketsController, MessagesController, GroupsController, DashboardController],
  providers: [TicketsService, MessagesService, SlaClockService, AutoCloseJob],
  exports: [TicketsService, SlaClockService, MessagesService],
})
export class TicketsModule {}
