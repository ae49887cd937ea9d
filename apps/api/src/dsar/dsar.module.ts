import { Module } from '@nestjs/common';
import { PrivacyModule } from '../privacy/privacy.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { TicketsModule } from '../tickets/tickets.module';
import { DsarCollector } from './collection/dsar-collection.job';
import { DsarEraser } from './erasure/dsar-erasure.service';
import { DsarErasureRescan } from './erasure/dsar-erasure-rescan.service';
import { SubjectMentions } from './collection/dsar-mentions.service';
import { ErasedRequesterTickets } from './erasure/erased-requester-tickets.service';
import { DsarExports } from './export/dsar-exports.service';
import { DsarPackager } from './export/dsar-package.service';
import { DsarReleases } from './export/dsar-releases.service';
import { DsarReview } from './review/dsar-review.service';
import { DsarSources } from './collection/dsar-sources.service';
import { DsarSubjects } from './collection/dsar-subject.service';
import { DsarController } from './dsar.controller';
import { DsarService } from './intake/dsar.service';

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
