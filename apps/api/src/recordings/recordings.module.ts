import { Module } from '@nestjs/common';
import { CallLogImport } from './call-log-import';
import { RecordingSearch } from './recording-search.service';
import { RecordingsController } from './recordings.controller';
import { RecordingsService } from './recordings.service';

@Module({
  controllers: [RecordingsController],
  providers: [RecordingsService, CallLogImport, RecordingSearch],
  exports: [RecordingsService, CallLogImport],
})
export class RecordingsModule {}
