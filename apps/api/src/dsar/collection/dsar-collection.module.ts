import { Module } from '@nestjs/common';
import { AttachmentsDataModule } from '../../attachments/attachments-data.module';
import { AuditModule } from '../../audit/audit.module';
import { BlobsModule } from '../../blobs/blobs.module';
import { DraftsDataModule } from '../../drafts/drafts-data.module';
import { JobsModule } from '../../jobs/jobs.module';
import { MailPrivacyDataModule } from '../../mail/shared/mail-privacy-data.module';
import { MessagesDataModule } from '../../messages/messages-data.module';
import { PeopleDataModule } from '../../people/people-data.module';
import { PrivacyCoreModule } from '../../privacy/privacy-core.module';
import { PrivacyModule } from '../../privacy/privacy.module';
import { RealtimeModule } from '../../realtime/realtime.module';
import { RecordingsDataModule } from '../../recordings/recordings-data.module';
import { TicketsDataModule } from '../../tickets/tickets-data.module';
import { UsersModule } from '../../users/users.module';
import { DsarSharedModule } from '../shared/dsar-shared.module';
import { DsarCollector } from './dsar-collection.job';
import { SubjectMentions } from './dsar-mentions.service';
import { DsarSources } from './dsar-sources.service';
import { DsarSubjects } from './dsar-subject.service';

/** Who a request is about, and gathering everything about them (a job), with its sources. */
@Module({
  imports: [
    DsarSharedModule,
    // The sources: every feature's table that holds personal data.
    PeopleDataModule,
    UsersModule,
    TicketsDataModule,
    MessagesDataModule,
    AttachmentsDataModule,
    RecordingsDataModule,
    MailPrivacyDataModule,
    DraftsDataModule,
    AuditModule,
    PrivacyCoreModule,
    PrivacyModule,
    RealtimeModule,
    BlobsModule,
    JobsModule,
  ],
  providers: [DsarSubjects, SubjectMentions, DsarSources, DsarCollector],
  exports: [DsarSubjects, SubjectMentions, DsarSources, DsarCollector],
})
export class DsarCollectionModule {}
