import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { DsarModule } from '../dsar/dsar.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { RecordingsModule } from '../recordings/recordings.module';
import { TicketsModule } from '../tickets/tickets.module';
import { UsersModule } from '../users/users.module';
import { DemoController } from './demo.controller';
import { DemoHelpdesk } from './demo-helpdesk';
import { DemoSeed } from './demo-seed';

@Module({
  imports: [UsersModule, TicketsModule, AttachmentsModule, RecordingsModule, DsarModule, PrivacyModule],
  controllers: [DemoController],
  providers: [DemoSeed, DemoHelpdesk],
  exports: [DemoSeed],
})
export class DemoModule {}
