import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { PasswordHashingModule } from '../auth/password-hashing.module';
import { DsarModule } from '../dsar/dsar.module';
import { DsarSharedModule } from '../dsar/shared/dsar-shared.module';
import { MessagesModule } from '../messages/messages.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleModule } from '../people/people.module';
import { RecordingsModule } from '../recordings/recordings.module';
import { SettingsModule } from '../settings/settings.module';
import { TicketsModule } from '../tickets/tickets.module';
import { UsersModule } from '../users/users.module';
import { DemoController } from './demo.controller';
import { DemoHelpdesk } from './demo-helpdesk.service';
import { DemoSeed } from './demo-seed.service';
import { DemoSeedRepository } from './demo-seed.repository';

@Module({
  imports: [
    UsersModule,
    PasswordHashingModule,
    OrganisationsModule,
    PeopleModule,
    TicketsModule,
    MessagesModule,
    AttachmentsModule,
    RecordingsModule,
    DsarModule,
    DsarSharedModule,
    SettingsModule,
  ],
  controllers: [DemoController],
  providers: [DemoSeed, DemoHelpdesk, DemoSeedRepository],
  exports: [DemoSeed],
})
export class DemoModule {}
