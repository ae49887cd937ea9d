import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { SlaModule } from '../sla/sla.module';
import { TicketsModule } from '../tickets/tickets.module';
import { MessagesController } from './messages.controller';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';

/** Replies and internal notes on tickets. */
@Module({
  imports: [TicketsModule, SlaModule, RealtimeModule],
  controllers: [MessagesController],
  providers: [MessagesService, MessagesRepository],
  exports: [MessagesService],
})
export class MessagesModule {}
