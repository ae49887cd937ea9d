import { Module } from '@nestjs/common';
import { SlaClockService } from './sla-clock.service';

/** The SLA clocks over the business calendar; pure computation, no tables of its own. */
@Module({
  providers: [SlaClockService],
  exports: [SlaClockService],
})
export class SlaModule {}
