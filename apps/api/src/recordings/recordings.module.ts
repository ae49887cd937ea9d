import { Module } from '@nestjs/common';
import { CallLogImport } from './call-log-import';
import { RecordingsController } from './recordings.controller';
import { RecordingsService } from './recordings.service';

@Module({
  controllers: [RecordingsController],
  providers: [RecordingsService, CallLogImport],
  exports: [RecordingsService, CallLogImport],
})
export class RecordingsModule {}
