import { Module } from '@nestjs/common';
import { ResponseTimesController } from './response-times.controller';
import { AuditModule } from '../audit/audit.module';
import { SlaClockService } from './sla-clock.service';
import { SlaSettingsController } from './sla-settings.controller';
import { SlaSettingsRepository } from './sla-settings.repository';
import { SlaSettings } from './sla-settings.service';

/** The SLA clocks over the business calendar, and the calendar and targets admins edit. */
@Module({
  imports: [AuditModule],
  controllers: [ResponseTimesController, SlaSettingsController],
  providers: [SlaClockService, SlaSettings, SlaSettingsRepository],
  exports: [SlaClockService, SlaSettings],
})
export class SlaModule {}
