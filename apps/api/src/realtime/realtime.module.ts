import { Module } from '@nestjs/common';
import { TicketEvents } from './ticket-events';

/**
 * What features publish live updates through. The socket gateway that delivers them is in
 * RealtimeGatewayModule, since it needs sessions, people and tickets, which publish here.
 */
@Module({
  providers: [TicketEvents],
  exports: [TicketEvents],
})
export class RealtimeModule {}
