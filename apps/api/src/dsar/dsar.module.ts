import { Module } from '@nestjs/common';
import { PrivacyModule } from '../privacy/privacy.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { DsarCollector } from './dsar-collector';
import { DsarEraser } from './dsar-eraser';
import { DsarExports } from './dsar-exports.service';
import { DsarPackager } from './dsar-package';
import { DsarReleases } from './dsar-releases';
import { DsarReview } from './dsar-review.service';
import { DsarSources } from './dsar-sources';
import { DsarSubjects } from './dsar-subject';
import { DsarController } from './dsar.controller';
import { DsarService } from './dsar.service';

@Module({
  imports: [PrivacyModule, RealtimeModule],
  controllers: [DsarController],
  providers: [
    DsarService,
    DsarSubjects,
    DsarSources,
    DsarCollector,
    DsarReview,
    DsarPackager,
    DsarReleases,
    DsarExports,
    DsarEraser,
  ],
  exports: [DsarService],
})
export class DsarModule {}
