import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BlobsModule } from '../blobs/blobs.module';
import { PersonPrivacyRepository } from '../people/person-privacy.repository';
import { PrivacyCoreModule } from '../privacy/privacy.module';
import { RetentionRepository } from '../retention/retention.repository';
import { TicketLookupRepository } from '../tickets/ticket-lookup.repository';
import { CallLogImport } from './call-log-import.service';
import { RecordingSearch } from './recording-search.service';
import { RecordingsController } from './recordings.controller';
import { RecordingsRepository } from './recordings.repository';
import { RecordingsService } from './recordings.service';

@Module({
  imports: [AuditModule, BlobsModule, PrivacyCoreModule],
  controllers: [RecordingsController],
  providers: [
    RecordingsService,
    CallLogImport,
    RecordingSearch,
    RecordingsRepository,
    // The recordings period, people and tickets a call links to: other folders' tables.
    PersonPrivacyRepository,
    RetentionRepository,
    TicketLookupRepository,
  ],
  exports: [RecordingsService, CallLogImport],
})
export class RecordingsModule {}
