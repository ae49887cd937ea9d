import { Module } from '@nestjs/common';
import { SlaWarningReadsDsarRepository } from './sla-warning-reads-dsar.repository';
import { SlaWarningRetentionRepository } from './sla-warning-retention.repository';

/** The notifications tables' repositories that data-subject requests and retention need, alone. */
@Module({
  providers: [SlaWarningReadsDsarRepository, SlaWarningRetentionRepository],
  exports: [SlaWarningReadsDsarRepository, SlaWarningRetentionRepository],
})
export class NotificationsDataModule {}
