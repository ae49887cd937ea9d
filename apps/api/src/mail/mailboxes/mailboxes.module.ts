import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { JobsModule } from '../../jobs/jobs.module';
import { MailIntakeModule } from '../intake/mail-intake.module';
import { MailboxLeaseRepository } from './mailbox-lease.repository';
import { MailboxPollJob } from './mailbox-poll.job';
import { MailboxPoller } from './mailbox-poller.service';
import { MailboxSyncService } from './mailbox-sync.service';
import { MailboxesController } from './mailboxes.controller';
import { MailboxesRepository } from './mailboxes.repository';
import { MailboxesService } from './mailboxes.service';

/** IMAP mailboxes: the admin routes, the poll job and the listening connections. */
@Module({
  imports: [AuditModule, JobsModule, MailIntakeModule],
  controllers: [MailboxesController],
  providers: [
    MailboxesService,
    MailboxesRepository,
    MailboxLeaseRepository,
    MailboxSyncService,
    MailboxPoller,
    MailboxPollJob,
  ],
  exports: [MailboxesRepository],
})
export class MailboxesModule {}
