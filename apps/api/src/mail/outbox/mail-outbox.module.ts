import { Module } from '@nestjs/common';
import { JobsModule } from '../../jobs/jobs.module';
import { MailIntakeModule } from '../intake/mail-intake.module';
import { PrivacyCoreModule } from '../../privacy/privacy-core.module';
import { TicketsModule } from '../../tickets/tickets.module';
import { MailNotificationsModule } from './mail-notifications.module';
import { MailOutboxController } from './mail-outbox.controller';
import { MailOutboxService } from './mail-outbox.service';
import { MailRecipientsRepository } from './mail-recipients.repository';
import { MailSendJob } from './mail-send.job';
import { MailSender } from './mail-sender.service';
import { MailSubscriptionsRepository } from './mail-subscriptions.repository';

/** Outbound mail: the send job, the admins' outbox, mail settings and staff subscriptions. */
@Module({
  imports: [MailNotificationsModule, TicketsModule, PrivacyCoreModule, JobsModule, MailIntakeModule],
  controllers: [MailOutboxController],
  providers: [
    MailOutboxService,
    MailSender,
    MailSendJob,
    MailRecipientsRepository,
    MailSubscriptionsRepository,
  ],
  exports: [MailSender, MailNotificationsModule],
})
export class MailOutboxModule {}
