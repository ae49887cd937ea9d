import { Module } from '@nestjs/common';
import { RetentionPeriodsRepository } from './retention-periods.repository';

/** The periods in force alone: privacy (RoPA, notice) and DSAR packages quote them, below retention. */
@Module({ providers: [RetentionPeriodsRepository], exports: [RetentionPeriodsRepository] })
export class RetentionDataModule {}
