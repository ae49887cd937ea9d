import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { BlobsModule } from '../../blobs/blobs.module';
import { RealtimeModule } from '../../realtime/realtime.module';
import { TicketsModule } from '../../tickets/tickets.module';
import { DsarCollectionModule } from '../collection/dsar-collection.module';
import { DsarIntakeModule } from '../intake/dsar-intake.module';
import { DsarSharedModule } from '../shared/dsar-shared.module';
import { DsarErasureRescan } from './dsar-erasure-rescan.service';
import { DsarEraser } from './dsar-erasure.service';
import { ErasedRequesterTickets } from './erased-requester-tickets.service';

/** Erasure (Art. 17): its preview, the erasure itself, and the re-scan it ends with. */
@Module({
  imports: [
    DsarSharedModule,
    DsarCollectionModule,
    DsarIntakeModule,
    TicketsModule,
    RealtimeModule,
    AuditModule,
    BlobsModule,
  ],
  providers: [DsarEraser, DsarErasureRescan, ErasedRequesterTickets],
  exports: [DsarEraser, DsarErasureRescan],
})
export class DsarErasureModule {}
