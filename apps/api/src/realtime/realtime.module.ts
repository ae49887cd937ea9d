import { Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { TicketEvents } from './ticket-events';

@Module({
  providers: [RealtimeGateway, TicketEvents],
  exports: [TicketEvents],
})
export class RealtimeModule {}
