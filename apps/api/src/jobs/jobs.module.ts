import { Module } from '@nestjs/common';
import { JobLeaseRepository } from './job-lease.repository';
import { JobScheduler } from './job-scheduler.service';

@Module({ providers: [JobScheduler, JobLeaseRepository], exports: [JobScheduler] })
export class JobsModule {}
