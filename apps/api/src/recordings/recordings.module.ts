import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { BlobsModule } from '../blobs/blobs.module';
import { PeopleDataModule } from '../people/people-data.module';
import { PrivacyCoreModule } from '../privacy/privacy-core.module';
import { RetentionModule } from '../retention/retention.module';
import { TicketsDataModule } from '../tickets/tickets-data.module';
import { CallLogImport } from './call-log-import.service';
import { RecordingSearch } from './recording-search.service';
import { RecordingsController } from './recordings.controller';
import { RecordingsDataModule } from './recordings-data.module';
import { RecordingsService } from './recordings.service';

@Module({
  // Retention for the recordings period; people and tickets for what a call links to.
  imports: [
    RecordingsDataModule,
    RetentionModule,
    PeopleDataModule,
    TicketsDataModule,
    AuditModule,
    BlobsModule,
    PrivacyCoreModule,
  ],
  controllers: [RecordingsController],
  providers: [RecordingsService, CallLogImport, RecordingSearch],
  exports: [RecordingsService, CallLogImport, RecordingsDataModule],
})
export class RecordingsModule {}
