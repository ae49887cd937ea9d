import { Module } from '@nestjs/common';
import { RetentionDataModule } from '../retention/retention-data.module';
import { TicketsModule } from '../tickets/tickets.module';
import { DraftsDataModule } from './drafts-data.module';
import { ReplyDraftsController } from './reply-drafts.controller';
import { ReplyDraftsService } from './reply-drafts.service';

/** Reply drafts: an engineer's unsent reply per ticket, kept on the server for a while. */
@Module({
  imports: [DraftsDataModule, TicketsModule, RetentionDataModule],
  controllers: [ReplyDraftsController],
  providers: [ReplyDraftsService],
})
export class DraftsModule {}
