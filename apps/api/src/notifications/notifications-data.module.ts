import { Module } from '@nestjs/common';
import { SlaWarningReadsDsarRepository } from './sla-warning-reads-dsar.repository';

/** The notifications tables' repositories that data-subject requests need, alone. */
@Module({ providers: [SlaWarningReadsDsarRepository], exports: [SlaWarningReadsDsarRepository] })
export class NotificationsDataModule {}
