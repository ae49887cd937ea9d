import { Module } from '@nestjs/common';
import { EmailDsarRepository } from './email-dsar.repository';
import { EmailErasureRepository } from './email-erasure.repository';
import { EmailRetentionRepository } from './email-retention.repository';
import { OutboxDsarRepository } from './outbox-dsar.repository';
import { OutboxRetentionRepository } from './outbox-retention.repository';
import { UndeliverableDsarRepository } from './undeliverable-dsar.repository';

const REPOSITORIES = [
  EmailDsarRepository,
  EmailErasureRepository,
  EmailRetentionRepository,
  OutboxDsarRepository,
  OutboxRetentionRepository,
  UndeliverableDsarRepository,
];

/**
 * The statements data-subject requests and retention run on the mail tables, alone (importing
 * nothing), so the DSAR stages and the retention run can use them without the mail features.
 */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class MailPrivacyDataModule {}
