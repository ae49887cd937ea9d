import { Module } from '@nestjs/common';
import { PrivacyModule } from '../privacy/privacy.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { TicketsModule } from '../tickets/tickets.module';
import { DsarCollector } from './dsar-collector';
import { DsarEraser } from './dsar-eraser';
import { DsarErasureRescan } from './dsar-erasure-rescan';
import { SubjectMentions } from './dsar-mentions';
import { ErasedRequesterTickets } from './dsar-open-tickets';
import { DsarExports } from './dsar-exports.service';
import { DsarPackager } from './dsar-package';
import { DsarReleases } from './dsar-releases';
import { DsarReview } from './dsar-review.service';
import { DsarSources } from './dsar-sources';
import { DsarSubjects } from './dsar-subject';
import { DsarController } from './dsar.controller';
import { DsarService } from './dsar.service';

@Module({
  imports: [PrivacyModule, RealtimeModule, TicketsModule],
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
    SubjectMentions,
    DsarErasureRescan,
    ErasedRequesterTickets,
  ],
  exports: [DsarService],
})
export class DsarModule {}
