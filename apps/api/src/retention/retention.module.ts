import { Module } from '@nestjs/common';
import { PrivacyModule } from '../privacy/privacy.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { BlobOutbox } from './blob-outbox';
import { ClosedTicketAnonymiser } from './closed-ticket-anonymiser';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';

@Module({
  imports: [PrivacyModule, RealtimeModule],
  controllers: [RetentionController],
  providers: [RetentionService, BlobOutbox, ClosedTicketAnonymiser],
  exports: [RetentionService],
})
export class RetentionModule {}
