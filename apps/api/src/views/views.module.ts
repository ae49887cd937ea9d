import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module';
import { TicketsDataModule } from '../tickets/tickets-data.module';
import { ViewsController } from './views.controller';
import { ViewsRepository } from './views.repository';
import { ViewsService } from './views.service';

/** Saved queue views (`ticket_views`), counted through the tickets feature's repository. */
@Module({
  imports: [TicketsDataModule, GroupsModule],
  controllers: [ViewsController],
  providers: [ViewsService, ViewsRepository],
})
export class ViewsModule {}
