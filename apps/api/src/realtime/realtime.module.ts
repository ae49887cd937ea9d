import { Module } from '@nestjs/common';
import { PrivacyCoreModule } from '../privacy/privacy-core.module';
import { TicketEvents } from './ticket-events.service';

/**
 * What features publish live updates through. The socket gateway that delivers them is in
 * RealtimeGatewayModule, since it needs sessions, people and tickets, which publish here.
 */
@Module({
  imports: [PrivacyCoreModule],
  providers: [TicketEvents],
  exports: [TicketEvents],
})
export class RealtimeModule {}
