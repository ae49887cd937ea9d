import { Module } from '@nestjs/common';
import { JobsModule } from '../jobs/jobs.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { NotificationsController } from './notifications.controller';
import { SlaWarningJob } from './sla-warning.job';
import { SlaWarningsRepository } from './sla-warnings.repository';
import { SlaWarningsService } from './sla-warnings.service';

/** In-app notifications: SLA warnings, sent by a job over the socket and listed for the console. */
@Module({
  imports: [JobsModule, RealtimeModule],
  controllers: [NotificationsController],
  providers: [SlaWarningsRepository, SlaWarningsService, SlaWarningJob],
})
export class NotificationsModule {}
