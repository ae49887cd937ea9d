import { Module } from '@nestjs/common';
import { AttachmentsDataModule } from '../attachments/attachments-data.module';
import { AuditModule } from '../audit/audit.module';
import { BlobsModule } from '../blobs/blobs.module';
import { JobsModule } from '../jobs/jobs.module';
import { MessagesDataModule } from '../messages/messages-data.module';
import { PeopleDataModule } from '../people/people-data.module';
import { RetentionDataModule } from '../retention/retention-data.module';
import { SettingsModule } from '../settings/settings.module';
import { TicketsDataModule } from '../tickets/tickets-data.module';
import { TicketsModule } from '../tickets/tickets.module';
import { FieldRetentionJob } from './field-retention.job';
import { PrivacyController } from './privacy.controller';
import { PrivacyCoreModule } from './privacy-core.module';
import { ProcessingRecords } from './processing-records.service';
import { RedactionService } from './redaction.service';
import { ShareSafeController } from './share-safe.controller';
import { ShareSafeService } from './share-safe.service';

/** The privacy routes, redaction, share-safe copies and field retention, over the privacy core. */
@Module({
  imports: [
    PrivacyCoreModule,
    TicketsModule,
    TicketsDataModule,
    MessagesDataModule,
    AttachmentsDataModule,
    PeopleDataModule,
    AuditModule,
    BlobsModule,
    JobsModule,
    SettingsModule,
    RetentionDataModule,
  ],
  controllers: [PrivacyController, ShareSafeController],
  providers: [RedactionService, ShareSafeService, FieldRetentionJob, ProcessingRecords],
  exports: [FieldRetentionJob, RedactionService],
})
export class PrivacyModule {}
