import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../../attachments/attachments.module';
import { BlobsModule } from '../../blobs/blobs.module';
import { MessagesModule } from '../../messages/messages.module';
import { OrganisationsModule } from '../../organisations/organisations.module';
import { PrivacyCoreModule } from '../../privacy/privacy-core.module';
import { RetentionModule } from '../../retention/retention.module';
import { TicketsModule } from '../../tickets/tickets.module';
import { UsersModule } from '../../users/users.module';
import { MailDataModule } from '../shared/mail-data.module';
import { MailImporter } from './mail-importer.service';
import { SmtpIntake } from './smtp-intake.service';

/** Inbound mail: the importer (SMTP and IMAP both hand it raw mail) and the SMTP intake. */
@Module({
  imports: [
    MailDataModule,
    TicketsModule,
    MessagesModule,
    AttachmentsModule,
    UsersModule,
    OrganisationsModule,
    PrivacyCoreModule,
    BlobsModule,
    RetentionModule,
  ],
  providers: [MailImporter, SmtpIntake],
  exports: [MailImporter, SmtpIntake],
})
export class MailIntakeModule {}
