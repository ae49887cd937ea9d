import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../../jobs/job-scheduler.service';
import { MAILBOX_POLL_JOB, MailboxPoller } from './mailbox-poller.service';

/**
 * Polls every active IMAP mailbox each minute (one mailbox at once when queued with its id, e.g.
 * just after an admin added it). Mailboxes whose server offers IDLE stay connected in between.
 */
@Injectable()
export class MailboxPollJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly poller: MailboxPoller,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: MAILBOX_POLL_JOB,
      cron: '* * * * *',
      pollingIntervalSeconds: 1,
      run: (data) => this.poller.pollDue(typeof data.mailboxId === 'string' ? data.mailboxId : undefined),
    });
  }
}
