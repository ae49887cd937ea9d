import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { BlobsModule } from '../../blobs/blobs.module';
import { PeopleModule } from '../../people/people.module';
import { PrivacyCoreModule } from '../../privacy/privacy-core.module';
import { DsarCollectionModule } from '../collection/dsar-collection.module';
import { DsarSharedModule } from '../shared/dsar-shared.module';
import { DsarService } from './dsar.service';

/** A request's lifecycle: intake, verification, the clock, and the rights that need no collection. */
@Module({
  imports: [
    DsarSharedModule,
    DsarCollectionModule,
    PeopleModule,
    PrivacyCoreModule,
    AuditModule,
    BlobsModule,
  ],
  providers: [DsarService],
  exports: [DsarService],
})
export class DsarIntakeModule {}
