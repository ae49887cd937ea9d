import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { BlobsModule } from '../../blobs/blobs.module';
import { PrivacyCoreModule } from '../../privacy/privacy-core.module';
import { RetentionDataModule } from '../../retention/retention-data.module';
import { RetentionModule } from '../../retention/retention.module';
import { SettingsModule } from '../../settings/settings.module';
import { DsarIntakeModule } from '../intake/dsar-intake.module';
import { DsarReviewModule } from '../review/dsar-review.module';
import { DsarSharedModule } from '../shared/dsar-shared.module';
import { DsarExports } from './dsar-exports.service';
import { DsarPackager } from './dsar-package.service';
import { DsarReleases } from './dsar-releases.service';

/** The answer package: exported, released behind an expiring link, and downloaded. */
@Module({
  imports: [
    DsarSharedModule,
    DsarIntakeModule,
    DsarReviewModule,
    // Retention for how long a package is kept.
    RetentionModule,
    // The periods in force, for the supplementary information.
    RetentionDataModule,
    PrivacyCoreModule,
    AuditModule,
    BlobsModule,
    SettingsModule,
  ],
  providers: [DsarPackager, DsarReleases, DsarExports],
  exports: [DsarReleases, DsarExports],
})
export class DsarExportModule {}
