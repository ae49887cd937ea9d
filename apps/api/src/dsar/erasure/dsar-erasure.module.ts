import { Module } from '@nestjs/common';
import { DraftsDataModule } from '../../drafts/drafts-data.module';
import { AttachmentsDataModule } from '../../attachments/attachments-data.module';
import { AuditModule } from '../../audit/audit.module';
import { AuthModule } from '../../auth/auth.module';
import { BlobsModule } from '../../blobs/blobs.module';
import { MailPrivacyDataModule } from '../../mail/shared/mail-privacy-data.module';
import { MessagesDataModule } from '../../messages/messages-data.module';
import { NotificationsDataModule } from '../../notifications/notifications-data.module';
import { PeopleDataModule } from '../../people/people-data.module';
import { PrivacyCoreModule } from '../../privacy/privacy-core.module';
import { RealtimeModule } from '../../realtime/realtime.module';
import { RecordingsDataModule } from '../../recordings/recordings-data.module';
import { SlaModule } from '../../sla/sla.module';
import { TicketsModule } from '../../tickets/tickets.module';
import { UsersModule } from '../../users/users.module';
import { DsarCollectionModule } from '../collection/dsar-collection.module';
import { DsarIntakeModule } from '../intake/dsar-intake.module';
import { DsarSharedModule } from '../shared/dsar-shared.module';
import { DsarErasureRescan } from './dsar-erasure-rescan.service';
import { DsarEraser } from './dsar-erasure.service';
import { ErasedRequesterTickets } from './erased-requester-tickets.service';
import { MailErasure } from './mail-erasure.service';

/** Erasure (Art. 17): its preview, the erasure itself, and the re-scan it ends with. */
@Module({
  imports: [
    DsarSharedModule,
    DsarCollectionModule,
    DsarIntakeModule,
    // Every feature's table that holds the subject's data; auth for their sessions.
    PeopleDataModule,
    UsersModule,
    AuthModule,
    TicketsModule,
    MessagesDataModule,
    AttachmentsDataModule,
    RecordingsDataModule,
    MailPrivacyDataModule,
    DraftsDataModule,
    NotificationsDataModule,
    SlaModule,
    PrivacyCoreModule,
    RealtimeModule,
    AuditModule,
    BlobsModule,
  ],
  providers: [DsarEraser, DsarErasureRescan, ErasedRequesterTickets, MailErasure],
  exports: [DsarEraser, DsarErasureRescan],
})
export class DsarErasureModule {}
