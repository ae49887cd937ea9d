import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CollectionProgressRepository } from '../dsar/shared/collection-progress.repository';
import { DsarModule } from '../dsar/dsar.module';
import { MessagesModule } from '../messages/messages.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleModule } from '../people/people.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { RecordingsModule } from '../recordings/recordings.module';
import { TicketsModule } from '../tickets/tickets.module';
import { UsersModule } from '../users/users.module';
import { DemoController } from './demo.controller';
import { DemoHelpdesk } from './demo-helpdesk.service';
import { DemoSeed } from './demo-seed';
import { DemoSeedRepository } from './demo-seed.repository';

@Module({
  imports: [
    UsersModule,
    OrganisationsModule,
    PeopleModule,
    TicketsModule,
    MessagesModule,
    AttachmentsModule,
    RecordingsModule,
    DsarModule,
    PrivacyModule,
  ],
  controllers: [DemoController],
  providers: [DemoSeed, DemoHelpdesk, DemoSeedRepository, CollectionProgressRepository],
  exports: [DemoSeed],
})
export class DemoModule {}
