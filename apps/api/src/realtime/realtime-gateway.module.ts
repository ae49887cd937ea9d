import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PeopleModule } from '../people/people.module';
import { PrivacyCoreModule } from '../privacy/privacy-core.module';
import { TicketsModule } from '../tickets/tickets.module';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeModule } from './realtime.module';
import { SocketSessionCheck } from './socket-session-check.service';

/** The socket.io gateway: authenticated connections, rooms, presence and the periodic session check. */
@Module({
  imports: [RealtimeModule, AuthModule, PeopleModule, TicketsModule, PrivacyCoreModule],
  providers: [RealtimeGateway, SocketSessionCheck],
})
export class RealtimeGatewayModule {}
