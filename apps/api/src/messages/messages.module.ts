import { Module } from '@nestjs/common';
import { MailNotificationsModule } from '../mail/outbox/mail-notifications.module';
import { PrivacyCoreModule } from '../privacy/privacy-core.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { SlaModule } from '../sla/sla.module';
import { TicketsModule } from '../tickets/tickets.module';
import { MessagesController } from './messages.controller';
import { MessagesDataModule } from './messages-data.module';
import { MessagesService } from './messages.service';

/** Replies and internal notes on tickets. */
@Module({
  imports: [
    MessagesDataModule,
    TicketsModule,
    SlaModule,
    RealtimeModule,
    PrivacyCoreModule,
    MailNotificationsModule,
  ],
  controllers: [MessagesController],
  providers: [MessagesService],
  exports: [MessagesService, MessagesDataModule],
})
export class MessagesModule {}
