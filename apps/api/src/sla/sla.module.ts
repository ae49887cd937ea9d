import { Module } from '@nestjs/common';
import { ResponseTimesController } from './response-times.controller';
import { SlaClockService } from './sla-clock.service';

/** The SLA clocks over the business calendar; pure computation, no tables of its own. */
@Module({
  controllers: [ResponseTimesController],
  providers: [SlaClockService],
  exports: [SlaClockService],
})
export class SlaModule {}
