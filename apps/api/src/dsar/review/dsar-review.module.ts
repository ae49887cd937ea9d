import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { PrivacyCoreModule } from '../../privacy/privacy-core.module';
import { DsarCollectionModule } from '../collection/dsar-collection.module';
import { DsarIntakeModule } from '../intake/dsar-intake.module';
import { DsarSharedModule } from '../shared/dsar-shared.module';
import { DsarReview } from './dsar-review.service';

/** The DPO's review of what was collected: exclusions and redactions. */
@Module({
  imports: [DsarSharedModule, DsarCollectionModule, DsarIntakeModule, PrivacyCoreModule, AuditModule],
  providers: [DsarReview],
  exports: [DsarReview],
})
export class DsarReviewModule {}
