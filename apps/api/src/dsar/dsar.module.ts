import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DsarCollectionModule } from './collection/dsar-collection.module';
import { DsarController } from './dsar.controller';
import { DsarErasureModule } from './erasure/dsar-erasure.module';
import { DsarExportModule } from './export/dsar-export.module';
import { DsarIntakeModule } from './intake/dsar-intake.module';
import { DsarReviewModule } from './review/dsar-review.module';

/**
 * Data-subject requests, by stage: intake → collection → review → export, and erasure. Each stage
 * is its own module and imports only the stages before it; this one serves the routes.
 */
@Module({
  imports: [
    AuthModule,
    DsarIntakeModule,
    DsarCollectionModule,
    DsarReviewModule,
    DsarExportModule,
    DsarErasureModule,
  ],
  controllers: [DsarController],
  exports: [DsarIntakeModule, DsarErasureModule],
})
export class DsarModule {}
