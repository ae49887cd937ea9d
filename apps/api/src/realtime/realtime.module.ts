import { Module } from '@nestjs/common';
import { RealtimeGateway } from './realtime.gateway';
import { SocketSessionCheck } from './socket-session-check';
import { TicketEvents } from './ticket-events';

@Module({
  providers: [RealtimeGateway, TicketEvents, SocketSessionCheck],
  exports: [TicketEvents],
})
export class RealtimeModule {}
