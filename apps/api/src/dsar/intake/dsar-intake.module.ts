import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { BlobsModule } from '../../blobs/blobs.module';
import { PrivacyModule } from '../../privacy/privacy.module';
import { DsarCollectionModule } from '../collection/dsar-collection.module';
import { DsarSharedModule } from '../shared/dsar-shared.module';
import { DsarService } from './dsar.service';

/** A request's lifecycle: intake, verification, the clock, and the rights that need no collection. */
@Module({
  imports: [DsarSharedModule, DsarCollectionModule, PrivacyModule, AuditModule, BlobsModule],
  providers: [DsarService],
  exports: [DsarService],
})
export class DsarIntakeModule {}
