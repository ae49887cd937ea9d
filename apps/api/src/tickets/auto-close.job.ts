import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../jobs/job-scheduler.service';
import { TicketsService } from './tickets.service';

/** Resolved tickets close by themselves after 7 days; checked every hour. */
@Injectable()
export class AutoCloseJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly tickets: TicketsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({
      name: 'tickets-auto-close',
      cron: '7 * * * *',
      run: async () => ({ closed: await this.tickets.closeStaleResolved() }),
    });
  }
}
