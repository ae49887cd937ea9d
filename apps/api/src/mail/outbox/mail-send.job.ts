import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../../jobs/job-scheduler.service';
import { MAIL_SEND_JOB } from './mail-notifications.service';
import { MailSender } from './mail-sender.service';

/**
 * Sends queued mail: woken right after a change queues some (MailNotifications.sent), and every
 * minute for retries that came due and for wake-ups an instance without jobs could not give.
 */
@Injectable()
export class MailSendJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly sender: MailSender,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: MAIL_SEND_JOB,
      cron: '* * * * *',
      pollingIntervalSeconds: 1,
      run: () => this.sender.drain(),
    });
  }
}
