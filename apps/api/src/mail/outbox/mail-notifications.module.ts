import { Module } from '@nestjs/common';
import { JobsModule } from '../../jobs/jobs.module';
import { MailNotifications } from './mail-notifications.service';
import { MailOutboxRepository } from './mail-outbox.repository';

/**
 * Queueing notification mail, for the tickets and messages services to call in their own
 * transactions. Apart from the outbox feature (`MailOutboxModule`), which needs tickets back.
 */
@Module({
  imports: [JobsModule],
  providers: [MailOutboxRepository, MailNotifications],
  exports: [MailOutboxRepository, MailNotifications],
})
export class MailNotificationsModule {}
