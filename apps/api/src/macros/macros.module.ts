import { Module } from '@nestjs/common';
import { PrivacyCoreModule } from '../privacy/privacy-core.module';
import { TicketsModule } from '../tickets/tickets.module';
import { UsersModule } from '../users/users.module';
import { MacrosController } from './macros.controller';
import { MacrosRepository } from './macros.repository';
import { MacrosService } from './macros.service';

/** Macros (canned replies): their table, routes, and applying one to a ticket. */
@Module({
  imports: [TicketsModule, UsersModule, PrivacyCoreModule],
  controllers: [MacrosController],
  providers: [MacrosService, MacrosRepository],
})
export class MacrosModule {}
