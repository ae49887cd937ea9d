import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '../jobs/job-scheduler.service';
import { SlaWarningsService } from './sla-warnings.service';

export const SLA_WARNING_JOB = 'sla-warnings';

/** Every minute, warns about the SLA clocks that reached their at-risk point or deadline since. */
@Injectable()
export class SlaWarningJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly warnings: SlaWarningsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: SLA_WARNING_JOB, cron: '* * * * *', run: () => this.run() });
  }

  run(): Promise<{ warned: number }> {
    return this.warnings.warnNewCrossings();
  }
}
