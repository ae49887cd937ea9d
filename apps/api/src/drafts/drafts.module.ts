import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { BlobsModule } from '../blobs/blobs.module';
import { MessagesModule } from '../messages/messages.module';
import { RetentionDataModule } from '../retention/retention-data.module';
import { TicketsModule } from '../tickets/tickets.module';
import { DraftSendingService } from './draft-sending.service';
import { DraftsDataModule } from './drafts-data.module';
import { ReplyDraftFilesController } from './reply-draft-files.controller';
import { ReplyDraftFilesService } from './reply-draft-files.service';
import { ReplyDraftsController } from './reply-drafts.controller';
import { ReplyDraftsService } from './reply-drafts.service';

/** Reply drafts: an engineer's unsent reply per ticket, and its files, kept on the server for a while. */
@Module({
  imports: [
    DraftsDataModule,
    TicketsModule,
    RetentionDataModule,
    BlobsModule,
    AttachmentsModule,
    MessagesModule,
  ],
  controllers: [ReplyDraftsController, ReplyDraftFilesController],
  providers: [ReplyDraftsService, ReplyDraftFilesService, DraftSendingService],
})
export class DraftsModule {}
