import { Module } from '@nestjs/common';
import { DraftsDataModule } from '../drafts/drafts-data.module';
import { AttachmentsDataModule } from '../attachments/attachments-data.module';
import { AuditModule } from '../audit/audit.module';
import { BlobsModule } from '../blobs/blobs.module';
import { DsarSharedModule } from '../dsar/shared/dsar-shared.module';
import { JobsModule } from '../jobs/jobs.module';
import { MailPrivacyDataModule } from '../mail/shared/mail-privacy-data.module';
import { MessagesDataModule } from '../messages/messages-data.module';
import { NotificationsDataModule } from '../notifications/notifications-data.module';
import { PeopleDataModule } from '../people/people-data.module';
import { PrivacyCoreModule } from '../privacy/privacy-core.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RecordingsDataModule } from '../recordings/recordings-data.module';
import { TicketsDataModule } from '../tickets/tickets-data.module';
import { UsersModule } from '../users/users.module';
import { BlobOutbox } from './blob-outbox.service';
import { ClosedTicketAnonymiser } from './closed-ticket-anonymiser.service';
import { DsarPackageRetentionRepository } from './dsar-package-retention.repository';
import { RetentionController } from './retention.controller';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

@Module({
  // Other features' tables through their data modules: retention runs statements on them all.
  imports: [
    PrivacyModule,
    PrivacyCoreModule,
    RealtimeModule,
    AuditModule,
    BlobsModule,
    JobsModule,
    UsersModule,
    TicketsDataModule,
    DraftsDataModule,
    MessagesDataModule,
    AttachmentsDataModule,
    PeopleDataModule,
    RecordingsDataModule,
    DsarSharedModule,
    MailPrivacyDataModule,
    NotificationsDataModule,
  ],
  controllers: [RetentionController],
  providers: [
    RetentionService,
    BlobOutbox,
    ClosedTicketAnonymiser,
    RetentionRepository,
    DsarPackageRetentionRepository,
  ],
  exports: [RetentionService, RetentionRepository, DsarPackageRetentionRepository],
})
export class RetentionModule {}
