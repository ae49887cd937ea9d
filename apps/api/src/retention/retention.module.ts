import { Module } from '@nestjs/common';
import { AttachmentRedactionRepository } from '../attachments/attachment-redaction.repository';
import { AuditModule } from '../audit/audit.module';
import { BlobsModule } from '../blobs/blobs.module';
import { DsarRetentionRepository } from '../dsar/shared/dsar-retention.repository';
import { JobsModule } from '../jobs/jobs.module';
import { MessageRedactionRepository } from '../messages/message-redaction.repository';
import { PersonPrivacyRepository } from '../people/person-privacy.repository';
import { PrivacyCoreModule, PrivacyModule } from '../privacy/privacy.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { RecordingRetentionRepository } from '../recordings/recording-retention.repository';
import { RecordingsRepository } from '../recordings/recordings.repository';
import { TicketRetentionRepository } from '../tickets/ticket-retention.repository';
import { FormerCustomerRepository } from '../users/former-customer.repository';
import { BlobOutbox } from './blob-outbox.service';
import { ClosedTicketAnonymiser } from './closed-ticket-anonymiser.service';
import { RetentionController } from './retention.controller';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

@Module({
  imports: [PrivacyModule, PrivacyCoreModule, RealtimeModule, AuditModule, BlobsModule, JobsModule],
  controllers: [RetentionController],
  providers: [
    RetentionService,
    BlobOutbox,
    ClosedTicketAnonymiser,
    RetentionRepository,
    // Other folders' tables, for retention's statements on them; the owning modules provide
    // these once those modules exist.
    AttachmentRedactionRepository,
    DsarRetentionRepository,
    FormerCustomerRepository,
    MessageRedactionRepository,
    PersonPrivacyRepository,
    RecordingRetentionRepository,
    RecordingsRepository,
    TicketRetentionRepository,
  ],
  exports: [RetentionService],
})
export class RetentionModule {}
