import { Module } from '@nestjs/common';
import { BlobsModule } from '../blobs/blobs.module';
import { PrivacyCoreModule } from '../privacy/privacy-core.module';
import { TicketsModule } from '../tickets/tickets.module';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsDataModule } from './attachments-data.module';
import { AttachmentsService } from './attachments.service';

@Module({
  imports: [AttachmentsDataModule, TicketsModule, BlobsModule, PrivacyCoreModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsService],
  exports: [AttachmentsService, AttachmentsDataModule],
})
export class AttachmentsModule {}
